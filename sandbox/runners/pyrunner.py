#!/usr/bin/python3
"""Assay warm runner: a fork-server that lives inside a sandbox, for both backends.

One runner serves the process backend (started by dev.assay.sandbox.process inside bwrap or
unshare, with the flags below) and the docker backend (the entrypoint of the sandbox image,
PID 1 of its container, started by dev.assay.sandbox.docker).

Protocol (over the runner's own stdin/stdout): frames of a 4-byte big-endian length followed by
UTF-8 JSON. The runner first writes {"ready": true, "pid", "pidns", "python"}; then for each
request frame {"id", "language": "python"|"java", "source", "files", "stdin", "timeout_ms" (CPU
time of the program's process tree), "wall_ms" (wall-clock backstop, not counting the time the program waited for a CPU), "cpus" (CPU-seconds per
second the tree can get), "output_cap", "memory_mb", "cpu_s", "fsize_mb"} it forks one child that
runs the program in a fresh work dir and answers with one reply frame (see run_one). Python programs run
in the forked child itself, as a real __main__ module, so the modules in PRELOAD are already
imported (that is the warmth); Java programs are exec'd with the JDK source launcher. The runner
itself never executes candidate code, so a run cannot change the runner's state. A compile error
is told on fd 3, which is closed before any candidate code runs.

C++, JavaScript, Go and Rust programs, and any program given "tests" (a plan of many
stdin/stdout tests), are run by programs.py beside this file (see its docstring): compiled once
per request in a child with the request's "compile" limits, then exec'd fresh for every test.

Between runs: when the runner is PID 1 of its PID namespace it kills every other process
(kill(-1)) and reaps them; it wipes the scratch dirs, checks /dev (--devcheck), SysV IPC and
leftover processes, and answers "clean": false (then exits) when anything is left, so the host
replaces it. Signals from inside the namespace other than SIGKILL/SIGSTOP do not reach an init
without a handler; the runner is not dumpable, so a program cannot ptrace it or read its memory.

SAFETY: /tmp, /dev/shm and kill(-1) belong to the runner only when it is PID 1 (the init of a
container or sandbox PID namespace). Anywhere else (a developer's shell, the "none" isolation)
it works in a private dir and refuses to wipe shared dirs or to signal processes it did not fork.

Flags: --work DIR (where run dirs go; default /tmp as PID 1, else a private temp dir),
--scratch DIR (wiped after every run, repeatable; default /tmp and /dev/shm as PID 1, else the
work dir), --devcheck (replace the runner when /dev changed), --rlimit-mem (kept for the host's
command line: RLIMIT_DATA now bounds every Python run), --drop-caps (children give up their
user-namespace capabilities: the unshare fallback), --oneshot (serve one request then exit),
--pidns (the host expects a PID namespace: refuse to start unless PID 1), --no-preload (skip
warm imports), --full-preload (also warm the heavier modules: the docker image's choice).
"""
import json
import os
import select
import signal
import struct
import sys
import time

IS_INIT = os.getpid() == 1
CLK_TCK = os.sysconf("SC_CLK_TCK")
# The wall-clock backstop is this many times the CPU-time limit when the host does not say.
WALL_FACTOR = 3
# The backstop counts the wall time a run was not kept waiting for a CPU by the machine; how far
# that may stretch it: at most this many times the backstop in wall time (a program starved to
# less than 1/(WALL_FACTOR * STARVED_FACTOR) of a core is stopped there and told "starved").
STARVED_FACTOR = 2
WORK_ROOT = None
SCRATCH_DIRS = []
PRIVATE_ROOT = False
DEV_SNAPSHOT = None
DROP_CAPS = False
LIBC = None
JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"
JAVA_COMPILE_FAILED = "error: compilation failed"
CHILD_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
             "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
# Modules most candidate programs use. Each one makes every fork a little dearer (more pages
# to map and tear down), so heavy ones are only warmed with --full-preload.
PRELOAD = ("collections", "itertools", "functools", "math", "re", "heapq", "bisect", "string",
           "typing", "json", "random", "copy", "traceback", "threading", "atexit", "operator",
           "enum", "contextlib", "io", "struct", "abc", "dataclasses", "types", "resource")
