"""From a path inside a block's value back to the source span it came from."""

from __future__ import annotations

from collections.abc import Sequence

from tfgen import expr as ex
from tfgen.diagnostics import Span
from tfgen.model import Attribute


def join(start: Span, end: Span) -> Span:
    return Span(start.file, start.line, start.column, end.end_line, end.end_column)


def attribute_span(attribute: Attribute) -> Span:
    """From the attribute's name to the end of its value, as the contract's example shows."""
    return join(attribute.name_span, attribute.expr.span)


def locate(attribute: Attribute, path: Sequence[str | int]) -> Span:
    """The deepest span along path that the source spells out literally."""
    span = attribute_span(attribute)
    node: ex.Expr = attribute.expr
    for step in path:
        child = _child(node, step)
        if child is None:
            break
        span, node = child
    return span


def _child(node: ex.Expr, step: str | int) -> tuple[Span, ex.Expr] | None:
    if isinstance(node, ex.ObjectCons):
        for item in node.items:
            if ex.object_key_name(item) == step:
                return join(item.key_span, item.value.span), item.value
    if isinstance(node, ex.TupleCons) and isinstance(step, int) and step < len(node.items):
        item_node = node.items[step]
        return item_node.span, item_node
    return None
