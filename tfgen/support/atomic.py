"""Writing a file so that it is never seen half-written: a temporary file, then a rename.

The temporary file sits beside its target and is named after it and after the writing
process (`.NAME.tfgen-PID-XXXX.tmp`): a write that is stopped cleans up after itself, and one
that cannot (SIGKILL) leaves a file the next write of the same target removes, once the
process that made it is gone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: str, text: str, mode: int | None = None) -> None:
    """Replaces path with text in one step; on any failure the old file is left as it was.
    mode: the new file's permissions (default: what the umask gives a new file)."""
    directory = os.path.dirname(path) or "."
    prefix = f".{os.path.basename(path)}.tfgen-"
    _remove_orphans(Path(directory), prefix)
    handle, temporary = tempfile.mkstemp(
        prefix=f"{prefix}{os.getpid()}-", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode() if mode is None else mode)
        os.replace(temporary, path)
    except BaseException:
        # Includes KeyboardInterrupt, and SystemExit from SIGTERM (see cli.main): a stopped
        # render must not leave its temporary behind.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _remove_orphans(directory: Path, prefix: str) -> None:
    """Temporaries of this target whose writer no longer runs."""
    try:
        leftovers = list(directory.glob(f"{prefix}*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(prefix) :].partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, and belongs to someone else
    return True


def _default_mode() -> int:
    """What a plain open() would have created (mkstemp makes files private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