PRELOAD_FULL = ("fractions", "decimal", "statistics", "unittest", "array", "datetime",
                "textwrap", "hashlib", "builtins")
# Shared dirs that only the init of a PID namespace may wipe (there they are its own tmpfs).
SHARED_DIRS = ("/", "/tmp", "/var/tmp", "/dev", "/dev/shm", "/run", "/home", "/root")
IGNORED_BY_RUNNER = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT,
                     signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM, signal.SIGTSTP,
                     signal.SIGTTIN, signal.SIGTTOU, signal.SIGPIPE, signal.SIGXFSZ)


def read_exact(fd, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def read_frame(fd):
    head = read_exact(fd, 4)
    if head is None:
        return None
    (n,) = struct.unpack(">I", head)
    body = read_exact(fd, n)
    return None if body is None else json.loads(body.decode("utf-8"))


def write_frame(fd, obj):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")
    data = struct.pack(">I", len(body)) + body
    while data:
        data = data[os.write(fd, data):]


def drop_capabilities():
    """unshare maps us to root of the user namespace: give the child no capabilities there."""
    import ctypes
    libc = LIBC or ctypes.CDLL(None)
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP
    libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    data = (ctypes.c_uint32 * 6)()
    nr = {"x86_64": 126, "aarch64": 91}.get(os.uname().machine)  # SYS_capset
    if nr is None or libc.syscall(nr, header, data) != 0:
        os._exit(126)  # never run a candidate with capabilities


def set_dumpable(flag):
    """PR_SET_DUMPABLE: the runner is not (its children cannot ptrace it or read its memory);
    each child is made dumpable again so its own /proc/self behaves as usual."""
    global LIBC
    try:
        if LIBC is None:
            import ctypes
            LIBC = ctypes.CDLL(None)
        LIBC.prctl(4, flag, 0, 0, 0)
    except Exception:  # noqa: BLE001 - best effort hardening
        pass


def child_main(req, workdir, fds):
    """Runs in the forked child: set limits, redirect, run the program; never returns."""
    import resource
    os.setsid()
    set_dumpable(1)
    if DROP_CAPS:
        drop_capabilities()
    java = req.get("language", "python") == "java"
    for s in IGNORED_BY_RUNNER + (signal.SIGCHLD,):
        signal.signal(s, signal.SIG_DFL)
    if not java and not req.get("argv"):  # as the interpreter starts: EPIPE, EFBIG are exceptions
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    in_r, out_w, err_w, phase_w = fds
    os.dup2(in_r, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.dup2(phase_w, 3)
    os.closerange(4, 65536)
    cpu = max(1, int(req.get("cpu_s", 10)))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    fsize = int(req.get("fsize_mb", 16)) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    os.chdir(workdir)
    mem_mb = int(req.get("memory_mb", 256))
    if req.get("argv"):
        exec_program(req, mem_mb)
    if java:
        os.close(3)
        args = [JAVA, "-Xmx%dm" % mem_mb, "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Djava.io.tmpdir=" + workdir, os.path.join(workdir, "Main.java")]
        os.execve(JAVA, args, CHILD_ENV)
    extra = mem_mb * 1024 * 1024  # a MemoryError before any cgroup OOM kill can pick the runner
    cur = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cur + extra, cur + extra))
    run_python(req, workdir)


def exec_program(req, mem_mb):
    """Execs req["argv"] (a compiler, a compiled program, an interpreter) with the request's
    environment; its memory is bounded by RLIMIT_DATA (a failed allocation, not an OOM kill of
    something else) and it is the first choice of any OOM kill in its cgroup."""
    import resource
    os.close(3)
    data = int(req.get("data_mb", mem_mb)) * 1024 * 1024
    if data > 0:
        resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    stack = int(req.get("stack_mb", 0)) * 1024 * 1024
    if stack > 0:
        resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    argv = [str(a) for a in req["argv"]]
    env = dict(CHILD_ENV)
    env.update(req.get("env") or {})
    os.execve(argv[0], argv, env)


