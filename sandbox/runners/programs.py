"""Assay program runner: compiled and exec'd languages, and plans of many stdin/stdout tests.

Loaded by pyrunner.py (the fork-server beside this file) inside the sandbox, for a request whose
language is cpp, javascript, go or rust, or that carries "tests". run(req, seq, runner) serves it
with the runner's own execute() (one forked child, CPU-time and wall limits, output cap, sweep):

1. compile once: the program's files go to a fresh build dir; cpp, go and rust are compiled
   there (javascript and python get a syntax check) in a child with req["compile"] limits
   ("timeout_ms" of CPU for the compiler's whole process tree, three times that of wall time,
   "memory_mb" as RLIMIT_DATA of each compiler process). The binary is named by a hash of the
   language and the files (the request's "compile once per (language, source hash)").
2. run: without "tests", once with req["stdin"] (the reply is shaped as pyrunner's run_one
   reply, plus "compile"); with "tests" {"inputs", "expected", "checker", "stop_on_failure",
   "total_ms"}, once per input, each exec'd fresh in a fresh work dir (every scratch dir but the
   build dir is wiped between tests) with the request's per-test limits, until the first failure
   (stop_on_failure) or the end. The total CPU time of all tests is bounded by "total_ms" (wall:
   three times it); a test stopped by it is a timeout with "total_limit".
3. check, here in the runner (the program's processes are gone by then and never saw the
   expected output): "exact" compares whitespace-separated tokens, "float" compares numeric
   tokens within "abs" or "rel", "program" runs a checker program (compiled once, like the
   program) as testlib's checkers run: checker <input> <output> <answer>, exit 0 accepts, 1 or 2
   reject, anything else is a checker failure and rejects.
4. the build dir, and with it the binary, is deleted when the runner wipes its scratch dirs.

A program's memory is bounded by RLIMIT_DATA (so a failed allocation, not an OOM kill, ends a
hog) and its stack by RLIMIT_STACK (min(256 MB, memory); Node: 8 MB, as each of its threads
reserves that much); Node's heap limit is the memory limit.
"""
import hashlib
import os
import re
import sys
import time

PY = sys.executable
PY_CHECK = "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')"
GO_ENV = {"GO111MODULE": "off", "CGO_ENABLED": "0", "GOFLAGS": "", "GOTOOLCHAIN": "local",
          "GOPROXY": "off", "GOTELEMETRY": "off"}
# file: the source's name; build: the compile command (its output is {bin}); check: a syntax
# check instead; run: the command of one run ({src}, {bin}, {heap_mb}, {stack_kb}).
LANGS = {
    "python": {"file": "main.py", "check": [PY, "-s", "-c", PY_CHECK, "{src}"],
               "run": [PY, "-s", "{src}"]},
    "cpp": {"file": "main.cpp", "run": ["{bin}"],
            "build": ["/usr/bin/g++", "-O2", "-std=c++17", "-pipe", "-DONLINE_JUDGE",
                      "-o", "{bin}", "{src}"]},
    "javascript": {"file": "main.js", "check": ["/usr/bin/node", "--check", "{src}"],
                   "run": ["/usr/bin/node", "--max-old-space-size={heap_mb}",
                           "--stack-size=7000", "{src}"], "stack_mb": 8},
    "go": {"file": "main.go", "run": ["{bin}"], "env": GO_ENV,
           "build": ["/usr/bin/go", "build", "-p", "1", "-o", "{bin}", "{src}"]},
    "rust": {"file": "main.rs", "run": ["{bin}"],
             "build": ["/usr/bin/rustc", "-O", "--edition", "2021", "-C", "strip=symbols",
                       "-o", "{bin}", "{src}"]},
}
COMPILE_OUTPUT_CAP = 256 * 1024
COMPILE_FSIZE_MB = 64
MAX_CASE_CAP = 64 * 1024 * 1024
CHECKER_TIMEOUT_MS = 10000
CHECKER_MEMORY_MB = 512
EXCERPT = 200
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")


def run(req, seq, runner):
    t0 = time.monotonic()
    out = serve(req, seq, runner)
    out.setdefault("wall_ms", int((time.monotonic() - t0) * 1000))
    return out


