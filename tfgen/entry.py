"""The console script. Importing the command line takes a few tenths of a second, and Ctrl-C
in that time is an exit like any other, not a traceback.

A run is short, and two costs of Python's own add about a tenth to a small one: the garbage
collector's passes over what the imports allocate (all of it lives to the end), and the
teardown at exit (every object freed one by one, then a last full collection) that frees
memory the operating system is about to take back. The collector is paused while the command
line is imported, what it imported is set aside from its later passes (gc.freeze), and the
process ends once its output is flushed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    gc.disable()
    try:
        from tfgen.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("tfgen: interrupted\n")
        sys.exit(130)
    finally:
        gc.freeze()
        gc.enable()
    try:
        run()
    except SystemExit as stop:
        leave(stop.code)
    leave(0)


def leave(code: object) -> None:
    """Ends the process as `sys.exit(code)` would, without Python's teardown. Every file tfgen
    writes is closed (and renamed into place) before this; only the standard streams are left."""
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    os._exit(code or 0)
