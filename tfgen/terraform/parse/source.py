"""Reading source files the way Terraform does: UTF-8, with or without a BOM, LF or CRLF."""

from __future__ import annotations

from pathlib import Path

from tfgen.support.files import read_limited

BOM = "\ufeff"


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