def serve(req, seq, runner):
    lang = req.get("language", "python")
    if lang not in LANGS:
        raise ValueError("no program runner for language %r" % lang)
    plan = req.get("tests")
    build = os.path.join(runner.WORK_ROOT, "build%d" % seq)
    prog = Program(runner, lang, build, req.get("source", ""), req.get("files") or {})
    compiled = prog.compile(req.get("compile") or {}, req)
    if plan is None:
        if not compiled["ok"]:
            return {"compile": compiled, "compile_error": True, "exit_code": -1, "signal": 0,
                    "stdout": "", "stderr": compiled["output"], "wall_ms": compiled["wall_ms"],
                    "cpu_ms": 0, "maxrss_kb": -1, "timeout_ms": int(req.get("timeout_ms", 0))}
        workdir = os.path.join(runner.WORK_ROOT, "run%d" % seq)
        os.mkdir(workdir, 0o700)
        reply = prog.run_once(req, req.get("stdin") or "", workdir, None)
        reply["compile"] = compiled
        return reply
    out = {"compile": compiled, "cases": [], "total_limit_hit": False}
    checker = None
    if compiled["ok"] and (plan.get("checker") or {}).get("mode") == "program":
        c = plan["checker"]
        checker = Program(runner, c.get("language", "python"),
                          os.path.join(runner.WORK_ROOT, "checker%d" % seq), c.get("source", ""), {})
        out["checker_compile"] = checker.compile(
            {"timeout_ms": c.get("compile_timeout_ms", 20000),
             "memory_mb": c.get("compile_memory_mb", 1024)}, req)
    inputs = plan.get("inputs") or []
    if not compiled["ok"] or (checker is not None and not out["checker_compile"]["ok"]):
        out["cases"] = [not_run(i) for i in range(len(inputs))]
        return out
    Plan(runner, req, plan, prog, checker, [build] + ([checker.dir] if checker else [])).run(out)
    return out


def not_run(i):
    return {"index": i, "check": "not_run"}


