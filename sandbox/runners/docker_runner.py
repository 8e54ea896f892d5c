#!/usr/bin/python3
"""Assay warm runner for the docker backend: a fork-server that is PID 1 of its container.

Protocol (the same framing as pyrunner.py of the process backend): over the runner's stdin and
stdout (the container's attached streams), frames of a 4-byte big-endian length followed by
UTF-8 JSON. The runner first writes {"ready": true, "pid": 1, "pidns": true}. Then, for each
request {"id", "language": "python"|"java", "source", "files", "stdin", "timeout_ms",
"output_cap", "memory_mb", "cpu_s", "fsize_mb"} it forks one child that runs the program in a
fresh work dir under /tmp and answers with one reply frame (see run_one). Python programs run in
the forked child itself, so the modules in PRELOAD are already imported (that is the warmth);
Java programs are exec'd with the JDK source launcher.

Between runs nothing survives: being the init of the PID namespace, the runner kills every other
process (kill(-1)), reaps them, wipes /tmp and /dev/shm, checks SysV IPC, and reports
"clean": false (then exits) when anything is left, so the host replaces the container.
Signals other than SIGKILL/SIGSTOP from inside the namespace do not reach an init without a
handler, so a program cannot kill its runner; the runner is not dumpable, so a program cannot
ptrace it or read its memory or fds.
"""
import json
import os
import select
import signal
import struct
import sys
import time

# Only the init of a container's PID namespace owns /tmp and /dev/shm and may wipe them; run
# anywhere else (a developer's shell), the runner works in a private dir and wipes only that.
IS_INIT = os.getpid() == 1
WORK_ROOT = "/tmp" if IS_INIT else None
SCRATCH_DIRS = ("/tmp", "/dev/shm") if IS_INIT else ()
JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"
CHILD_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
             "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
PRELOAD = ("collections", "itertools", "functools", "math", "re", "heapq", "bisect", "string",
           "random", "fractions", "decimal", "statistics", "typing", "dataclasses", "copy",
           "json", "io", "traceback", "threading", "atexit", "unittest", "operator", "array",
           "datetime", "textwrap", "hashlib", "struct", "enum", "abc", "contextlib", "builtins",
           "resource")
JAVA_COMPILE_FAILED = "error: compilation failed"


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


LIBC = None


def set_dumpable(flag):
    """PR_SET_DUMPABLE (4): who may ptrace us or open our /proc files."""
    try:
        LIBC.prctl(4, flag, 0, 0, 0)
    except Exception:  # noqa: BLE001 - best effort
        pass


def harden_runner():
    """No ptrace by our own children (not dumpable), and no handlers children could trigger."""
    global LIBC
    try:
        import ctypes
        LIBC = ctypes.CDLL(None)
    except Exception:  # noqa: BLE001 - best effort
        pass
    set_dumpable(0)
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
              signal.SIGUSR2, signal.SIGALRM, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU,
              signal.SIGPIPE, signal.SIGXFSZ):
        signal.signal(s, signal.SIG_IGN)