def run_python(req, workdir):
    import atexit
    import builtins
    import io
    import types
    os.environ.clear()
    os.environ.update(CHILD_ENV)
    atexit._clear()
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
    path = os.path.join(workdir, "main.py")
    sys.argv = [path]
    sys.path[0:0] = [workdir]
    code = 0
    try:
        main_mod = types.ModuleType("__main__")  # a real __main__, as pickle/dataclasses expect
        main_mod.__file__ = path
        main_mod.__builtins__ = builtins
        sys.modules["__main__"] = main_mod
        try:
            code_obj = compile(req.get("source", ""), path, "exec")
        except (SyntaxError, ValueError):
            os.write(3, b"C")  # the program never started: a compile error, told out of band
            raise
        finally:
            os.close(3)  # closed before any candidate code runs, so it cannot forge the mark
        exec(code_obj, main_mod.__dict__)
    except SystemExit as e:
        code = exit_code_of(e)
    except BaseException:  # noqa: BLE001 - mirror the interpreter: print and exit 1
        code = print_uncaught()
    try:
        import threading
        threading._shutdown()
        atexit._run_exitfuncs()
    except SystemExit as e:
        code = exit_code_of(e)
    except BaseException:  # noqa: BLE001
        code = print_uncaught()
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code & 0xFF)


def exit_code_of(e):
    c = e.code
    if c is None:
        return 0
    if isinstance(c, int):
        return c
    try:
        sys.stderr.write(str(c) + "\n")
    except BaseException:  # noqa: BLE001
        pass
    return 1


def print_uncaught():
    try:
        import traceback
        etype, value, tb = sys.exc_info()
        mine = print_uncaught.__code__.co_filename
        while tb is not None and tb.tb_frame.f_code.co_filename == mine:
            tb = tb.tb_next  # hide the runner's own frames, as the interpreter would
        traceback.print_exception(etype, value, tb)
    except BaseException:  # noqa: BLE001
        try:
            os.write(2, b"MemoryError\n")
        except OSError:
            pass
    return 1


