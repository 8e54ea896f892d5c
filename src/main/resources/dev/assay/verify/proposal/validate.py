# Assay proposed-task validator (code/1), generated per run by dev.assay.verify.code.
# Runs a proposed program f on each input twice and reports its outputs (canonical JSON and
# repr) or the first reason to reject it. The report is the line starting with the nonce
# read from stdin.
_PAYLOAD = "@@PAYLOAD@@"


def _validate_main():
    import ast, base64, json, math, os, signal, sys
    P = json.loads(base64.b64decode(_PAYLOAD).decode("utf-8"))
    seed = str(P.get("hash_seed", ""))
    if seed and os.environ.get("ASSAY_HASH_SEED") != seed and "__file__" in globals():
        # A warm sandbox runner forks every run from one interpreter, so all runs share its
        # hash seed; start afresh with this run's seed so set/dict order of strings differs
        # between the two validation runs when the program depends on it.
        env = dict(os.environ, PYTHONHASHSEED=seed, ASSAY_HASH_SEED=seed)
        try:
            os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)], env)
        except OSError:
            pass  # no exec in this sandbox: validate in this process with its seed
    nonce = sys.stdin.readline().strip()
    res = {"ok": False, "reason": "", "detail": "", "outputs": [], "reprs": []}
    wr = os.write

    def report():
        wr(1, ("\n" + nonce + " " + json.dumps(res) + "\n").encode("utf-8"))

    def reject(reason, detail=""):
        res["reason"], res["detail"] = reason, str(detail)[:500]
        report()
        os._exit(0)

    banned_mods = set(P["banned_modules"])
    banned_calls = set(P["banned_calls"])
    banned_events = tuple(P["banned_events"])
    try:
        tree = ast.parse(P["code"], "<proposed>")
        code = compile(tree, "<proposed>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        reject("syntax_error", "%s: %s" % (type(e).__name__, e))
    for node in ast.walk(tree):
        mods = []
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mods = [node.module or ""]
        for m in mods:
            if m.split(".")[0] in banned_mods:
                reject("banned_import:" + m.split(".")[0], "line %d" % node.lineno)
        if isinstance(node, ast.Name) and node.id in banned_calls:
            reject("banned_effect:" + node.id, "line %d" % node.lineno)
        if isinstance(node, ast.Attribute) and node.attr in banned_calls:
            reject("banned_effect:" + node.attr, "line %d" % node.lineno)
    entry = P["entry_point"]
    if not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == entry
               for n in tree.body):
        reject("no_entry_point", "no top-level def %s" % entry)
    def parse_args(s):
        return ast.literal_eval("(" + s + ",)") if s.strip() else ()

    inputs = []
    for i, s in enumerate(P["inputs"]):
        try:
            parse_args(s)
            inputs.append(s)
        except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as e:
            reject("bad_input", "input %d is not a Python literal argument list: %s" % (i, e))

    roots = tuple(p for p in {sys.prefix, sys.base_prefix, os.path.dirname(os.__file__)} if p)
    state = {"on": False, "hit": None, "timeout": False}

    class Banned(BaseException):
        pass

    class Timeout(BaseException):
        pass

    def hook(event, args):
        if not state["on"] or not event.startswith(banned_events):
            return
        if event in ("open", "os.listdir", "os.scandir") and args and args[0] is not None:
            path = str(args[0])
            mode = args[1] if event == "open" and len(args) > 1 else "r"
            if path.startswith(roots) and (mode is None or "w" not in str(mode)
                                           and "a" not in str(mode) and "+" not in str(mode)):
                return  # the import system reading the standard library
        state["hit"] = state["hit"] or event
        raise Banned(event)

    def alarm(sig, frame):
        state["timeout"] = True
        raise Timeout()

    sys.addaudithook(hook)
    signal.signal(signal.SIGALRM, alarm)
    limit = float(P["per_input_s"])

    def guarded(fn):
        state["on"], state["timeout"] = True, False
        signal.setitimer(signal.ITIMER_REAL, limit)
        err = None
        try:
            val = fn()
        except BaseException as e:
            val, err = None, e
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            state["on"] = False
        if state["timeout"]:
            reject("nonterminating", "no result within %.1fs" % limit)
        if state["hit"]:
            reject("banned_effect:" + state["hit"], "")
        if err is not None:
            reject("runtime_error", "%s: %s" % (type(err).__name__, err))
        return val

    class NotJson(Exception):
        pass

    def canon(v, depth=0):
        if depth > 100:
            raise NotJson("nesting deeper than 100")
        t = type(v)
        if v is None or t in (bool, int, str):
            return v
        if t is float:
            if not math.isfinite(v):
                raise NotJson("non-finite float")
            return v
        if t in (list, tuple):
            return [canon(x, depth + 1) for x in v]
        if t in (set, frozenset):
            items = [canon(x, depth + 1) for x in v]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        if t is dict:
            out = {}
            for k, x in v.items():
                if type(k) not in (str, int, bool) and k is not None:
                    raise NotJson("dict key of type %s" % type(k).__name__)
                out[json.dumps(k) if type(k) is not str else k] = canon(x, depth + 1)
            return out
        raise NotJson("value of type %s" % t.__name__)

    ns = {"__name__": "__proposed__"}
    guarded(lambda: exec(code, ns))
    f = ns.get(entry)
    if not callable(f):
        reject("no_entry_point", "%s is not callable" % entry)
    for i, s in enumerate(inputs):
        seen = []
        for _ in range(2):
            args = parse_args(s)  # fresh objects each call: f may mutate its input
            y = guarded(lambda: f(*args))
            try:
                text = json.dumps(canon(y), sort_keys=True)
                rep = repr(y)
                ast.literal_eval(rep)
            except (NotJson, ValueError, SyntaxError, TypeError, RecursionError) as e:
                reject("not_json_serialisable", "input %d: %s" % (i, e))
            seen.append((text, rep))
        if seen[0][0] != seen[1][0]:
            reject("nondeterministic", "input %d: %s then %s" % (i, seen[0][0][:200],
                                                                  seen[1][0][:200]))
        res["outputs"].append(seen[0][0])
        res["reprs"].append(seen[0][1])
    res["ok"], res["reason"] = True, "ok"
    report()
    os._exit(0)


_validate_main()