def child_main(req, workdir, fds, status_w):
    """Runs in the forked child: limits, redirects, then the program; never returns."""
    import resource
    os.setsid()
    set_dumpable(1)  # a fork inherits the runner's 0, which would make /proc/self unreadable
    for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
              signal.SIGALRM, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU, signal.SIGPIPE,
              signal.SIGXFSZ, signal.SIGCHLD):
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    in_r, out_w, err_w = fds
    os.dup2(in_r, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.dup2(status_w, 3)
    os.closerange(4, 65536)
    cpu = max(1, int(req.get("cpu_s", 10)))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    fsize = int(req.get("fsize_mb", 16)) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    os.chdir(workdir)
    mem_mb = int(req.get("memory_mb", 256))
    if req.get("language", "python") == "java":
        os.close(3)
        args = [JAVA, "-Xmx%dm" % mem_mb, "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Djava.io.tmpdir=" + workdir, os.path.join(workdir, "Main.java")]
        os.execve(JAVA, args, CHILD_ENV)
    run_python(req, workdir, mem_mb)


def run_python(req, workdir, mem_mb):
    import atexit
    import builtins
    import io
    import resource
    extra = mem_mb * 1024 * 1024
    cur = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cur + extra, cur + extra))
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
        try:
            compiled = compile(req.get("source", ""), path, "exec")
        except (SyntaxError, ValueError):
            os.write(3, b"c")
            raise
        os.close(3)
        exec(compiled, {"__name__": "__main__", "__file__": path, "__builtins__": builtins})
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
        traceback.print_exc()
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
    files[main] = req.get("source", "")
    for name, content in files.items():
        target = os.path.normpath(os.path.join(workdir, name))
        if not target.startswith(workdir + "/"):
            raise ValueError("file name escapes the work dir: " + name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(content)
    stdin_path = os.path.join(WORK_ROOT, ".stdin%d" % seq)
    with open(stdin_path, "w", encoding="utf-8") as f:
        f.write(req.get("stdin", ""))
    return workdir, stdin_path


def run_one(req, seq):
    workdir, stdin_path = prepare_workdir(req, seq)
    cap = int(req.get("output_cap", 65536))
    timeout = max(1, int(req.get("timeout_ms", 5000))) / 1000.0
    in_r = os.open(stdin_path, os.O_RDONLY)
    os.unlink(stdin_path)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    status_r, status_w = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            child_main(req, workdir, (in_r, out_w, err_w), status_w)
        finally:
            os._exit(127)
    for fd in (in_r, out_w, err_w, status_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    bufs = {out_r: bytearray(), err_r: bytearray()}
    open_fds = [out_r, err_r]
    timed_out = over_cap = exited = False
    deadline = start + timeout
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select(open_fds + [pidfd], [], [], left)
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
    if not exited:
        kill_group(pid)
    _, status, ru = os.wait4(pid, 0)
    wall_ms = int((time.monotonic() - start) * 1000)
    leftover = sweep(pid)
    drain(open_fds, bufs, cap)
    os.set_blocking(status_r, False)
    try:
        compile_error = os.read(status_r, 1) == b"c"
    except OSError:
        compile_error = False
    for fd in (out_r, err_r, status_r, pidfd):
        os.close(fd)
    out, err = bytes(bufs[out_r]), bytes(bufs[err_r])
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    tail = err[-600:].decode("utf-8", "replace")
    if req.get("language") == "java" and code == 1 and JAVA_COMPILE_FAILED in tail:
        compile_error = True
    clean, why = check_clean()
    return {
        "id": req.get("id"),
        "exit_code": code,
        "signal": sig,
        "stdout": out[:cap].decode("utf-8", "replace"),
        "stderr": err[:cap].decode("utf-8", "replace"),
        "truncated": len(out) > cap or len(err) > cap,
        "timed_out": timed_out,
        "output_limit": over_cap,
        "compile_error": compile_error,
        "memory_error": is_memory_error(tail),
        "file_too_large": sig == signal.SIGXFSZ or "File too large" in tail,
        "cpu_limit": sig == signal.SIGXCPU,
        "wall_ms": wall_ms,
        "cpu_ms": int((ru.ru_utime + ru.ru_stime) * 1000),
        "maxrss_kb": int(ru.ru_maxrss),
        "leftover_killed": leftover,
        "clean": clean,
        "unclean_reason": why,
    }


def is_memory_error(tail):
    if "java.lang.OutOfMemoryError" in tail:
        return True
    lines = tail.strip().splitlines()
    return bool(lines) and lines[-1].startswith("MemoryError")


def kill_group(pid):
    for f in (os.killpg, os.kill):
        try:
            f(pid, signal.SIGKILL)
        except OSError:
            pass


def sweep(pid):
    """Kills every process the run left behind; returns how many were still there."""
    if not IS_INIT:
        kill_group(pid)
        reap()
        return 0
    others = other_pids()
    for _ in range(500 if others else 0):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reap()
        if not other_pids():
            break
        time.sleep(0.002)
    return len(others)


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
    """Removes everything under path, also dirs a program made unreadable (same uid)."""
    for entry in os.scandir(path):
        try:
            if entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)
                wipe(entry.path)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def check_clean():
    for d in SCRATCH_DIRS:
        if os.path.isdir(d):
            try:
                wipe(d)
                if os.listdir(d):
                    return False, "could not wipe " + d
            except OSError as e:
                return False, "could not wipe %s: %s" % (d, e)
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


def main(argv):
    if "--no-preload" not in argv:
        import importlib
        for m in PRELOAD:
            try:
                importlib.import_module(m)
            except Exception:  # noqa: BLE001 - a missing module only costs warmth
                pass
    import gc
    gc.collect()
    gc.freeze()  # the preloaded heap stays shared with forked children (no copy-on-write by GC)
    global WORK_ROOT, SCRATCH_DIRS
    if not IS_INIT:
        import tempfile
        WORK_ROOT = tempfile.mkdtemp(prefix="assay-runner-")
        SCRATCH_DIRS = (WORK_ROOT,)
    harden_runner()
    fin, fout = os.dup(0), os.dup(1)
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    write_frame(fout, {"ready": True, "pid": os.getpid(), "pidns": IS_INIT,
                       "python": sys.version.split()[0]})
    seq = 0
    while True:
        req = read_frame(fin)
        if req is None:
            if not IS_INIT:
                os.rmdir(WORK_ROOT)
            return 0
        seq += 1
        try:
            reply = run_one(req, seq)
        except Exception as e:  # noqa: BLE001 - the runner's own failure, not the candidate's
            reply = {"id": req.get("id"), "runner_error": "%s: %s" % (type(e).__name__, e),
                     "clean": False, "unclean_reason": "runner error"}
        write_frame(fout, reply)
        if not reply.get("clean", False):
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
