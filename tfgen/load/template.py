"""Terraform JSON strings are templates: split out `${ ... }` and parse each expression."""

from __future__ import annotations

from tfgen import expr as ex
from tfgen.diagnostics import Span
from tfgen.load.source import ParseFailure


def parse_template(text: str, span: Span) -> ex.Expr:
    """A JSON string value as Terraform reads it; every node gets the string's span."""
    parts: list[str | ex.Expr] = []
    literal: list[str] = []
    index = 0
    while index < len(text):
        if text.startswith(("$${", "%%{"), index):
            literal.append(text[index + 1 : index + 3])
            index += 3
        elif text.startswith(("${", "%{"), index):
            end = _closing_brace(text, index + 2)
            if end < 0:
                raise ParseFailure(
                    f"unclosed {text[index : index + 2]!r} in string", span.line, span.column
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            inner = text[index + 2 : end]
            if text[index] == "%":
                parts.append(ex.Opaque(span, "directive"))
            else:
                parts.append(parse_expression(inner.strip("~ \t\n"), span))
            index = end + 1
        else:
            literal.append(text[index])
            index += 1
    if literal:
        parts.append("".join(literal))
    if len(parts) == 1 and isinstance(parts[0], str):
        return ex.Literal(span, parts[0])
    if not parts:
        return ex.Literal(span, "")
    return ex.Template(span, tuple(parts))


def parse_expression(source: str, span: Span) -> ex.Expr:
    """One HCL expression, through the same parser as `.tf` files."""
    from tfgen.load.hcl import parse_hcl

    try:
        parsed = parse_hcl(f"x = (\n{source}\n)\n", span.file, fixed_span=span)
    except ParseFailure as exc:
        raise ParseFailure(
            f"invalid expression in string: {exc.message}", span.line, span.column
        ) from None
    return parsed.body.attributes[0].expr


def _closing_brace(text: str, start: int) -> int:
    """Index of the `}` closing an interpolation, skipping nested braces and quoted strings."""
    depth = 0
    index = start
    quoted = False
    while index < len(text):
        char = text[index]
        if quoted:
            if char == "\\":
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return -1
