#!/usr/bin/python3
"""Assay warm Python runner: a fork-server that lives inside the sandbox.

Protocol (over the runner's own stdin/stdout): frames of a 4-byte big-endian length followed by
UTF-8 JSON. The runner first writes {"ready": true, ...}; then for each request frame
{"id", "source", "files", "stdin", "timeout_ms", "output_cap", "memory_mb", "cpu_s",
"fsize_mb", "rlimit_mem"} it forks one child that runs the program in a fresh work dir and
answers with one reply frame (see run_one). The runner itself never executes candidate code,
so a run cannot change the runner's state; after each run every other process in the PID
namespace is killed (when the runner is its init), the temp dirs are wiped, and the runner
checks that it is clean; "clean": false tells the host to replace it.

Flags: --work DIR (where run dirs go), --scratch DIR (wiped after every run, repeatable),
--devcheck (replace the runner when /dev changed), --rlimit-mem (no memory cgroup: RLIMIT_DATA),
--drop-caps (children give up their user-namespace capabilities: the unshare fallback),
--oneshot (serve one request then exit: the fresh-process-per-run mode),
--pidns (the runner is the init of its own PID namespace, so kill(-1) is safe),
--no-preload (skip warm imports).
"""
import json
import os
import select
import signal
import struct
import sys
import time

WORK_ROOT = "/tmp"
SCRATCH_DIRS = ["/tmp"]
DEV_SNAPSHOT = None
RLIMIT_MEM = False
CHILD_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
             "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
# Modules most candidate programs use. Each one makes every fork a little dearer (more pages
# to map and tear down), so heavy ones (decimal, unittest, hashlib) are left to import on use.
PRELOAD = ("collections", "itertools", "functools", "math", "re", "heapq", "bisect", "string",
           "typing", "json", "random", "copy", "traceback", "threading", "atexit", "operator",
           "enum", "contextlib", "io", "struct", "abc", "dataclasses", "types", "resource")


def read_frame(f):
    head = f.read(4)
    if len(head) < 4:
        return None
    (n,) = struct.unpack(">I", head)
    body = f.read(n)
    if len(body) < n:
        return None
    return json.loads(body.decode("utf-8"))


def write_frame(f, obj):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")
    f.write(struct.pack(">I", len(body)) + body)
    f.flush()


LIBC = None
DROP_CAPS = False


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


def ignore_signals():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
              signal.SIGUSR2, signal.SIGALRM, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(s, signal.SIG_IGN)


def child_main(req, workdir, fds):
    """Runs in the forked child: set limits, redirect, run the program, exit with its code."""
    import resource
    os.setsid()
    set_dumpable(1)
    if DROP_CAPS:
        drop_capabilities()
    for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
              signal.SIGALRM, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU, signal.SIGCHLD):
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    in_r, out_w, err_w, phase_w = fds
    os.dup2(in_r, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.dup2(phase_w, 3)
    os.closerange(4, 4096)
    cpu = max(1, int(req.get("cpu_s", 10)))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    fsize = int(req.get("fsize_mb", 64)) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))
    if RLIMIT_MEM or req.get("rlimit_mem"):
        extra = int(req.get("memory_mb", 256)) * 1024 * 1024
        cur = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (cur + extra, cur + extra))
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(CHILD_ENV)
    import atexit
    import builtins
    import io
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
        import types
        main_mod = types.ModuleType("__main__")  # a real __main__, as pickle/dataclasses expect
        main_mod.__file__ = path
        main_mod.__builtins__ = builtins
        sys.modules["__main__"] = main_mod
        g = main_mod.__dict__
        try:
            code_obj = compile(req.get("source", ""), path, "exec")
        except (SyntaxError, ValueError):
            os.write(3, b"C")  # the program never started: a compile error, told out of band
            raise
        finally:
            os.close(3)  # closed before any candidate code runs, so it cannot forge the mark
        exec(code_obj, g)
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
        if tb is not None and tb.tb_frame.f_code.co_name == "child_main":
            tb = tb.tb_next  # hide the runner's own frame, as the interpreter would
        traceback.print_exception(etype, value, tb)
    except BaseException:  # noqa: BLE001
        try:
            os.write(2, b"MemoryError\n")
        except OSError:
            pass
    return 1


def prepare_workdir(req, seq):
    workdir = os.path.join(WORK_ROOT, "run%d" % seq)
    os.mkdir(workdir, 0o777)
    with open(os.path.join(workdir, "main.py"), "w", encoding="utf-8") as f:
        f.write(req.get("source", ""))
    for name, content in (req.get("files") or {}).items():
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


