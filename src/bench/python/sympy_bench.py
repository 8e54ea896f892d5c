#!/usr/bin/python3
"""A small sympy-based math answer checker, benchmarked on the same pairs as `assay bench math`.

Usage: /usr/bin/python3 src/bench/python/sympy_bench.py [MATH500_JSONL] [--pairs N]

Builds exactly the pairs of dev.assay.verify.math.MathBench (pair i: problem k = i mod n, other
problem o = (7i + 3) mod n; i mod 4 = 0: own solution, 1: "The answer is $gold$.", 2: \\boxed{other
gold}, 3: other solution), extracts the last \\boxed{} (else the last $...$, else the last number),
turns the LaTeX into sympy with string rewrites plus parse_expr (implicit multiplication), and calls
two answers equal when simplify(a - b) == 0 (elementwise for tuples) or their strings match.
Uses Debian's python3-sympy only. Prints a JSON line last: checks, seconds, per_second,
cpu_seconds, per_cpu_second (process CPU time, fairer on a shared machine), agreement.
"""
import functools
import json
import re
import signal
import sys
import time

import sympy
from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,
                                        implicit_multiplication_application, convert_xor)

TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)


def load(path):
    golds, sols = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                j = json.loads(line)
                golds.append(j["answer"])
                sols.append(j["solution"])
    return golds, sols


def pairs(golds, sols, count):
    n = len(golds)
    out = []
    for i in range(count):
        k, o = i % n, (7 * i + 3) % n
        gold = golds[k]
        same = golds[o].replace(" ", "") == gold.replace(" ", "")
        kind = i % 4
        if kind == 0:
            out.append((gold, sols[k], True))
        elif kind == 1:
            out.append((gold, "The answer is $" + gold + "$.", True))
        elif kind == 2:
            out.append((gold, "\\boxed{" + golds[o] + "}", same))
        else:
            out.append((gold, sols[o], same))
    return out


def braced(s, i):
    """Content of the brace group opening at s[i] and the index after it."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
    return None, len(s)


def extract(text):
    idx = max(text.rfind("\\boxed"), text.rfind("\\fbox"))
    if idx >= 0:
        b = text.find("{", idx)
        if b >= 0:
            content, _ = braced(text, b)
            if content is not None:
                return content
    m = re.findall(r"\$([^$]+)\$", text)
    if m:
        return m[-1]
    m = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return m[-1] if m else None


def rewrite_frac(s):
    out = []
    i = 0
    while i < len(s):
        if s.startswith("\\frac", i):
            j = i + 5
            args = []
            for _ in range(2):
                while j < len(s) and s[j] == " ":
                    j += 1
                if j < len(s) and s[j] == "{":
                    a, j = braced(s, j)
                    args.append(a or "")
                elif j < len(s):
                    args.append(s[j])
                    j += 1
            if len(args) == 2:
                out.append("((" + rewrite_frac(args[0]) + ")/(" + rewrite_frac(args[1]) + "))")
                i = j
                continue
        out.append(s[i])
        i += 1
    return "".join(out)


def to_sympy(latex):
    s = latex
    s = re.sub(r"\\text\{[^}]*\}|\\mbox\{[^}]*\}", "", s)
    for a, b in [("\\left", ""), ("\\right", ""), ("\\!", ""), ("\\,", ""), ("\\$", ""),
                 ("\\%", ""), ("^\\circ", ""), ("^{\\circ}", ""), ("\\dfrac", "\\frac"),
                 ("\\tfrac", "\\frac"), ("\\cdot", "*"), ("\\times", "*"), ("\\pi", "pi"),
                 ("\\infty", "oo"), ("\\sqrt", "sqrt"), ("\\sin", "sin"), ("\\cos", "cos"),
                 ("\\tan", "tan"), ("\\cot", "cot"), ("\\ln", "log"), ("\\log", "log")]:
        s = s.replace(a, b)
    s = rewrite_frac(s)
    s = re.sub(r"sqrt\s*(\d)", r"sqrt(\1)", s)
    s = s.replace("{", "(").replace("}", ")").replace("^", "**")
    s = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", s)
    if "\\" in s:
        raise ValueError("unsupported latex: " + latex)
    return parse_expr(s, transformations=TRANSFORMS, evaluate=True)


@functools.lru_cache(maxsize=4096)
def gold_expr(gold_latex):
    """The gold's sympy form, cached as the Java checker caches parsed golds."""
    return to_sympy(gold_latex)


def equal(a, b):
    if isinstance(a, tuple) or isinstance(b, tuple) or isinstance(a, sympy.Tuple) or isinstance(b, sympy.Tuple):
        ta, tb = tuple(a), tuple(b)
        return len(ta) == len(tb) and all(equal(x, y) for x, y in zip(ta, tb))
    d = sympy.simplify(a - b)
    return d == 0


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def check(gold, pred):
    g = extract("\\boxed{" + gold + "}")
    p = extract(pred)
    if p is None:
        return False
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(5)
    try:
        return bool(equal(gold_expr(g), to_sympy(p)))
    except Exception:
        return g.replace(" ", "") == p.replace(" ", "")
    except Timeout:
        return False
    finally:
        signal.alarm(0)


def main(argv):
    path = "../shared/peer/math500.jsonl"
    count = 2000
    args = list(argv)
    if "--pairs" in args:
        i = args.index("--pairs")
        count = int(args[i + 1])
        del args[i:i + 2]
    if args:
        path = args[0]
    golds, sols = load(path)
    ps = pairs(golds, sols, count)
    for g, p, _ in ps[:50]:
        check(g, p)
    agree = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for g, p, expected in ps:
        agree += 1 if check(g, p) == expected else 0
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(json.dumps({"checker": "sympy " + sympy.__version__, "checks": len(ps),
                      "seconds": round(secs, 3), "per_second": round(len(ps) / secs, 1),
                      "cpu_seconds": round(cpu, 3), "per_cpu_second": round(len(ps) / cpu, 1),
                      "agreement": round(agree / len(ps), 4)}))


if __name__ == "__main__":
    main(sys.argv[1:])
