"""The program's entry point: the ``mtcheck`` script and ``python -m mtcheck``.

:func:`run` is :func:`mtcheck.cli.main` plus two start-up savings that only a whole process may
make (together about 0.1 s of a 0.6 s scan of 1,000 words, ``benchmarks/cold_start.py``):

* the cyclic garbage collector is paused while the command's modules load (rules, tables and
  the CLI allocate some hundred thousand long-lived objects, which would otherwise set off
  repeated full collections); those objects are then frozen out of later collections and the
  collector runs as usual, so long runs (``serve``, ``lsp``, huge files) stay bounded;
* once the output is flushed and the exit handlers have run (the regex-program cache is written
  by one), the interpreter's teardown, which frees every module and object one by one, is skipped.

Code that calls :func:`mtcheck.cli.main` in its own process (tests, other programs) gets neither.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


def _collect_normally() -> None:
    gc.freeze()
    gc.enable()


def run() -> None:
    """Run the command named in ``sys.argv`` and end the process with its exit status."""
    from mtcheck.cli import main

    gc.disable()
    try:
        main(loaded=_collect_normally)
        status = 0
    except SystemExit as exc:
        status = exc.code
    finally:
        gc.enable()
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()  # what interpreter shutdown would run first; os._exit runs none
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # main already reported an unwritable stdout; the status says so
    os._exit(status or 0)
