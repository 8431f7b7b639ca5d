"""tfgen's positions (1-based lines, columns in characters) as the client counts them
(0-based, in the code units the session agreed on: UTF-16 unless the client offers better)."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from tfgen.diagnostics import Diagnostic, Severity, Span

SOURCE = "tfgen"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_range(span: Span, lines: Sequence[str], codec: PositionCodec) -> types.Range:
    def position(line: int, column: int) -> types.Position:
        where = types.Position(line=max(line - 1, 0), character=max(column - 1, 0))
        if where.line >= len(lines):  # past the text (a file changed since): as tfgen says
            return where
        return codec.position_to_client_units(lines, where)

    return types.Range(
        start=position(span.line, span.column), end=position(span.end_line, span.end_column)
    )


def from_position(
    position: types.Position, lines: Sequence[str], codec: PositionCodec
) -> tuple[int, int]:
    """The client's position as tfgen's (line, column)."""
    where = codec.position_from_client_units(lines, position)
    return where.line + 1, where.character + 1


def to_diagnostic(
    diagnostic: Diagnostic, lines: Sequence[str], codec: PositionCodec
) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(diagnostic.span, lines, codec),
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
    )


def touches(span: Span, selected: types.Range) -> bool:
    """Whether a finding's lines meet the lines of the client's range."""
    return span.line - 1 <= selected.end.line and span.end_line - 1 >= selected.start.line
