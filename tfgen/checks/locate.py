"""From a path inside a block's value back to the source span it came from."""

from __future__ import annotations

from collections.abc import Sequence

from tfgen.diagnostics import Span
from tfgen.terraform import expr as ex
from tfgen.terraform.model import Attribute


def locate(attribute: Attribute, path: Sequence[str | int]) -> Span:
    """The deepest span along path that the source spells out literally."""
    span = attribute.span
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
                return item.key_span.to(item.value.span), item.value
    if isinstance(node, ex.TupleCons) and isinstance(step, int) and step < len(node.items):
        item_node = node.items[step]
        return item_node.span, item_node
    return None
