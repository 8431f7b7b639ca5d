"""A module evaluated as `terraform apply` evaluates it: every reference resolved, every
variable validation checked, every local and every output evaluated.

Terraform resolves each reference of an expression before evaluating it, so a reference to
an undeclared name is an error even in a branch never taken; and it evaluates each local value
and output whether or not anything uses it. `validate` and `eval` both go through here.
"""

from __future__ import annotations

from collections.abc import Iterator

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.expr import Expr
from tfgen.terraform.model import Module
from tfgen.terraform.references import references
from tfgen.terraform.validations import check_validations

# Names bound per instance (checked where an instance is evaluated), and arguments whose
# traversals name providers, not values.
_INSTANCE_ROOTS = frozenset({"each", "count", "self"})
_NOT_VALUES = frozenset({"provider", "providers"})


def evaluate_module(module: Module, scope: Scope) -> dict[str, object]:
    """Each output's value, by name (UNKNOWN where Terraform knows it only after apply); the
    problems met on the way are in the scope."""
    for expression, owner in _expressions(module):
        _resolve_references(expression, owner, scope)
    check_validations(module, scope)
    resolve = scope.namespaces["local"]
    for block in module.blocks("locals"):
        for attribute in block.body.attributes:
            resolve(attribute.name)
    values: dict[str, object] = {}
    for block in module.blocks("output"):
        value = block.body.attribute("value")
        if block.labels and value is not None and block.labels[0] not in values:
            values[block.labels[0]] = evaluate(value.expr, scope)
    return values


def _resolve_references(expression: Expr, owner: str | None, scope: Scope) -> None:
    """Resolves each name the expression refers to, taken branch or not, so that an
    undeclared one is reported where the evaluator would report it; a block that refers to
    itself (its owner's address) is an error of its own."""
    for reference in references(expression):
        if reference.root in _INSTANCE_ROOTS:
            continue
        subject = reference.subject(2 if reference.root == "data" else 1)
        if subject is not None and subject[0] == owner:
            message = f"Self-referential block: {owner} cannot refer to itself"
            scope.report(subject[1].span, "invalid-reference", message)
        elif subject is not None:
            evaluate(subject[1], scope)


def _expressions(module: Module) -> Iterator[tuple[Expr, str | None]]:
    """Every expression the static pass reads, with the address of the resource, data
    source or module it belongs to (None for the others)."""
    for block in module.blocks("locals"):
        yield from ((a.expr, None) for a in block.body.attributes)
    for kind in ("output", "resource", "data", "module"):
        for block in module.blocks(kind):
            owner = None if kind == "output" else block.address
            attributes = (a for a in block.body.attributes if a.name not in _NOT_VALUES)
            yield from ((a.expr, owner) for a in attributes)
    for block in module.blocks("variable"):
        for rule in block.body.blocks:
            if rule.type == "validation":
                yield from ((a.expr, None) for a in rule.body.attributes)


def findings(scope: Scope) -> list[Diagnostic]:
    """What went wrong in the evaluations the scope ran, as findings."""
    return [diagnostic(p.span, p.code, p.message) for p in scope.problems]
