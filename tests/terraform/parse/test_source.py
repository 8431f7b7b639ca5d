"""Reading source text as Terraform does: UTF-8 with or without a BOM, LF or CRLF."""

from __future__ import annotations

import pytest

from tfgen.terraform.parse.source import ParseFailure, decode


def test_a_bom_and_crlf_are_accepted_and_columns_are_unchanged() -> None:
    assert decode("\ufeffa = 1\r\nb = 2\r\n".encode()) == "a = 1\nb = 2\n"


def test_invalid_utf8_is_located_at_its_byte() -> None:
    with pytest.raises(ParseFailure) as caught:
        decode(b'a = "ok"\nb = "caf\xe9"\n')
    assert (caught.value.line, caught.value.column) == (2, 9)
    assert caught.value.message == "file is not valid UTF-8 (byte 0xe9)"
    assert caught.value.code == "syntax-error"
