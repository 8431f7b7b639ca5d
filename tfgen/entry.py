"""The console script. Importing the command line takes a few tenths of a second, and Ctrl-C
in that time is an exit like any other, not a traceback.

A run is short, and two costs of Python's own add a fifth to it: the garbage collector's
passes over what the imports, the parse trees and the model allocate (all of it lives to the
end of the run, so its passes free almost nothing: a few thousand objects of cyclic garbage
on the benchmark corpus, the same peak memory either way), and the teardown at exit (every
object freed one by one) that frees memory the operating system is about to take back. So
the collector is off for the run (the language server, which runs for hours, turns it back
on), and the process ends once its output is flushed.
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
