"""Values Terraform reads without a scope: a variable's default and what variables files,
`-var` and `TF_VAR_` give. They may use no name and call no function, only constants."""

from __future__ import annotations

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.expr import Expr
from tfgen.terraform.references import calls, references
from tfgen.terraform.values import UNKNOWN


def constant(expression: Expr, problems: list[Diagnostic]) -> object:
    """The expression's value; UNKNOWN, with a finding for each name and each call in it, when
    it is not a constant."""
    found = [
        diagnostic(
            r.whole.span,
            "not-constant",
            f"Variables not allowed: {'.'.join((r.root, *r.names))} cannot be used here, "
            "only a constant value",
        )
        for r in references(expression)
    ]
    found += [
        diagnostic(
            c.span,
            "not-constant",
            f"Function calls not allowed: {c.name}() cannot be called here, only a constant value",
        )
        for c in calls(expression)
    ]
    if found:
        problems.extend(found)
        return UNKNOWN
    return evaluate(expression, Scope())
