"""Where an internal error's traceback goes: a log file, never the user's terminal.

The user sees one line naming the file (as pre-commit does with its pre-commit.log); the file
holds the version, the command line and the traceback, for a bug report.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from tfgen import __version__


def write_crash_log(error: BaseException) -> str | None:
    """The path of the log written for error, or None where nothing could be written."""
    text = (
        f"tfgen {__version__}, Python {sys.version.split()[0]}\n"
        f"command: {' '.join(sys.argv)}\n\n"
        + "".join(traceback.format_exception(type(error), error, error.__traceback__))
    )
    for folder in _folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, path = tempfile.mkstemp(prefix="tfgen-crash-", suffix=".log", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as log:
                log.write(text)
            return path
        except OSError:
            continue
    return None


def _folders() -> list[Path]:
    from tfgen.support.cache import user_cache_folder

    return [user_cache_folder(), Path(tempfile.gettempdir())]
