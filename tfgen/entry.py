"""The console script. Importing the command line takes a few tenths of a second, and Ctrl-C
in that time is an exit like any other, not a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from tfgen.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("tfgen: interrupted\n")
        sys.exit(130)
    run()
