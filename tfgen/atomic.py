"""Writing a file so that it is never seen half-written: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """Replaces path with text in one step; on any failure the old file is left as it was."""
    directory = os.path.dirname(path) or "."
    handle, temporary = tempfile.mkstemp(prefix=".tfgen-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode())
        os.replace(temporary, path)
    except BaseException:
        # Includes KeyboardInterrupt: a stopped render must not leave its temporary behind.
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _default_mode() -> int:
    """What a plain open() would have created (mkstemp makes files private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