def run_one(req, seq, pidns):
    workdir, in_r = prepare_workdir(req, seq)
    cap = int(req.get("output_cap", 65536))
    timeout = max(1, int(req.get("timeout_ms", 5000))) / 1000.0
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    phase_r, phase_w = os.pipe()
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
    if timed_out and select.select([pidfd], [], [], 0)[0]:
        timed_out, exited = False, True  # it finished right at the deadline
    if not exited:
        kill_group(pid)
    _, status, ru = os.wait4(pid, 0)
    wall_ms = int((time.monotonic() - start) * 1000)
    killed_rest = sweep(pid, pidns)
    drain(open_fds, bufs, cap)
    for fd in (out_r, err_r):
        os.close(fd)
    os.close(pidfd)
    os.set_blocking(phase_r, False)
    try:
        compile_error = os.read(phase_r, 1) == b"C"
    except OSError:
        compile_error = False
    os.close(phase_r)
    out, err = bytes(bufs[out_r]), bytes(bufs[err_r])
    truncated = len(out) > cap or len(err) > cap
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    tail = err[-400:].decode("utf-8", "replace")
    clean, why = check_clean(pidns)
    return {
        "id": req.get("id"),
        "compile_error": compile_error,
        "exit_code": code,
        "signal": sig,
        "stdout": out[:cap].decode("utf-8", "replace"),
        "stderr": err[:cap].decode("utf-8", "replace"),
        "truncated": truncated,
        "timed_out": timed_out,
        "output_limit": over_cap,
        "memory_error": is_memory_error(tail),
        "file_too_large": sig == signal.SIGXFSZ or "File too large" in tail,
        "cpu_limit": sig == signal.SIGXCPU,
        "wall_ms": wall_ms,
        "cpu_ms": int((ru.ru_utime + ru.ru_stime) * 1000),
        "maxrss_kb": int(ru.ru_maxrss),
        "leftover_killed": killed_rest,
        "clean": clean,
        "unclean_reason": why,
    }


def is_memory_error(tail):
    lines = tail.strip().splitlines()
    return bool(lines) and lines[-1].startswith("MemoryError")


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def has_children():
    """As PID 1 every process of the namespace descends from us, so no child = nobody left."""
    try:
        p, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def sweep(pid, pidns):
    """Kills every process the run left behind; returns how many were still there."""
    if pidns and os.getpid() == 1 and not has_children():
        return 0
    others = other_pids()
    if not others:
        return 0
    if pidns:
        for _ in range(200):
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            reap()
            if not other_pids():
                break
            time.sleep(0.001)
    else:
        kill_group(pid)
        reap()
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
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            p = int(name)
            if p != me and p != 1:
                out.append(p)
    return out


def drain(fds, bufs, cap):
    for fd in list(fds):
        os.set_blocking(fd, False)
        try:
            while len(bufs[fd]) <= cap:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                bufs[fd] += chunk
        except (BlockingIOError, OSError):
            pass


def wipe(path):
    """Removes everything under path (not following links); errors leave entries behind."""
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


def check_clean(pidns):
    for d in SCRATCH_DIRS:
        if os.path.isdir(d):
            wipe(d)
            if os.listdir(d):
                return False, "could not wipe " + d
    if DEV_SNAPSHOT is not None and dev_snapshot() != DEV_SNAPSHOT:
        return False, "/dev changed"
    if pidns and (has_children() if os.getpid() == 1 else other_pids()):
        return False, "processes left: %s" % other_pids()
    for kind in ("shm", "msg", "sem"):
        try:
            with open("/proc/sysvipc/" + kind) as f:
                if len(f.read().strip().splitlines()) > 1:
                    return False, "sysv ipc %s left" % kind
        except OSError:
            pass
    return True, ""


def parse_flags(argv):
    global WORK_ROOT, SCRATCH_DIRS, RLIMIT_MEM, DROP_CAPS
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
    SCRATCH_DIRS = scratch or [WORK_ROOT]
    RLIMIT_MEM = "--rlimit-mem" in argv
    DROP_CAPS = "--drop-caps" in argv


def main(argv):
    global DEV_SNAPSHOT
    parse_flags(argv)
    oneshot = "--oneshot" in argv
    pidns = "--pidns" in argv
    if "--devcheck" in argv:
        DEV_SNAPSHOT = dev_snapshot()
    if "--no-preload" not in argv:
        import importlib
        for m in PRELOAD:
            try:
                importlib.import_module(m)
            except Exception:  # noqa: BLE001 - a missing module only costs warmth
                pass
        import gc
        gc.collect()
        gc.freeze()  # children's collections then skip (and do not copy) the runner's objects
    ignore_signals()
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    set_dumpable(0)
    fin = os.fdopen(os.dup(0), "rb")
    fout = os.fdopen(os.dup(1), "wb")
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    write_frame(fout, {"ready": True, "pid": os.getpid(), "pidns": pidns})
    seq = 0
    while True:
        req = read_frame(fin)
        if req is None:
            return 0
        seq += 1
        try:
            reply = run_one(req, seq, pidns)
        except Exception as e:  # noqa: BLE001 - the runner's own failure, not the candidate's
            reply = {"id": req.get("id"), "runner_error": "%s: %s" % (type(e).__name__, e),
                     "clean": False, "unclean_reason": "runner error"}
        write_frame(fout, reply)
        if oneshot or not reply.get("clean", False):
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
