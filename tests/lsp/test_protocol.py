"""tfgen's positions in the client's units, and back."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from tfgen.diagnostics import Diagnostic, Severity, Span
from tfgen.lsp.protocol import from_position, to_diagnostic, to_range, touches

LINES = ['  note = "😀" # x', "  b = 1"]
UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)
UTF32 = PositionCodec(types.PositionEncodingKind.Utf32)


def test_columns_after_a_wide_character() -> None:
    hash_sign = Span("f", 1, 15, 1, 16)  # `#`, the 15th character
    assert to_range(hash_sign, LINES, UTF16) == types.Range(
        start=types.Position(0, 15), end=types.Position(0, 16)
    )
    assert to_range(hash_sign, LINES, UTF32) == types.Range(
        start=types.Position(0, 14), end=types.Position(0, 15)
    )
    assert from_position(types.Position(0, 15), LINES, UTF16) == (1, 15)


def test_a_span_past_the_text_is_kept_as_tfgen_gave_it() -> None:
    assert to_range(Span("f", 9, 3, 9, 4), LINES, UTF16).start == types.Position(8, 2)


def test_a_diagnostic_carries_code_severity_and_source() -> None:
    for severity, expected in [
        (Severity.ERROR, types.DiagnosticSeverity.Error),
        (Severity.WARNING, types.DiagnosticSeverity.Warning),
        (Severity.INFO, types.DiagnosticSeverity.Information),
    ]:
        found = to_diagnostic(Diagnostic(Span("f", 2, 3, 2, 4), severity, "c", "m"), LINES, UTF16)
        assert (found.severity, found.code, found.source, found.message) == (
            expected,
            "c",
            "tfgen",
            "m",
        )


def test_touches_compares_lines() -> None:
    selected = types.Range(start=types.Position(1, 0), end=types.Position(1, 0))
    assert touches(Span("f", 2, 5, 2, 9), selected)
    assert touches(Span("f", 1, 5, 3, 9), selected)
    assert not touches(Span("f", 3, 1, 3, 2), selected)
    assert not touches(Span("f", 1, 1, 1, 2), selected)
