"""Terraform expressions as plain data, independent of the parser that produced them.

The HCL and JSON loaders both build these nodes; the evaluator walks them. Nothing here
knows about python-hcl2 or Lark.
"""

from __future__ import annotations

from dataclasses import dataclass

from tfgen.diagnostics import Span


@dataclass(frozen=True)
class Expr:
    span: Span


@dataclass(frozen=True)
class Literal(Expr):
    value: object  # str, a number (tfgen.terraform.numbers), bool or None, as Terraform reads it


@dataclass(frozen=True)
class Template(Expr):
    """A string with interpolations; a template that is exactly one `${x}` yields x's value."""

    parts: tuple[str | Expr, ...]


@dataclass(frozen=True)
class TemplateIf(Expr):
    """`%{ if c }a%{ else }b%{ endif }` inside a template: always a string."""

    condition: Expr
    then: Expr
    otherwise: Expr


@dataclass(frozen=True)
class TemplateFor(Expr):
    """`%{ for k, v in c }body%{ endfor }` inside a template: the bodies joined."""

    key_var: str | None
    value_var: str
    collection: Expr
    body: Expr


@dataclass(frozen=True)
class Opaque(Expr):
    """A construct tfgen does not evaluate (splats): always unknown."""

    text: str


@dataclass(frozen=True)
class ObjectItem:
    key: Expr
    value: Expr
    key_span: Span


@dataclass(frozen=True)
class ObjectCons(Expr):
    items: tuple[ObjectItem, ...]


@dataclass(frozen=True)
class TupleCons(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Variable(Expr):
    """The root of a traversal: `var`, `local`, `each`, `count`, a resource type, ..."""

    name: str


@dataclass(frozen=True)
class GetAttr(Expr):
    target: Expr
    name: str


@dataclass(frozen=True)
class Index(Expr):
    target: Expr
    key: Expr


@dataclass(frozen=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]
    expand_final: bool = False


@dataclass(frozen=True)
class Conditional(Expr):
    condition: Expr
    true_result: Expr
    false_result: Expr


@dataclass(frozen=True)
class BinaryOp(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class UnaryOp(Expr):
    op: str
    operand: Expr


@dataclass(frozen=True)
class ForExpr(Expr):
    key_var: str | None
    value_var: str
    collection: Expr
    value: Expr
    key: Expr | None = None  # set for `{for ... : k => v}`
    condition: Expr | None = None
    grouping: bool = False


def object_key_name(item: ObjectItem) -> str | None:
    """The literal name of an object key, or None when the key is computed."""
    key = item.key
    if isinstance(key, Literal) and isinstance(key.value, str):
        return key.value
    if isinstance(key, Variable):
        # HCL reads a bare identifier key as the literal string, not a reference.
        return key.name
    if isinstance(key, Template) and all(isinstance(p, str) for p in key.parts):
        return "".join(p for p in key.parts if isinstance(p, str))
    return None
