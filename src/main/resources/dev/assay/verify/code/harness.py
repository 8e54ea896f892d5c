# Assay code-verification harness (code/1), generated per run by dev.assay.verify.code.
# The payload below is public. The run's nonce arrives as the first line of stdin, is read
# raw into a bytearray BEFORE any candidate code exists in this process, and is zeroed in
# every forked child; only this (parent) process, which never runs candidate code, prints
# the single report line "<nonce> <json>" on stdout. Candidate code runs in forked
# children whose stdout goes to /dev/null (I/O cases: to a pipe the parent compares); they
# report per-test records over a pipe, each line carrying a key made before the candidate.
_PAYLOAD = "@@PAYLOAD@@"


def _assay_main():
    import ast, base64, builtins, json, os, select, signal, sys, time, traceback, types
    tick = os.sysconf("SC_CLK_TCK")

    def spent(pid=0):
        """CPU seconds used by this harness and its children so far (a live child read from
        /proc): the budget is CPU time, as the sandbox's limit is, so a busy machine does not
        turn a passing candidate into a timeout. The sandbox's wall-clock backstop stops a
        candidate that sleeps or blocks."""
        t = os.times()
        s = t.user + t.system + t.children_user + t.children_system
        if pid:
            try:
                with open("/proc/%d/stat" % pid, "rb") as f:
                    s += sum(int(x) for x in f.read().rsplit(b")", 1)[1].split()[11:15]) / tick
            except (OSError, ValueError, IndexError):
                pass
        return s

    t0 = spent()
    def line0():
        v = bytearray()
        while len(v) < 256:
            b = os.read(0, 1)
            if not b or b == b"\n":
                break
            v += b
        return v

    # stdin: nonce line, byte length of the secret part (expected outputs), the secret part.
    # All of it is read now, before any candidate code exists, into buffers that every
    # forked child zeroes; nothing is left in the pipe for a child to grab via /proc.
    nonce = line0()
    secret = bytearray(int(line0() or b"0"))
    got = 0
    while got < len(secret):
        n = os.readv(0, [memoryview(secret)[got:]])
        if n <= 0:
            break
        got += n
    P = json.loads(base64.b64decode(_PAYLOAD).decode("utf-8"))
    deadline = t0 + P["budget_s"]
    cap = int(P.get("output_cap", 1 << 20))
    stdlib = os.path.dirname(os.__file__)
    wr, rd, fork, exit_now = os.write, os.read, os.fork, os._exit
    waitpid, WNOHANG = os.waitpid, os.WNOHANG
    FORKED = ("the candidate started processes that outlived its call (os.fork, or a subprocess "
              "not waited for)")
    FT, plain = types.FunctionType, (type(None), bool, int, float, complex, str, bytes,
                                    list, tuple, dict, set, frozenset, range)
    c_level = (types.WrapperDescriptorType, types.MethodDescriptorType,
               types.BuiltinFunctionType, types.ClassMethodDescriptorType,
               types.GetSetDescriptorType, types.MemberDescriptorType)
    safe_dunders = {"__init__", "__new__", "__init_subclass__", "__post_init__", "__set_name__",
                    "__class_getitem__", "__del__", "__subclasshook__", "__reduce__",
                    "__reduce_ex__", "__getstate__", "__setstate__", "__copy__",
                    "__deepcopy__", "__getnewargs__", "__getnewargs_ex__"}
    orig_builtins = dict(builtins.__dict__)

    def fmt(e):
        try:
            tn = type(e).__name__
        except BaseException:
            tn = "Exception"
        try:
            m = str(e)
        except BaseException:
            m = "<unprintable>"
        s = tn + (": " + m if m else "")
        return s[:600]

    def hexs(s):
        return str(s).encode("utf-8", "replace").hex()

    def unhex(h):
        try:
            return bytes.fromhex(h).decode("utf-8", "replace")
        except ValueError:
            return "?"

    def zero_nonce():
        for buf in (nonce, secret):
            for i in range(len(buf)):
                buf[i] = 0

    def restore():
        bd = builtins.__dict__
        for k in list(bd):
            if k not in orig_builtins:
                del bd[k]
        for k, v in orig_builtins.items():
            if bd.get(k) is not v:
                bd[k] = v
        sys.settrace(None)
        sys.setprofile(None)

    def std_fn(f):
        f = getattr(f, "__func__", f)
        if isinstance(f, c_level):
            return True
        if type(f) is FT:
            return f.__code__.co_filename.startswith(stdlib)
        return False

    def type_bad(t, seen):
        if t in seen:
            return seen[t]
        why = None
        for cls in t.__mro__:
            if cls is object:
                continue
            for name, v in list(vars(cls).items()):
                if not (name.startswith("__") and name.endswith("__")) or name in safe_dunders:
                    continue
                if isinstance(v, property):
                    ok = all(x is None or std_fn(x) for x in (v.fget, v.fset, v.fdel))
                elif isinstance(v, (staticmethod, classmethod)) or callable(v):
                    ok = std_fn(v)
                else:
                    ok = True
                if not ok:
                    why = "an object of type %s that overrides %s" % (t.__name__, name)
                    break
            if why:
                break
        seen[t] = why
        return why

    def value_bad(v):
        """Why a returned value could fake a comparison (candidate-defined dunders), or None."""
        stack, seen, n = [v], {}, 0
        while stack and n < 200000:
            x = stack.pop()
            n += 1
            t = type(x)
            if t in plain:
                if t is dict:
                    stack.extend(x.keys())
                    stack.extend(x.values())
                elif t in (list, tuple, set, frozenset):
                    stack.extend(x)
                continue
            why = type_bad(t, seen)
            if why:
                return why
        return None

    class AssayTamper(BaseException):
        pass

    def guard(fn, name):
        def g(*a, **k):
            r = fn(*a, **k)
            why = value_bad(r)
            if why:
                raise AssayTamper("%s returned %s" % (name, why))
            return r
        g.__name__, g.__qualname__, g.__doc__, g.__wrapped__ = name, name, fn.__doc__, fn
        return g

    def audit(tree):
        bm, ba, bn = set(P.get("banned_modules", [])), set(P.get("banned_attrs", [])), \
            set(P.get("banned_names", []))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] in bm:
                        return "import of %s" % a.name
            elif isinstance(node, ast.ImportFrom):
                if (node.module or "").split(".")[0] in bm:
                    return "import from %s" % node.module
            elif isinstance(node, ast.Attribute) and node.attr in ba:
                return "use of .%s" % node.attr
            elif isinstance(node, ast.Name) and node.id in bn:
                return "use of %s" % node.id
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and (node.value in ba or node.value in bm or node.value in bn):
                return "string naming %s" % node.value
        return None

    def assemble(prompt, cand, entry):
        if not prompt:
            return cand
        if not prompt.endswith("\n"):
            prompt += "\n"
        if entry:
            try:
                t = ast.parse(cand)
            except (SyntaxError, ValueError):
                t = None
            if t is not None and any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                                     and n.name == entry for n in t.body):
                return prompt + "\n" + cand
        return prompt + cand

    def refers(node, names):
        for n in ast.walk(node):
            if isinstance(n, ast.Assert) or (isinstance(n, ast.Name) and n.id in names):
                return True
        return False

    def transform_check(src):
        """Each top-level statement of check() that asserts or calls the candidate is a test."""
        tree = ast.parse(src, "<tests>")
        names = []
        for node in tree.body:
            if not (isinstance(node, ast.FunctionDef) and node.name == "check"):
                continue
            cname = node.args.args[0].arg if node.args.args else "candidate"
            body = []
            for st in node.body:
                if isinstance(st, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)) \
                        or not refers(st, {cname}):
                    body.append(st)
                    continue
                k = len(names)
                seg = ast.get_source_segment(src, st) or type(st).__name__
                names.append(" ".join(seg.split())[:200])
                rep = lambda e: ast.Expr(ast.Call(ast.Name("__assay_r", ast.Load()), [
                    ast.Tuple([ast.Constant(k), e], ast.Load())], []))
                body.append(ast.Try(
                    body=[st],
                    handlers=[ast.ExceptHandler(ast.Name("BaseException", ast.Load()),
                                                "__assay_e",
                                                [rep(ast.Name("__assay_e", ast.Load()))])],
                    orelse=[rep(ast.Constant(None))], finalbody=[]))
            node.body = body
            node.args.args.append(ast.arg("__assay_r"))
        ast.fix_missing_locations(tree)
        return compile(tree, "<tests>", "exec", dont_inherit=True, optimize=0), names

    def collect(pid, r, deadline, limit):
        """Reads the child's pipe until it exits; kills it at the deadline or past limit bytes."""
        buf, why, status = bytearray(), None, None
        os.set_blocking(r, False)
        eof = False
        while True:
            rem = deadline - spent(pid)
            if rem <= 0:
                why = "timeout"
                break
            if not eof:
                rl = select.select([r], [], [], min(rem, 0.05))[0]
                if rl:
                    try:
                        d = rd(r, 65536)
                    except BlockingIOError:
                        d = None
                    if d == b"":
                        eof = True
                    elif d:
                        buf += d
                        if len(buf) > limit:
                            why = "output_limit"
                            break
            else:
                time.sleep(0.002)
            p, st = os.waitpid(pid, os.WNOHANG)
            if p:
                status = st
                while len(buf) <= limit:
                    try:
                        d = rd(r, 65536)
                    except (BlockingIOError, OSError):
                        break
                    if not d:
                        break
                    buf += d
                break
        for f in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                f()
            except OSError:
                pass
        if status is None:
            try:
                status = os.waitpid(pid, 0)[1]
            except ChildProcessError:
                status = 0
        os.close(r)
        if os.WIFSIGNALED(status):
            ex = "signal %d" % os.WTERMSIG(status)
        else:
            ex = "exit %d" % os.WEXITSTATUS(status)
        return bytes(buf[:limit]), why, ex

    out = {"v": 1, "candidate": "ok", "message": "", "tests": [], "ended": False,
           "exit": "", "timeout": False}

    def compile_candidate(src, check_audit):
        try:
            tree = ast.parse(src, "<candidate>")
            code = compile(tree, "<candidate>", "exec", dont_inherit=True, optimize=0)
        except (SyntaxError, ValueError) as e:
            out["candidate"], out["message"] = "compile_error", fmt(e)
            return None
        why = audit(tree) if check_audit else None
        if why:
            out["candidate"], out["message"] = "tamper", "candidate code has " + why
            return None
        return code

    def child_functions(w, key, setup, cand, tests, check, entry):
        def emit(*parts):
            wr(w, (key + "\t" + "\t".join(parts) + "\n").encode("utf-8", "replace"))

        def forked():
            # Checked in this (the test) process after the candidate's code ran, so the verdict does
            # not depend on whether its copies wrote before the run was collected.
            try:
                waitpid(-1, WNOHANG)  # any child, running or exited and unreaped, returns
            except ChildProcessError:
                return False
            except OSError:
                pass
            emit("C", "forked", hexs(FORKED))
            return True
        ns = {"__name__": "__candidate__", "__builtins__": dict(orig_builtins)}
        try:
            exec(setup, ns)
        except BaseException as e:
            emit("C", "task_error", hexs("test setup failed: " + fmt(e)))
            return
        try:
            exec(cand, ns)
        except BaseException as e:
            restore()
            emit("C", "runtime_error", hexs(fmt(e)))
            return
        restore()
        if forked():
            return
        # Tests see the candidate's names, except those shadowing a builtin (a fake len(),
        # str() ...) unless the task itself names them as entry points (MBPP 126 is sum()).
        allowed = set(P.get("entry_names") or [])
        tns = {}
        for k, v in list(ns.items()):
            if k.startswith("__") or k in allowed or k not in orig_builtins:
                tns[k] = guard(v, k) if type(v) is FT \
                    and v.__code__.co_filename == "<candidate>" else v
        tns["__builtins__"] = dict(orig_builtins)
        tns["__name__"] = "__tests__"
        if check is not None:
            code, hooked = check
            try:
                exec(code, tns)
                chk = tns["check"]
            except BaseException as e:
                emit("C", "task_error", hexs("test code failed: " + fmt(e)))
                return
            if entry not in tns:
                emit("C", "runtime_error", hexs("entry point %s is not defined" % entry))
                return

            seen = []

            def hook(item):
                restore()
                k, e = item
                if e is None:
                    emit("R", str(k), "pass", "")
                else:
                    emit("R", str(k), "tamper" if type(e) is AssayTamper else "fail", hexs(fmt(e)))
                if not seen and forked():
                    seen.append(True)
            try:
                chk(tns[entry], hook)
                if not hooked:
                    emit("R", "0", "pass", "")
            except BaseException as e:
                restore()
                if not hooked:
                    emit("R", "0", "fail", hexs(fmt(e)))
                else:
                    emit("C", "setup_error", hexs("check() raised outside a test: " + fmt(e)))
                    return
            if not seen and forked():
                return
        else:
            for k, code in enumerate(tests):
                restore()
                emit("S", str(k))
                try:
                    exec(code, tns)
                except BaseException as e:
                    restore()
                    emit("R", str(k), "tamper" if type(e) is AssayTamper else "fail", hexs(fmt(e)))
                else:
                    restore()
                    emit("R", str(k), "pass", "")
                if forked():
                    return
        emit("E")

    def run_functions():
        src = assemble(P.get("prompt") or "", P["candidate"], P.get("entry_point"))
        try:
            setup = compile(P.get("setup") or "", "<setup>", "exec", dont_inherit=True, optimize=0)
            if P.get("check") is not None:
                code, names = transform_check(P["check"])
                check = (code, bool(names))
                if not names:
                    names = ["check(%s)" % P.get("entry_point")]
                tests = None
            else:
                check, names = None, [" ".join(t.split())[:200] for t in P["tests"]]
                tests = [compile(t, "<test %d>" % i, "exec", dont_inherit=True, optimize=0)
                         for i, t in enumerate(P["tests"])]
        except (SyntaxError, ValueError) as e:
            out["candidate"], out["message"] = "task_error", "tests do not compile: " + fmt(e)
            return
        out["tests"] = [{"name": n, "status": "not_run", "message": ""} for n in names]
        cand = compile_candidate(src, True)
        if cand is None:
            return
        # Records carry a per-run key made before the candidate exists: a candidate that
        # writes well-formed records into the pipe cannot know it without introspecting
        # harness frames (which the audit rejects).
        key = os.urandom(16).hex()
        r, w = os.pipe()
        pid = fork()
        if pid == 0:
            code = 70
            try:
                zero_nonce()
                os.close(r)
                os.setpgid(0, 0)
                nul = os.open(os.devnull, os.O_RDWR)
                os.dup2(nul, 0)
                os.dup2(nul, 1)  # printing is not judged here; it must not hit the output cap
                child_functions(w, key, setup, cand, tests, check, P.get("entry_point"))
                code = 0
            except BaseException:
                code = 71
            finally:
                exit_now(code)
        os.close(w)
        data, why, ex = collect(pid, r, deadline, cap)
        out["exit"] = ex
        expect = 0
        for line in data.decode("utf-8", "replace").split("\n"):
            if not line:
                continue
            f = line.split("\t")
            f = f[1:] if f[0] == key else ["forged"]
            try:
                if f[0] == "S" and len(f) == 2 and int(f[1]) == expect:
                    continue
                if f[0] == "R" and len(f) == 4 and int(f[1]) == expect < len(names) \
                        and f[2] in ("pass", "fail", "tamper"):
                    out["tests"][expect].update(status=f[2], message=unhex(f[3]))
                    expect += 1
                    continue
                if f[0] == "C" and len(f) == 3 and out["candidate"] == "ok":
                    out["candidate"], out["message"] = f[1], unhex(f[2])
                    continue
                if f[0] == "E" and len(f) == 1 and not out["ended"]:
                    out["ended"] = True
                    continue
            except ValueError:
                pass
            if f[0] == "forged":
                out["candidate"], out["message"] = "tamper", "harness protocol violated"
            else:
                # A well-keyed record out of sequence: only a copy of the test process (made by the
                # candidate's os.fork) holds the key, and it ran the tests again.
                out["candidate"], out["message"] = "forked", FORKED
            out["ended"] = False
            return
        finish(why, ex, expect)

    def finish(why, ex, running):
        if why == "timeout":
            out["timeout"] = True
            if running < len(out["tests"]):
                out["tests"][running]["status"] = "timeout"
        elif why == "output_limit":
            out["candidate"], out["message"] = "output_limit", "harness channel flooded"
        elif out["candidate"] == "ok" and (not out["ended"] or ex != "exit 0"):
            kind = "killed" if ex.startswith("signal") else "early_exit"
            out["candidate"] = kind
            out["message"] = "the process ended (%s) before the harness finished" % ex

    def run_io():
        code = compile_candidate(P["candidate"], False)
        inputs = P["inputs"]
        out["tests"] = [{"name": "case %d" % i, "status": "not_run", "message": ""}
                        for i in range(len(inputs))]
        outputs = []
        if code is not None:
            for i, inp in enumerate(inputs):
                if spent() >= deadline:
                    out["timeout"] = True
                    out["tests"][i]["status"] = "timeout"
                    break
                fd = os.memfd_create("stdin")
                wr(fd, inp.encode("utf-8"))
                os.lseek(fd, 0, 0)
                r, w = os.pipe()
                pid = fork()
                if pid == 0:
                    rc = 70
                    try:
                        zero_nonce()
                        os.close(r)
                        os.setpgid(0, 0)
                        os.dup2(fd, 0)
                        os.dup2(w, 1)
                        rc = 0
                        try:
                            exec(code, {"__name__": "__main__", "__builtins__": builtins})
                        except SystemExit as e:
                            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                            if e.code is not None and not isinstance(e.code, int):
                                sys.stderr.write(str(e.code) + "\n")
                        except BaseException:
                            traceback.print_exc()
                            rc = 1
                        sys.stdout.flush()
                    except BaseException:
                        rc = rc or 71
                    finally:
                        exit_now(rc)
                os.close(w)
                os.close(fd)
                data, why, ex = collect(pid, r, deadline, cap)
                outputs.append(data.decode("utf-8", "replace"))
                t = out["tests"][i]
                if why == "timeout":
                    out["timeout"], t["status"] = True, "timeout"
                    break
                if why == "output_limit":
                    t["status"], t["message"] = "output_limit", "more than %d bytes" % cap
                elif ex != "exit 0":
                    t["status"], t["message"] = "error", "program ended with " + ex
                else:
                    t["status"] = "ran"
        expected = json.loads(secret.decode("utf-8")) if secret.strip() else []
        for i, got in enumerate(outputs):
            t = out["tests"][i]
            if t["status"] != "ran":
                continue
            exp = expected[i] if i < len(expected) else ""
            if got.split() == exp.split():
                t["status"] = "pass"
            else:
                t["status"] = "fail"
                t["message"] = "expected %r, got %r" % (exp[:200], got[:200])
        out["ended"] = code is not None

    try:
        if P["mode"] == "io":
            run_io()
        else:
            run_functions()
            if out["candidate"] in ("forked", "tamper"):
                # No per-test result of such a run is trusted: which ones its copies or forgeries
                # reached depends on timing, and CodeT agreement reads them.
                for t in out["tests"]:
                    t["status"], t["message"] = "not_run", ""
    except BaseException as e:
        out["candidate"], out["message"] = "harness_error", fmt(e) + " " + \
            traceback.format_exc()[-800:]
    line = json.dumps(out).encode("utf-8")
    for width in (120, 40, 0):  # stay well under the sandbox's stdout cap
        if len(line) <= 48000:
            break
        for t in out["tests"]:
            t["name"], t["message"] = t["name"][:width], t["message"][:width]
        out["message"] = out["message"][:400]
        line = json.dumps(out).encode("utf-8")
    wr(1, b"\n" + bytes(nonce) + b" " + line + b"\n")


def _assay_start():
    import builtins, types
    # The harness runs with a private snapshot of builtins as its globals, so candidate code
    # that patches the builtins module or this __main__ module cannot change the harness.
    g = {"__builtins__": dict(builtins.__dict__), "__name__": "assay_harness",
         "_PAYLOAD": _PAYLOAD}
    types.FunctionType(_assay_main.__code__, g)()


_assay_start()
