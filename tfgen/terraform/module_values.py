"""Every local and output of a module, evaluated as `terraform apply` evaluates them.

Terraform evaluates each local value and each output whether or not anything uses it, so an
error in an unused local is still an error; `validate` and `eval` both go through here.
"""

from __future__ import annotations

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.model import Module


def evaluate_locals(module: Module, scope: Scope) -> None:
    """Evaluates every local once (module_scope remembers each), for its problems."""
    resolve = scope.namespaces["local"]
    for block in module.blocks("locals"):
        for attribute in block.body.attributes:
            resolve(attribute.name)


def evaluate_outputs(module: Module, scope: Scope) -> dict[str, object]:
    """Each output's value, by name (UNKNOWN where Terraform knows it only after apply)."""
    evaluate_locals(module, scope)
    values: dict[str, object] = {}
    for block in module.blocks("output"):
        value = block.body.attribute("value")
        if block.labels and value is not None and block.labels[0] not in values:
            values[block.labels[0]] = evaluate(value.expr, scope)
    return values


def findings(scope: Scope) -> list[Diagnostic]:
    """What went wrong in the evaluations the scope ran, as findings."""
    return [diagnostic(p.span, p.code, p.message) for p in scope.problems]
