"""Templates: the `${ }` and `%{ }` sequences of quoted strings, heredocs and JSON strings.

Literal text comes out as HCL's template parser (hashicorp/hcl parser_template.go) makes it:
a strip marker (`${~ x ~}`) trims the whitespace next to it, a `<<-` heredoc loses the
indentation its lines share, `$${` and `%%{` are the literal `${` and `%{`. The `%{ if }`
and `%{ for }` directives become nodes (TemplateIf, TemplateFor) holding what they enclose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tfgen.diagnostics import Span
from tfgen.terraform import expr as ex
from tfgen.terraform.parse import hcl_scan as lex
from tfgen.terraform.parse.source import ParseFailure


@dataclass(frozen=True)
class Sequence:
    """A `${ }` or `%{ }` and whether it strips the whitespace before and after it. A
    directive (`if`, `else`, `endif`, `for`, `endfor`) keeps its expression and names."""

    expr: ex.Expr
    strip_before: bool = False
    strip_after: bool = False
    directive: str | None = None
    names: tuple[str, ...] = ()  # a `for` directive's key and value names (or value alone)


_DIRECTIVE = re.compile(
    r"\s*(?:(?P<if>if)\s+(?P<cond>.*\S)|(?P<word>else|endif|endfor)"
    r"|for\s+(?P<a>[A-Za-z_][\w-]*)\s*(?:,\s*(?P<b>[A-Za-z_][\w-]*)\s*)?\s+in\s+(?P<coll>.*\S))\s*\Z",
    re.S,
)


Piece = str | Sequence  # a literal, as HCL's scanner cuts them, or a sequence
# The parser of the expression inside `${ }`: HCL's own (parse.hcl), handed in by the caller so
# that templates need not import the parser that imports them.
ExpressionParser = Callable[[str, Span], ex.Expr]


def parse_template(text: str, span: Span, expression: ExpressionParser) -> ex.Expr:
    """A JSON string value as Terraform reads it; every node gets the string's span."""
    return assemble(span, _pieces(text, span, expression))


def parse_heredoc(body: str, flush: bool, span: Span, expression: ExpressionParser) -> ex.Expr:
    """A heredoc's body (the lines between its markers); flush for `<<-`."""
    return assemble(span, _pieces(body, span, expression), flush)


def assemble(span: Span, pieces: list[Piece], flush: bool = False) -> ex.Expr:
    """The template from its pieces, in HCL's order: strip markers, then `<<-`, then join."""
    pieces = _strip(pieces)
    if flush:
        pieces = _flush(pieces)
    parts, _, stop = _nest(pieces, 0, span, set())
    if stop is not None:
        raise ParseFailure(f"unexpected %{{ {stop} }} in template", span.line, span.column)
    return _joined(span, parts)


def _joined(span: Span, parts: list[str | ex.Expr]) -> ex.Expr:
    if not parts:
        return ex.Literal(span, "")
    if len(parts) == 1 and isinstance(parts[0], str):
        return ex.Literal(span, parts[0])
    return ex.Template(span, tuple(parts))


def _nest(
    pieces: list[Piece], index: int, span: Span, stops: set[str]
) -> tuple[list[str | ex.Expr], int, str | None]:
    """The parts from index up to a directive in stops (returned with its index), with each
    `if` and `for` directive made one node holding the parts it encloses."""
    parts: list[str | ex.Expr] = []
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, Sequence) and piece.directive is not None:
            if piece.directive in stops:
                return parts, index, piece.directive
            node, index = _directive(pieces, index, span)
            parts.append(node)
        elif isinstance(piece, Sequence):
            parts.append(piece.expr)
        elif parts and isinstance(parts[-1], str):
            parts[-1] += piece
        else:
            parts.append(piece)  # even "": `"${x ~} "` is a string, not x itself
        index += 1
    return parts, index, None


def _directive(pieces: list[Piece], index: int, span: Span) -> tuple[ex.Expr, int]:
    """The node of the `if` or `for` opened at index, and the index of its closing piece."""
    opener = pieces[index]
    assert isinstance(opener, Sequence)
    closer = {"if": "endif", "for": "endfor"}.get(opener.directive or "")
    if closer is None:
        raise ParseFailure(
            f"unexpected %{{ {opener.directive} }} in template", span.line, span.column
        )
    body, index, stop = _nest(
        pieces, index + 1, span, {"else", closer} if closer == "endif" else {closer}
    )
    otherwise: list[str | ex.Expr] = []
    if stop == "else":
        otherwise, index, stop = _nest(pieces, index + 1, span, {closer})
    if stop != closer:
        raise ParseFailure(
            f"%{{ {opener.directive} }} has no %{{ {closer} }}", span.line, span.column
        )
    where = opener.expr.span
    if opener.directive == "if":
        return ex.TemplateIf(
            where, opener.expr, _joined(where, body), _joined(where, otherwise)
        ), index
    key, value = opener.names if len(opener.names) == 2 else (None, opener.names[0])
    return ex.TemplateFor(where, key, value, opener.expr, _joined(where, body)), index


