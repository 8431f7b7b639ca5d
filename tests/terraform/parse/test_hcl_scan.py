"""HCL's lexer as hashicorp/hcl's scanner cuts a file: kinds, texts and positions."""

from __future__ import annotations

import pytest

from tfgen.terraform.parse import hcl_scan as lex
from tfgen.terraform.parse.source import ParseFailure


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in lex.scan(text)]


def test_an_attribute() -> None:
    assert kinds('a = "b"\n') == [
        (lex.IDENT, "a"),
        ("=", "="),
        (lex.OQUOTE, '"'),
        (lex.QUOTED_LIT, "b"),
        (lex.CQUOTE, '"'),
        (lex.NEWLINE, "\n"),
        (lex.EOF, ""),
    ]


def test_positions_are_one_based_and_count_code_points() -> None:
    tokens = lex.scan('x = "é"\ny = 1\n')
    one = next(t for t in tokens if t.text == "1")
    assert (one.line, one.column, one.start) == (2, 5, 12)


def test_a_template_sequence_and_its_strip_markers() -> None:
    found = kinds('"a${~ x ~}b"')
    assert (lex.INTERP, "${~") in found and (lex.SEQ_END, "~}") in found


def test_a_number_never_ends_with_its_dot() -> None:
    assert [text for kind, text in kinds("foo.0.bar") if kind == lex.NUMBER] == ["0"]


def test_a_heredoc_is_opened_only_by_a_marker_and_a_newline() -> None:
    assert (lex.OHEREDOC, "<<EOT\n") in kinds("a = <<EOT\nhi\nEOT\n")
    assert [k for k, _ in kinds("a = 1 << 2\n")].count("<") == 2


def test_a_newline_in_a_quoted_string_is_its_own_token() -> None:
    assert lex.QUOTED_NEWLINE in [k for k, _ in kinds('a = "x\ny"\n')]


def test_a_standalone_template_has_no_closing_marker() -> None:
    tokens = lex.scan_template("plain ${x} text")
    assert [t.kind for t in tokens][:2] == [lex.STRING_LIT, lex.INTERP]


def test_nesting_beyond_the_limit_is_file_too_large() -> None:
    with pytest.raises(ParseFailure) as caught:
        lex.scan("a = " + "[" * 1001)
    assert caught.value.code == "file-too-large"


@pytest.mark.parametrize(
    ("text", "decoded"),
    [("a\\nb", "a\nb"), ("$${x}", "${x}"), ("%%{x}", "%{x}"), ("\\u00e9", "é")],
)
def test_literals_decode_as_hcl_decodes_them(text: str, decoded: str) -> None:
    assert lex.decode_literal(text, quoted=True) == decoded


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # An ASCII name followed by a Unicode letter is one name (the ASCII fast path yields).
        ("aé = 1", [(lex.IDENT, "aé"), ("=", "="), (lex.NUMBER, "1")]),
        ("é_b", [(lex.IDENT, "é_b")]),
        # Operators are tried longest first, in HCL's order.
        ("a...b=>c==d", [(lex.IDENT, "a"), ("...", "..."), (lex.IDENT, "b"), ("=>", "=>")]),
        ("x::y", [(lex.IDENT, "x"), ("::", "::"), (lex.IDENT, "y")]),
        # Escapes stay in a string's literal run, a quote or `$` ends it.
        ('"a\\"b$c"', [(lex.OQUOTE, '"'), (lex.QUOTED_LIT, 'a\\"b'), (lex.QUOTED_LIT, "$")]),
        # A backslash before a newline, or at the very end, escapes nothing.
        ('"a\\\n', [(lex.OQUOTE, '"'), (lex.QUOTED_LIT, "a"), (lex.INVALID, "\\")]),
        ('"a\\', [(lex.OQUOTE, '"'), (lex.QUOTED_LIT, "a"), (lex.INVALID, "\\")]),
        # A heredoc line runs to `$`, `%` or the line's end.
        (
            "<<E\nab%c\nE\n",
            [(lex.OHEREDOC, "<<E\n"), (lex.STRING_LIT, "ab"), (lex.STRING_LIT, "%")],
        ),
    ],
)
def test_the_fast_paths_cut_as_hcl_does(source: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(source)[: len(expected)] == expected


def test_a_span_is_the_positions_of_its_two_offsets() -> None:
    lines = lex.LineIndex("ab\ncdé\n\nf")
    for start, end in [(0, 0), (1, 4), (3, 7), (6, 9), (8, 9)]:
        assert lines.span(start, end) == (*lines.position(start), *lines.position(end))
