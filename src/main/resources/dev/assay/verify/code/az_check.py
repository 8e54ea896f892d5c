# Assay Absolute-Zero answer check (az-code/1): deduction compares the predicted output with
# the output computed when the program was validated; abduction runs the program on the
# proposed input. Answers are parsed with ast.literal_eval only, never executed as code.
_PAYLOAD = "@@PAYLOAD@@"


def _az_main():
    import ast, base64, json, os, sys
    nonce = sys.stdin.readline().strip()
    P = json.loads(base64.b64decode(_PAYLOAD).decode("utf-8"))

    def out(reason, detail=""):
        os.write(1, ("\n%s %s\n" % (nonce, json.dumps({"reason": reason,
                                                         "detail": str(detail)[:400]}))).encode())

    ans = P["answer"]
    try:
        if P["type"] == "deduction":
            got = ast.literal_eval(ans)
        else:
            got = ast.literal_eval("(" + ans + ",)") if ans.strip() else ()
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as e:
        out("no_answer", "not a Python literal: %s" % e)
        return
    expected = ast.literal_eval(P["expected"])
    if P["type"] == "abduction":
        ns = {"__name__": "__az__"}
        exec(compile(P["code"], "<program>", "exec"), ns)
        try:
            got = ns[P["entry_point"]](*got)
        except BaseException as e:
            out("wrong_answer", "f%r raised %s: %s" % (tuple(ast.literal_eval(
                "(" + ans + ",)")), type(e).__name__, e))
            return
    try:
        same = bool(got == expected) and type(got) is type(expected)
    except BaseException as e:
        same, got = False, e
    out("ok" if same else "wrong_answer", "" if same else "got %r, expected %r" % (got, expected))


_az_main()
