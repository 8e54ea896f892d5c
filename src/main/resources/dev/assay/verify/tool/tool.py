"""Assay tool cell runner: one call of the model's python tool (Verification.tool).

Semantics, "replay earlier cells": this fresh process first executes every cell of the
trajectory's history, in order, in one shared namespace (a module named __main__), with stdout
and stderr sent to /dev/null and every exception (SystemExit too) swallowed; then it executes
the new cell with stdout and stderr going to the sandbox's capture. What the caller returns is
what a Jupyter user would see for the new cell: its stdout, then its stderr; the repr of its
last line when that line is an expression whose value is not None (as Jupyter's Out[]); on an
exception the last lines of the traceback, from the cell's own frames down (then exit 1). The
process, its files and its state end with the call: nothing survives to the next one. Processes
the cell forks (os.fork, multiprocessing) print nowhere: how their output would interleave with
the cell's, or how many copies of a fork bomb's traceback arrive before the run is stopped,
depends on timing, and a call's output must not. Programs it runs (subprocess, os.system) print
as usual.

The payload (history and code, base64 JSON) replaces @@PAYLOAD@@ below. Cells are named
"<cell N>" (1-based, the new cell last) and their source is registered with linecache so a
traceback shows its lines.
"""
import ast
import base64
import io
import json
import linecache
import os
import sys
import traceback
import types

PAYLOAD = json.loads(base64.b64decode("@@PAYLOAD@@").decode("utf-8"))
HERE = sys._getframe().f_code.co_filename
TRACEBACK_LINES = 20


def streams():
    """Fresh text streams on fds 1 and 2 (a cell may have replaced or closed sys.stdout)."""
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)
    sys.__stdout__, sys.__stderr__ = sys.stdout, sys.stderr


def flush():
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:  # noqa: BLE001 - a cell may have broken its streams
            pass


def run_cell(source, name, namespace, display):
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    tree = compile(source, name, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    last = None
    if display and tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, name, "exec", dont_inherit=True), namespace)
    if last is not None:
        value = eval(compile(last, name, "eval", dont_inherit=True), namespace)
        if value is not None:
            print(repr(value))


def replay(cells, namespace):
    """Runs the earlier cells with their output discarded and their exceptions swallowed."""
    flush()
    saved = (os.dup(1), os.dup(2))
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
    try:
        for i, cell in enumerate(cells):
            try:
                run_cell(cell, "<cell %d>" % (i + 1), namespace, False)
            except BaseException:  # noqa: BLE001 - an earlier cell's failure was already shown
                pass
            flush()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
        streams()


def show_error():
    """The traceback from the cell's frames down, at most TRACEBACK_LINES lines, on stderr."""
    etype, value, tb = sys.exc_info()
    try:
        while tb is not None and tb.tb_frame.f_code.co_filename == HERE:
            tb = tb.tb_next
        lines = "".join(traceback.format_exception(etype, value, tb)).splitlines()
        if len(lines) > TRACEBACK_LINES:
            lines = lines[:1] + ["  ..."] + lines[-(TRACEBACK_LINES - 2):]
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - out of memory while formatting
        os.write(2, (getattr(etype, "__name__", "Error") + "\n").encode())


def quiet_child():
    """In a process the cell forked: stdout and stderr (and what the parent had buffered) go nowhere."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def main():
    os.register_at_fork(after_in_child=quiet_child)
    history = PAYLOAD["history"]
    cells = types.ModuleType("__main__")
    cells.__builtins__ = __builtins__
    sys.modules["__main__"] = cells
    replay(history, cells.__dict__)
    failed = False
    try:
        run_cell(PAYLOAD["code"], "<cell %d>" % (len(history) + 1), cells.__dict__, True)
    except SystemExit as e:
        failed = e.code not in (None, 0)
        if failed:
            show_error()
    except BaseException:  # noqa: BLE001 - what the model's code raised is its output
        failed = True
        flush()
        show_error()
    flush()
    if failed:
        raise SystemExit(1)


main()
