"""Reading source files the way Terraform does: UTF-8, with or without a BOM, LF or CRLF."""

from __future__ import annotations

import os
import stat
from pathlib import Path

BOM = "\ufeff"
_CHUNK = 1024 * 1024
# Opening a FIFO for reading waits for a writer: O_NONBLOCK returns at once, and fstat then
# refuses it. For a regular file the flag changes nothing.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class TooLarge(OSError):
    """A file over a size limit; size is what was seen, at least limit + 1 bytes."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file is {size:,} bytes; tfgen reads files up to {limit:,} bytes")
        self.size = size
        self.limit = limit
        self.strerror = str(self)


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


class ParseFailure(ValueError):
    """A file that cannot be read as Terraform; carries where the reader gave up, and the code
    to report it under (a file past a parsing limit is `file-too-large`, not a syntax error)."""

    def __init__(self, message: str, line: int, column: int, code: str = "syntax-error") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code


def decode(data: bytes) -> str:
    """Text with the BOM removed and CRLF folded to LF (columns are unchanged by both)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ParseFailure(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column
        ) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n")


def read_text(path: Path, limit: int) -> str:
    return decode(read_limited(path, limit))