class Program:
    """One program's files in its build dir, compiled (or checked) once, run many times."""

    def __init__(self, runner, lang, build, source, files):
        self.runner, self.lang, self.dir, self.spec = runner, lang, build, LANGS[lang]
        os.mkdir(build, 0o700)
        files = dict(files)
        files[self.spec["file"]] = source  # the program wins over a support file of its name
        digest = hashlib.sha256(lang.encode())
        for name in sorted(files):
            target = os.path.normpath(os.path.join(build, name))
            if not target.startswith(build + "/"):
                raise ValueError("file name escapes the work dir: " + name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(files[name])
            digest.update(b"\0" + name.encode() + b"\0" + files[name].encode("utf-8", "surrogatepass"))
        self.hash = digest.hexdigest()[:16]
        self.src = os.path.join(build, self.spec["file"])
        self.bin = os.path.join(build, "prog-" + self.hash)

    def argv(self, key, mem_mb=256):
        subst = {"src": self.src, "bin": self.bin, "heap_mb": str(max(16, mem_mb))}
        return [a.format(**subst) if "{" in a else a for a in self.spec[key]]

    def compile(self, limits, req):
        """Compiles (or syntax-checks) once; returns the compile reply ("ok" and the evidence)."""
        step = "build" if "build" in self.spec else "check" if "check" in self.spec else None
        if step is None:
            return {"ok": True, "hash": self.hash, "cpu_ms": 0, "wall_ms": 0, "maxrss_kb": -1,
                    "output": ""}
        timeout = int(limits.get("timeout_ms", 20000))
        mem = int(limits.get("memory_mb", 1024))
        env = {"HOME": self.dir, "TMPDIR": self.dir}
        if "env" in self.spec:
            env.update(self.spec["env"])
            env.update(GOCACHE=os.path.join(self.dir, ".gocache"), GOPATH=os.path.join(self.dir, ".gopath"))
        creq = {"argv": self.argv(step), "env": env, "timeout_ms": timeout, "wall_ms": timeout * 3,
                "cpus": req.get("cpus"), "output_cap": COMPILE_OUTPUT_CAP, "memory_mb": mem,
                "data_mb": mem, "cpu_s": (timeout + 999) // 1000 + 1, "fsize_mb": COMPILE_FSIZE_MB}
        r = self.runner.execute(creq, self.dir, os.open("/dev/null", os.O_RDONLY))
        made = step == "check" or os.path.isfile(self.bin)
        limit = r["timed_out"] or r["cpu_limit"] or r["output_limit"] or r["memory_error"] or r["killed"]
        out = (r["stderr"] + ("\n" + r["stdout"] if r["stdout"].strip() else "")).strip()
        return {"ok": r["exit_code"] == 0 and r["signal"] == 0 and made and not limit,
                "hash": self.hash, "exit_code": r["exit_code"], "signal": r["signal"],
                "timed_out": r["timed_out"], "cpu_limit": r["cpu_limit"],
                "output_limit": r["output_limit"], "memory_error": r["memory_error"],
                "killed": r["killed"], "timeout_ms": timeout, "cpu_ms": r["cpu_ms"],
                "wall_ms": r["wall_ms"], "maxrss_kb": r["maxrss_kb"], "output": out[-8192:],
                "starved": r.get("starved", False)}

    def run_once(self, req, stdin, workdir, limits):
        """One run of the program with stdin in workdir: pyrunner's reply for it."""
        limits = limits or {}
        mem = int(req.get("memory_mb", 256))
        # a deep recursion may use the memory limit as stack (at most 256 MB); Node's threads
        # each reserve the stack limit, so it keeps 8 MB (V8's own limit set just below)
        stack = self.spec.get("stack_mb", min(256, mem))
        timeout = int(limits.get("timeout_ms", req.get("timeout_ms", 5000)))
        rreq = {"argv": self.argv("run", mem), "timeout_ms": timeout,
                "wall_ms": int(limits.get("wall_ms", timeout * 3)), "cpus": req.get("cpus"),
                "output_cap": int(limits.get("output_cap", req.get("output_cap", 65536))),
                "memory_mb": mem, "data_mb": mem, "stack_mb": stack,
                "cpu_s": (timeout + 999) // 1000 + 1, "fsize_mb": req.get("fsize_mb", 16)}
        if self.lang == "python":
            rreq["env"] = {"PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        return self.runner.execute(rreq, workdir, stdin_fd(self.runner.WORK_ROOT, stdin))


def stdin_fd(root, text):
    if not text:
        return os.open("/dev/null", os.O_RDONLY)
    path = os.path.join(root, ".stdin-%d" % os.getpid())
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    fd = os.open(path, os.O_RDONLY)
    os.unlink(path)
    return fd


class Plan:
    """The tests of one request, run in order against the compiled program."""

    def __init__(self, runner, req, plan, prog, checker, keep):
        self.runner, self.req, self.plan, self.prog, self.checker = runner, req, plan, prog, checker
        self.keep = keep
        self.per_test = max(1, int(req.get("timeout_ms", 5000)))
        self.total = max(1, int(plan.get("total_ms", self.per_test)))
        self.expected = plan.get("expected") or []
        c = plan.get("checker") or {}
        self.mode = c.get("mode", "exact")
        self.abs, self.rel = float(c.get("abs", 1e-6)), float(c.get("rel", 1e-6))

    def run(self, out):
        inputs = self.plan.get("inputs") or []
        used_cpu = used_wall = 0
        stop = False
        for i, stdin in enumerate(inputs):
            if stop:
                out["cases"].append(not_run(i))
                continue
            cpu_left, wall_left = self.total - used_cpu, self.total * 3 - used_wall
            if cpu_left <= 0 or wall_left <= 0:
                out["total_limit_hit"], stop = True, True
                out["cases"].append(not_run(i))
                continue
            limit, wall = min(self.per_test, cpu_left), min(self.per_test * 3, wall_left)
            want = self.expected[i] if i < len(self.expected) else None
            cap = int(self.req.get("output_cap", 65536))
            if want is not None:
                cap = min(MAX_CASE_CAP, max(cap, 2 * len(want.encode("utf-8")) + 4096))
            case_dir = os.path.join(self.runner.WORK_ROOT, "case%d" % i)
            os.mkdir(case_dir, 0o700)
            r = self.prog.run_once(self.req, stdin, case_dir,
                                   {"timeout_ms": limit, "wall_ms": wall, "output_cap": cap})
            used_cpu += r["cpu_ms"]
            used_wall += max(0, r["wall_ms"] - r.get("waited_ms", 0))  # as the backstop counts it
            total_hit = (r["cpu_limit"] and limit < self.per_test) or (r["timed_out"] and wall < self.per_test * 3)
            case = self.case(i, r, total_hit, stdin, want)
            out["cases"].append(case)
            self.clear()
            if total_hit:
                out["total_limit_hit"], stop = True, True
            if not passed(case) and self.plan.get("stop_on_failure", True):
                stop = True

    def case(self, i, r, total_hit, stdin, want):
        got = r.pop("stdout")
        r.update(index=i, total_limit=total_hit, output=got[:EXCERPT], stderr=r["stderr"][-2048:])
        if not ran_ok(r):
            r.update(check="skipped", message="")
        elif want is None:
            r.update(check="none", message="")
        else:
            ok, why = self.check(stdin, got, want)
            r.update(check="pass" if ok else "fail", message=why)
        return r

    def check(self, stdin, got, want):
        if self.mode == "program":
            return self.run_checker(stdin, got, want)
        a, b = got.split(), want.split()
        if a == b:
            return True, ""
        if self.mode == "float" and len(a) == len(b):
            bad = next((k for k in range(len(a)) if not close(a[k], b[k], self.abs, self.rel)), None)
            if bad is None:
                return True, ""
            return False, "token %d: expected %r, got %r (abs %g, rel %g)" % (
                bad, b[bad][:EXCERPT], a[bad][:EXCERPT], self.abs, self.rel)
        return False, "expected %r, got %r" % (want[:EXCERPT], got[:EXCERPT])

    def run_checker(self, stdin, got, want):
        """testlib's order: checker <input> <output> <answer>; written now, after the program's
        processes are gone, and wiped before the next test runs."""
        d = os.path.join(self.runner.WORK_ROOT, "check")
        os.mkdir(d, 0o700)
        paths = []
        for name, text in (("input.txt", stdin), ("output.txt", got), ("answer.txt", want)):
            paths.append(os.path.join(d, name))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        c = self.checker
        creq = {"argv": c.argv("run", CHECKER_MEMORY_MB) + paths, "timeout_ms": CHECKER_TIMEOUT_MS,
                "wall_ms": CHECKER_TIMEOUT_MS * 3, "cpus": self.req.get("cpus"), "output_cap": 65536,
                "memory_mb": CHECKER_MEMORY_MB, "data_mb": CHECKER_MEMORY_MB, "stack_mb": 64,
                "cpu_s": CHECKER_TIMEOUT_MS // 1000 + 1, "fsize_mb": 16}
        r = self.runner.execute(creq, d, os.open("/dev/null", os.O_RDONLY))
        said = " ".join((r["stderr"] + " " + r["stdout"]).split())[:EXCERPT]
        if ran_ok(r):
            return True, ""
        if r["exit_code"] in (1, 2) and r["signal"] == 0 and not limit_hit(r):
            return False, "checker: " + (said or ("wrong answer" if r["exit_code"] == 1 else "presentation error"))
        why = "time limit" if r["timed_out"] or r["cpu_limit"] else \
            "signal %d" % r["signal"] if r["signal"] else "exit %d" % r["exit_code"]
        return False, "checker failed (%s): %s" % (why, said)

    def clear(self):
        """Everything the test left in the scratch dirs goes, except the build dirs."""
        for d in self.runner.SCRATCH_DIRS:
            try:
                entries = list(os.scandir(d))
            except OSError:
                continue
            for e in entries:
                if e.path in self.keep:
                    continue
                try:
                    if e.is_dir(follow_symlinks=False):
                        self.runner.wipe(e.path)
                        os.rmdir(e.path)
                    else:
                        os.unlink(e.path)
                except OSError:
                    pass


def limit_hit(r):
    return r["timed_out"] or r["cpu_limit"] or r["output_limit"] or r["memory_error"] or r["killed"]


def ran_ok(r):
    return r["exit_code"] == 0 and r["signal"] == 0 and not limit_hit(r) and not r.get("total_limit")


def passed(case):
    return case["check"] in ("pass", "none") and ran_ok(case)


def close(x, y, abs_tol, rel_tol):
    if x == y:
        return True
    if not (NUMBER.match(x) and NUMBER.match(y)):
        return False
    a, b = float(x), float(y)
    if a != a or b != b or a in (float("inf"), float("-inf")) or b in (float("inf"), float("-inf")):
        return False
    d = abs(a - b)
    return d <= abs_tol or d <= rel_tol * abs(b)
