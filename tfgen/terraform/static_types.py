"""The type a failed expression still has, as HCL gives it.

A conditional's result type comes from both of its results, even when the one not taken
fails: HCL's operators and templates then return an unknown of their own type (`1 + x` is a
number whatever x is), while a failed function call, index or attribute returns a value of
no type at all. So `false ? 1 + [] : [1]` is an inconsistent conditional, and
`false ? upper([]) : [1]` is not. Only what is certain is said here; the rest is `any`.
"""

from __future__ import annotations

from tfgen.terraform import expr as ex
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import ANY, type_of, unify

_ARITHMETIC = {"+", "-", "*", "/", "%"}


def static_type(node: ex.Expr) -> TypeSpec:
    if isinstance(node, ex.Literal):
        return type_of(node.value)
    if isinstance(node, ex.Template):
        if len(node.parts) == 1 and isinstance(node.parts[0], ex.Expr):
            return static_type(node.parts[0])
        return TypeSpec("string")
    if isinstance(node, (ex.TemplateIf, ex.TemplateFor)):
        return TypeSpec("string")
    if isinstance(node, ex.BinaryOp):
        return TypeSpec("number" if node.op in _ARITHMETIC else "bool")
    if isinstance(node, ex.UnaryOp):
        return TypeSpec("bool" if node.op == "!" else "number")
    if isinstance(node, ex.TupleCons):
        return TypeSpec("tuple", elements=tuple(static_type(i) for i in node.items))
    if isinstance(node, ex.Conditional):
        return unify(static_type(node.true_result), static_type(node.false_result)) or ANY
    return ANY
