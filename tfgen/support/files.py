"""Reading files tfgen did not write: only regular files, and never more than a limit.

Opening a FIFO for reading waits for a writer, and a link to /dev/zero never ends: a file is
opened without waiting, refused unless it is a regular file, and read to at most its limit plus
one byte, whatever size it claims.

The language server checks what the editor shows, saved or not: inside `unsaved(buffers)`,
every read of one of those files gets the buffer, and a module's listing includes a buffer
not yet saved at all.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1024 * 1024
# O_NONBLOCK: opening a FIFO returns at once (fstat then refuses it); a regular file is
# read as usual.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class TooLarge(OSError):
    """A file over a size limit; size is what was seen, at least limit + 1 bytes."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file is {size:,} bytes; tfgen reads files up to {limit:,} bytes")
        self.size = size
        self.limit = limit
        self.strerror = str(self)


_unsaved: dict[str, bytes] = {}  # absolute path -> an editor's text of it


@contextmanager
def unsaved(buffers: Mapping[str, bytes]) -> Iterator[None]:
    """Reads of these files (absolute paths) see the given contents instead of the disk."""
    previous = dict(_unsaved)
    _unsaved.update(buffers)
    try:
        yield
    finally:
        _unsaved.clear()
        _unsaved.update(previous)


def unsaved_in(directory: str) -> list[str]:
    """The unsaved buffers directly in a directory, as paths under it as given."""
    folder = os.path.abspath(directory)
    return [
        os.path.join(directory, os.path.basename(path))
        for path in _unsaved
        if os.path.dirname(path) == folder
    ]


def _buffer(path: str | Path) -> bytes | None:
    return _unsaved.get(os.path.abspath(path)) if _unsaved else None


def open_binary(path: str | Path) -> BinaryIO:
    """A regular file (or its unsaved buffer) opened for reading in binary."""
    data = _buffer(path)
    if data is not None:
        return io.BytesIO(data)
    return os.fdopen(open_regular(path), "rb")


def open_regular(path: str | Path) -> int:
    """A descriptor for a regular file (never a FIFO, a device or a directory); the caller
    closes it. Raises OSError with a strerror that says why not."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO, device or socket"
            raise OSError(0, f"not a regular file ({kind})")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_limited(path: str | Path, limit: int) -> bytes:
    """The content of a regular file of at most limit bytes. Reads at most limit + 1 bytes
    whatever the file claims, so one that grows or lies about its size is still bounded."""
    data = _buffer(path)
    if data is not None:
        if len(data) > limit:
            raise TooLarge(len(data), limit)
        return data
    fd = open_regular(path)
    try:
        claimed = os.fstat(fd).st_size
        if claimed > limit:
            raise TooLarge(claimed, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