def prepare_workdir(req, seq):
    workdir = os.path.join(WORK_ROOT, "run%d" % seq)
    os.mkdir(workdir, 0o700)
    main = "Main.java" if req.get("language", "python") == "java" else "main.py"
    files = dict(req.get("files") or {})
    files[main] = req.get("source", "")  # the program wins over a support file of its name
    for name, content in files.items():
        target = os.path.normpath(os.path.join(workdir, name))
        if not target.startswith(workdir + "/"):
            raise ValueError("file name escapes the work dir: " + name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(content)
    if not req.get("stdin"):
        return workdir, os.open("/dev/null", os.O_RDONLY)
    stdin_path = os.path.join(WORK_ROOT, ".stdin%d" % seq)
    with open(stdin_path, "w", encoding="utf-8") as f:
        f.write(req["stdin"])
    fd = os.open(stdin_path, os.O_RDONLY)
    os.unlink(stdin_path)
    return workdir, fd


def run_one(req, seq):
    """Runs one request in a forked child. Time is CPU time: the child's whole process tree may
    use timeout_ms of CPU ("cpu_limit" when it used more, even if it then exited by itself), and
    wall_ms (a backstop several times larger, for programs that sleep or block) of wall time
    ("timed_out"). The tree is read from /proc only when it could have spent its budget: at
    most cpus CPU-seconds go by per second."""
    if req.get("tests") is not None or req.get("language", "python") not in ("python", "java"):
        reply = programs().run(req, seq, sys.modules[__name__])
    else:
        workdir, in_r = prepare_workdir(req, seq)
        reply = execute(req, workdir, in_r)
    clean, why = check_clean()
    reply.update(id=req.get("id"), clean=clean, unclean_reason=why)
    return reply


PROGRAMS = None


def programs():
    """programs.py, loaded from beside this file on first use (-I keeps it off sys.path)."""
    global PROGRAMS
    if PROGRAMS is None:
        import importlib.util
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs.py")
        spec = importlib.util.spec_from_file_location("assay_programs", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        PROGRAMS = mod
    return PROGRAMS


def execute(req, workdir, in_r):
    """Forks one child that runs req in workdir with stdin in_r (closed here), watches its time,
    output and exit, kills what it leaves, and returns what it saw (see run_one). With
    req["argv"] the child execs that command line instead of running Python or Java."""
    cap = int(req.get("output_cap", 65536))
    cpu_limit = max(1, int(req.get("timeout_ms", 5000))) / 1000.0
    wall_limit = max(1, int(req.get("wall_ms", cpu_limit * 1000 * WALL_FACTOR))) / 1000.0
    rate = max(0.05, float(req.get("cpus") or len(os.sched_getaffinity(0))))
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    phase_r, phase_w = os.pipe()
    base = children_cpu()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            child_main(req, workdir, (in_r, out_w, err_w, phase_w))
        finally:
            os._exit(127)
    for fd in (in_r, out_w, err_w, phase_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    bufs = {out_r: bytearray(), err_r: bytearray()}
    open_fds = [out_r, err_r]
    timed_out = cpu_over = over_cap = exited = starved = False
    deadline = start + wall_limit
    hard_deadline = start + wall_limit * STARVED_FACTOR
    check_at = start + cpu_limit / rate
    waited = 0.0
    while not exited:
        now = time.monotonic()
        if now >= check_at:
            used = tree_cpu(pid, base)
            if used >= cpu_limit:
                cpu_over = True
                break
            check_at = now + max(0.005, (cpu_limit - used) / rate)
        if now >= deadline:
            # the backstop is for programs that sleep or block: time spent runnable but waiting
            # for a CPU (a loaded machine) moves it out, up to the hard deadline
            waited = max(waited, tree_wait(pid))
            if now < hard_deadline and now - start - waited < wall_limit:
                deadline = min(hard_deadline, start + waited + wall_limit + 0.005)
                continue
            timed_out, starved = True, now - start - waited < wall_limit
            break
        ready, _, _ = select.select(open_fds + [pidfd], [], [], max(0.0, min(deadline, check_at) - now))
        for fd in ready:
            if fd == pidfd:
                exited = True
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                open_fds.remove(fd)
            else:
                bufs[fd] += chunk
                if len(bufs[fd]) > cap:
                    over_cap = True
        if over_cap:
            break
    if timed_out and select.select([pidfd], [], [], 0)[0]:
        timed_out, exited = False, True  # it finished right at the deadline
    waited = max(waited, process_wait(pid))  # the child is alive or a zombie until wait4
    if not exited:
        kill_group(pid)
    _, status, ru = os.wait4(pid, 0)
    wall_ms = int((time.monotonic() - start) * 1000)
    leftover = sweep(pid)
    cpu_used = children_cpu() - base  # the child, what it waited for, and what sweep reaped
    if cpu_used > cpu_limit and not over_cap:
        cpu_over = True  # the budget is CPU time whether or not the runner saw it in time
    drain(open_fds, bufs, cap)
    os.set_blocking(phase_r, False)
    try:
        compile_error = os.read(phase_r, 1) == b"C"
    except OSError:
        compile_error = False
    for fd in (out_r, err_r, phase_r, pidfd):
        os.close(fd)
    out, err = bytes(bufs[out_r]), bytes(bufs[err_r])
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    tail = err[-4096:].decode("utf-8", "replace")
    if req.get("language") == "java" and code == 1 and JAVA_COMPILE_FAILED in tail[-600:] \
            and not req.get("argv"):
        compile_error = True
    stopped = timed_out or cpu_over or over_cap
    return {
        "compile_error": compile_error,
        "exit_code": code,
        "signal": sig,
        "stdout": out[:cap].decode("utf-8", "replace"),
        "stderr": err[:cap].decode("utf-8", "replace"),
        "truncated": len(out) > cap or len(err) > cap,
        "timed_out": timed_out and not cpu_over,
        "output_limit": over_cap,
        "memory_error": is_memory_error(tail) or is_memory_error(err[:2048].decode("utf-8", "replace"),
                                                                 anywhere=True),
        "killed": sig == signal.SIGKILL and not stopped,
        "file_too_large": sig == signal.SIGXFSZ or "File too large" in tail,
        "cpu_limit": cpu_over or sig == signal.SIGXCPU,
        "timeout_ms": int(cpu_limit * 1000),
        "wall_ms": wall_ms,
        "waited_ms": int(waited * 1000),
        "starved": starved and timed_out and not cpu_over,
        "cpu_ms": int(max(cpu_used, ru.ru_utime + ru.ru_stime) * 1000),
        "maxrss_kb": int(ru.ru_maxrss),
        "leftover_killed": leftover,
    }


def children_cpu():
    """CPU seconds of every process this runner has waited for (its RUSAGE_CHILDREN)."""
    import resource
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def tree_wait(pid):
    """Seconds the run's most delayed task has spent runnable but waiting for a CPU (the second
    field of /proc/<pid>/task/<tid>/schedstat, which starts at 0 for a new task): the wall time
    the machine, not the program, took from it. Tasks that already ended are not counted, so
    this errs short (towards a timeout). 0 where the kernel does not tell."""
    return max((process_wait(name) for name, _ in run_processes(pid)), default=0)


def process_wait(pid):
    """tree_wait for one process (alive or a zombie): its most delayed thread, in seconds."""
    worst = 0
    try:
        tids = os.listdir("/proc/%s/task" % pid)
    except OSError:
        return 0
    for tid in tids:
        try:
            with open("/proc/%s/task/%s/schedstat" % (pid, tid), "rb") as f:
                worst = max(worst, int(f.read().split()[1]))
        except (OSError, IndexError, ValueError):
            continue
    return worst / 1e9


def tree_cpu(pid, base):
    """CPU seconds the run's process tree has used so far: what the runner already reaped, plus
    every live (or zombie) process of the run with what it reaped itself."""
    total = children_cpu() - base
    for _, fields in run_processes(pid):
        total += sum(int(x) for x in fields[11:15]) / CLK_TCK
    return total


def run_processes(pid):
    """(pid, the fields of /proc/<pid>/stat after the command) of every live or zombie process of
    the run whose child is pid: as PID 1 every process but the runner; elsewhere the processes of
    the child's session."""
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if not IS_INIT and int(fields[3]) != pid:
            continue  # another session: not this run's
        yield name, fields


# What each runtime prints when an allocation fails (C++, Rust, Go, Node, a compiler).
MEMORY_MARKERS = ("java.lang.OutOfMemoryError", "std::bad_alloc", "memory allocation of ",
                  "runtime: out of memory", "JavaScript heap out of memory",
                  "Fatal process out of memory", "out of memory allocating",
                  "virtual memory exhausted", "Cannot allocate memory",
                  "Check failed: reservation_.SetPermissions")


def is_memory_error(tail, anywhere=False):
    """Whether stderr says an allocation failed: a runtime's marker (Go prints its goroutine dump
    after it, so the start of stderr is read too), or Python's MemoryError as the last line."""
    if any(m in tail for m in MEMORY_MARKERS):
        return True
    if anywhere:
        return False
    lines = tail.strip().splitlines()
    return bool(lines) and lines[-1].startswith("MemoryError")


def kill_group(pid):
    for f in (os.killpg, os.kill):
        try:
            f(pid, signal.SIGKILL)
        except OSError:
            pass


def sweep(pid):
    """Kills every process the run left behind; returns how many were still there.
    kill(-1) only as PID 1: anywhere else it would reach every process of the user."""
    if not IS_INIT:
        kill_group(pid)
        reap()
        return 0
    if not has_children():
        return 0  # as PID 1 every descendant is our child by now; check_clean sees the rest
    others = other_pids()
    for _ in range(500 if others else 0):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reap()
        if not other_pids():
            break
        time.sleep(0.001)
    return len(others)


def has_children():
    """As PID 1 every process the run left behind is reparented to us: no child = none left."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def reap():
    while True:
        try:
            p, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if p == 0:
            return


def other_pids():
    me = os.getpid()
    return [int(n) for n in os.listdir("/proc") if n.isdigit() and int(n) not in (me, 1)]


def drain(fds, bufs, cap):
    for fd in list(fds):
        os.set_blocking(fd, False)
        try:
            while len(bufs[fd]) <= cap:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                bufs[fd] += chunk
        except OSError:
            pass


def wipe(path):
    """Removes everything under path (not following links). A dir the program made unreadable
    stays behind on purpose: the runner then reports unclean and is replaced."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                wipe(e.path)
                os.rmdir(e.path)
            else:
                os.unlink(e.path)
        except OSError:
            pass


def dev_snapshot():
    out = []
    for d in ("/dev", "/dev/pts"):
        for e in sorted(os.scandir(d), key=lambda x: x.name):
            st = e.stat(follow_symlinks=False)
            out.append((e.path, st.st_mode, st.st_uid, st.st_gid, st.st_rdev))
    return out


def check_clean():
    for d in SCRATCH_DIRS:
        if os.path.isdir(d):
            wipe(d)
            try:
                if os.listdir(d):
                    return False, "could not wipe " + d
            except OSError as e:
                return False, "could not wipe %s: %s" % (d, e)
    if DEV_SNAPSHOT is not None and dev_snapshot() != DEV_SNAPSHOT:
        return False, "/dev changed"
    if IS_INIT and other_pids():
        return False, "processes left: %s" % other_pids()
    for kind in ("shm", "msg", "sem"):
        try:
            with open("/proc/sysvipc/" + kind) as f:
                if len(f.read().strip().splitlines()) > 1:
                    return False, "sysv ipc %s left" % kind
        except OSError:
            pass
    return True, ""


def shared_dir(path):
    """True for a dir the runner must not wipe unless it is PID 1: a shared one, an ancestor
    of one or of $HOME, or anything less than two levels deep."""
    real = os.path.realpath(path)
    homes = [os.path.realpath(os.path.expanduser("~"))]
    protected = [os.path.realpath(p) for p in SHARED_DIRS] + homes
    if real.count("/") < 2 or real in protected:
        return True
    return any(p == real or p.startswith(real.rstrip("/") + "/") for p in protected)


def parse_flags(argv):
    """Sets the work and scratch dirs; returns an error message when they are unsafe."""
    global WORK_ROOT, SCRATCH_DIRS, PRIVATE_ROOT, DROP_CAPS
    scratch = []
    i = 0
    while i < len(argv):
        if argv[i] == "--work":
            WORK_ROOT = argv[i + 1]
            i += 1
        elif argv[i] == "--scratch":
            scratch.append(argv[i + 1])
            i += 1
        i += 1
    DROP_CAPS = "--drop-caps" in argv
    if "--pidns" in argv and not IS_INIT:
        return "--pidns but pid %d is not 1: refusing to run without a PID namespace" % os.getpid()
    if WORK_ROOT is None and IS_INIT:
        WORK_ROOT, scratch = "/tmp", scratch or ["/tmp", "/dev/shm"]
    elif WORK_ROOT is None:
        import tempfile
        WORK_ROOT, PRIVATE_ROOT = tempfile.mkdtemp(prefix="assay-runner-"), True
    SCRATCH_DIRS = scratch or [WORK_ROOT]
    if not IS_INIT:
        for d in SCRATCH_DIRS:
            if shared_dir(d):
                return "not PID 1: refusing to wipe shared dir %s after runs" % d
    return None


def preload(full):
    import importlib
    for m in PRELOAD + (PRELOAD_FULL if full else ()):
        try:
            importlib.import_module(m)
        except Exception:  # noqa: BLE001 - a missing module only costs warmth
            pass


def main(argv):
    global DEV_SNAPSHOT
    problem = parse_flags(argv)
    if problem:
        sys.stderr.write("pyrunner: %s\n" % problem)
        return 2
    oneshot = "--oneshot" in argv
    if "--devcheck" in argv:
        DEV_SNAPSHOT = dev_snapshot()
    if "--no-preload" not in argv:
        preload("--full-preload" in argv)
        import gc
        gc.collect()
        gc.freeze()  # children's collections then skip (and do not copy) the runner's objects
    for s in IGNORED_BY_RUNNER:
        signal.signal(s, signal.SIG_IGN)
    set_dumpable(0)
    fin, fout = os.dup(0), os.dup(1)
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    write_frame(fout, {"ready": True, "pid": os.getpid(), "pidns": IS_INIT,
                       "python": sys.version.split()[0]})
    seq = 0
    try:
        while True:
            req = read_frame(fin)
            if req is None:
                return 0
            seq += 1
            try:
                reply = run_one(req, seq)
            except Exception as e:  # noqa: BLE001 - the runner's own failure, not the candidate's
                reply = {"id": req.get("id"), "runner_error": "%s: %s" % (type(e).__name__, e),
                         "clean": False, "unclean_reason": "runner error"}
            write_frame(fout, reply)
            if oneshot or not reply.get("clean", False):
                return 0
    finally:
        if PRIVATE_ROOT:
            wipe(WORK_ROOT)
            try:
                os.rmdir(WORK_ROOT)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
