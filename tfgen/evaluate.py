"""Evaluating expressions to the values Terraform knows before plan.

Anything that cannot be known yet evaluates to UNKNOWN, and UNKNOWN propagates: a checker
sees it and stays silent. The Scope is where variables, locals and instance keys plug in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tfgen import expr as ex
from tfgen.values import UNKNOWN, to_string


@dataclass
class Scope:
    """Names an expression may refer to, by root (`var`, `local`, `each`, `count`)."""

    roots: dict[str, object] = field(default_factory=dict)


EMPTY_SCOPE = Scope()


def evaluate(node: ex.Expr, scope: Scope = EMPTY_SCOPE) -> object:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        return UNKNOWN
    return handler(node, scope)


def _literal(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Literal)
    return node.value


def _template(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Template)
    if len(node.parts) == 1 and isinstance(node.parts[0], ex.Expr):
        # "${x}" alone is x itself, with its own type (Terraform unwraps it).
        return evaluate(node.parts[0], scope)
    pieces = []
    for part in node.parts:
        value = part if isinstance(part, str) else to_string(evaluate(part, scope))
        if not isinstance(value, str):
            return UNKNOWN
        pieces.append(value)
    return "".join(pieces)


def _object(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.ObjectCons)
    result: dict[str, object] = {}
    for item in node.items:
        name = ex.object_key_name(item)
        key = name if name is not None else to_string(evaluate(item.key, scope))
        if not isinstance(key, str):
            return UNKNOWN  # an unknown key makes the whole object unknown
        result[key] = evaluate(item.value, scope)
    return result


def _tuple(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.TupleCons)
    return [evaluate(item, scope) for item in node.items]


def _variable(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Variable)
    return scope.roots.get(node.name, UNKNOWN)


def _get_attr(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.GetAttr)
    target = evaluate(node.target, scope)
    if isinstance(target, dict):
        return target.get(node.name, UNKNOWN)
    return UNKNOWN


_HANDLERS = {
    ex.Literal: _literal,
    ex.Template: _template,
    ex.ObjectCons: _object,
    ex.TupleCons: _tuple,
    ex.Variable: _variable,
    ex.GetAttr: _get_attr,
}