def directive_sequence(
    inner: str, strip_before: bool, strip_after: bool, span: Span, expression: ExpressionParser
) -> Sequence:
    """A `%{ ... }` from the text between its braces (strip markers removed)."""
    found = _DIRECTIVE.match(inner)
    if found is None:
        raise ParseFailure(f"invalid template directive %{{{inner}}}", span.line, span.column)
    if found.group("word"):
        return Sequence(ex.Literal(span, None), strip_before, strip_after, found.group("word"))
    if found.group("if"):
        condition = expression(found.group("cond"), span)
        return Sequence(condition, strip_before, strip_after, "if")
    names = tuple(n for n in (found.group("a"), found.group("b")) if n)
    collection = expression(found.group("coll"), span)
    return Sequence(collection, strip_before, strip_after, "for", names)


def _pieces(text: str, span: Span, expression: ExpressionParser) -> list[Piece]:
    tokens = lex.scan_template(text)
    pieces: list[Piece] = []
    index = 0
    while tokens[index].kind != lex.EOF:
        token = tokens[index]
        if token.kind in (lex.INTERP, lex.CONTROL):
            end = _sequence_end(tokens, index, span)
            inner = text[token.start + len(token.text) : tokens[end].start]
            before, after = "~" in token.text, tokens[end].text == "~}"
            if token.kind == lex.CONTROL:
                pieces.append(directive_sequence(inner, before, after, span, expression))
            else:
                pieces.append(Sequence(expression(inner, span), before, after))
            index = end + 1
        else:
            pieces.append(lex.decode_literal(token.text, quoted=False))
            index += 1
    return pieces


def _sequence_end(tokens: list[lex.Token], start: int, span: Span) -> int:
    """Index of the token closing the sequence opened at start (sequences nest in strings)."""
    depth = 0
    for index in range(start, len(tokens)):
        kind = tokens[index].kind
        if kind in (lex.INTERP, lex.CONTROL):
            depth += 1
        elif kind == lex.SEQ_END:
            depth -= 1
            if depth == 0:
                return index
    opener = tokens[start].text[:2]
    raise ParseFailure(f"unclosed {opener!r} in string", span.line, span.column)


def _strip(pieces: list[Piece]) -> list[Piece]:
    """`${~` trims the literal just before, `~}` the literal just after (HCL: unicode.IsSpace)."""
    stripped = list(pieces)
    for index, piece in enumerate(stripped):
        if not isinstance(piece, Sequence):
            continue
        before = stripped[index - 1] if index > 0 else None
        after = stripped[index + 1] if index + 1 < len(stripped) else None
        if piece.strip_before and isinstance(before, str):
            stripped[index - 1] = _rstrip(before)
        if piece.strip_after and isinstance(after, str):
            stripped[index + 1] = _lstrip(after)
    return stripped


def _flush(pieces: list[Piece]) -> list[Piece]:
    """`<<-`: every line loses as many leading spaces as the least indented line has.

    As in HCL, only a literal that starts a line counts and is trimmed; a line of nothing
    but spaces counts for nothing and keeps its spaces; a line that starts with a sequence
    counts as no indentation at all; a tab is one character, like a space.
    """
    smallest: int | None = None
    line_start = True
    trimmed_lines: list[int] = []
    for index, piece in enumerate(pieces):
        if line_start:
            line_start = False
            indent = 0
            if isinstance(piece, str):
                if _lstrip(piece) == "" and piece.endswith("\n"):
                    indent = -1  # a blank line
                else:
                    indent = len(piece) - len(_lstrip(piece))
                    trimmed_lines.append(index)
            if indent >= 0:
                smallest = indent if smallest is None else min(smallest, indent)
        if isinstance(piece, str) and piece.endswith("\n"):
            line_start = True
    flushed = list(pieces)
    for index in trimmed_lines:
        flushed[index] = str(flushed[index])[smallest:]
    return flushed


def _lstrip(text: str) -> str:
    index = 0
    while index < len(text) and lex.is_space(text[index]):
        index += 1
    return text[index:]


def _rstrip(text: str) -> str:
    index = len(text)
    while index > 0 and lex.is_space(text[index - 1]):
        index -= 1
    return text[:index]
