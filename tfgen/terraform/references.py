"""What an expression refers to and calls, found without evaluating it.

Terraform resolves every reference of an expression before it evaluates any part of it, and
orders its work by them: so `false ? var.nope : 1` is an error, and a local used only in a
branch never taken still closes a cycle. This module reads those references off the tree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from tfgen.terraform import expr as ex


@dataclass(frozen=True)
class Reference:
    """`var.x.y`: the root, the attribute names after it, the expression of each prefix
    (`var.x` is steps[0]), so that a finding points where the evaluator's would, and the
    whole traversal as written."""

    root: str
    names: tuple[str, ...]
    steps: tuple[ex.Expr, ...]
    whole: ex.Expr

    def subject(self, length: int) -> tuple[str, ex.Expr] | None:
        """The first `length` names as an address and the expression that spells them."""
        if len(self.names) < length:
            return None
        return ".".join((self.root, *self.names[:length])), self.steps[length - 1]


def references(node: ex.Expr) -> Iterator[Reference]:
    """Each traversal from a name no `for` binds, outermost first."""
    for found, bound in _walk(node):
        if isinstance(found, (ex.GetAttr, ex.Index, ex.Variable)):
            reference = _traversal(found)
            if reference is not None and reference.root not in bound:
                yield reference


def calls(node: ex.Expr) -> Iterator[ex.Call]:
    for found, _ in _walk(node):
        if isinstance(found, ex.Call):
            yield found


def _walk(node: ex.Expr) -> Iterator[tuple[ex.Expr, frozenset[str]]]:
    """Every node with the names bound where it stands; iterative, since a generated
    expression may nest deeper than Python's stack."""
    stack: list[tuple[ex.Expr, frozenset[str]]] = [(node, frozenset())]
    while stack:
        current, bound = stack.pop()
        if _is_chain_link(current):
            # A traversal is one reference: its inner links are not references of their own.
            yield current, bound
            stack.extend((key, bound) for key in _chain_keys(current))
            continue
        yield current, bound
        stack.extend(reversed(list(_children(current, bound))))


def _children(node: ex.Expr, bound: frozenset[str]) -> Iterator[tuple[ex.Expr, frozenset[str]]]:
    if isinstance(node, (ex.ForExpr, ex.TemplateFor)):
        yield node.collection, bound
        inner = bound | {node.value_var} | ({node.key_var} if node.key_var else set())
        parts: list[ex.Expr | None] = (
            [node.key, node.value, node.condition] if isinstance(node, ex.ForExpr) else [node.body]
        )
        yield from ((part, inner) for part in parts if part is not None)
        return
    if isinstance(node, ex.ObjectCons):
        for item in node.items:
            if not isinstance(item.key, ex.Variable):  # a bare key is a name, not a reference
                yield item.key, bound
            yield item.value, bound
        return
    for name in _field_names(type(node)):
        value = getattr(node, name)
        for child in value if isinstance(value, tuple) else (value,):
            if isinstance(child, ex.Expr):
                yield child, bound


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    # dataclasses.fields() builds its answer anew on every call: once per node kind here.
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def _is_chain_link(node: ex.Expr) -> bool:
    return isinstance(node, (ex.GetAttr, ex.Index)) and _traversal(node) is not None


def _chain_keys(node: ex.Expr) -> Iterator[ex.Expr]:
    while isinstance(node, (ex.GetAttr, ex.Index)):
        if isinstance(node, ex.Index):
            yield node.key
        node = node.target


def _traversal(node: ex.Expr) -> Reference | None:
    """The reference a chain of attributes and indexes on a bare name spells; None when the
    chain starts from anything else (a call, a literal)."""
    whole = node
    links: list[ex.Expr] = []
    while isinstance(node, (ex.GetAttr, ex.Index)):
        links.append(node)
        node = node.target
    if not isinstance(node, ex.Variable):
        return None
    names: list[str] = []
    steps: list[ex.Expr] = []
    for link in reversed(links):
        if not isinstance(link, ex.GetAttr):
            break  # names end at the first index: `data.t["n"]` is no address tfgen reads
        names.append(link.name)
        steps.append(link)
    return Reference(node.name, tuple(names), tuple(steps), whole)
