"""Input variables' `validation` rules, checked as Terraform 1.9+ checks them.

A rule may refer to other variables and to locals, not only to its own variable; it is
checked whatever the value (null included), and skipped only while its condition is unknown.
The error message is evaluated with the condition, but converted to a string only when the
condition fails.
"""

from __future__ import annotations

from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.expr import Expr
from tfgen.terraform.model import Block, Module
from tfgen.terraform.references import references
from tfgen.terraform.values import UNKNOWN, is_known, to_bool, to_string


def check_validations(module: Module, scope: Scope) -> None:
    """Reports each failed or malformed rule into the scope's problems."""
    for block in module.blocks("variable"):
        if not block.labels or f"var.{block.labels[0]}" in scope.state.cyclic:
            continue
        named = scope.namespaces["var"](block.labels[0])
        for rule in block.body.blocks:
            if rule.type == "validation" and named is not None:
                _check_rule(block.labels[0], named, rule, scope)


def _check_rule(name: str, named: Named, rule: Block, scope: Scope) -> None:
    condition = rule.body.attribute("condition")
    if condition is None:
        return
    if not _uses(condition.expr, f"var.{name}"):
        scope.report(
            condition.name_span,
            "invalid-validation",
            f'the condition for variable "{name}" must refer to var.{name} to test its value',
        )
        return
    result = evaluate(condition.expr, scope)
    message_attribute = rule.body.attribute("error_message")
    message = evaluate(message_attribute.expr, scope) if message_attribute else None
    if result is None:
        scope.report(
            condition.expr.span,
            "invalid-validation",
            "the validation condition must be true or false, not null",
        )
        return
    if not is_known(result):
        return
    result = to_bool(result)
    if not isinstance(result, bool):
        scope.report(
            condition.expr.span, "invalid-validation", "the validation condition must be a bool"
        )
    elif not result:
        _report_failure(name, named, to_string(message), rule, scope)


def _uses(expression: Expr, address: str) -> bool:
    for reference in references(expression):
        subject = reference.subject(1)
        if subject is not None and subject[0] == address:
            return True
    return False


def _report_failure(name: str, named: Named, message: object, rule: Block, scope: Scope) -> None:
    if message is not None and message is not UNKNOWN and not isinstance(message, str):
        scope.report(rule.span, "invalid-validation", "the error message must be a string")
        message = None
    text = message.strip() if isinstance(message, str) else ""
    where = f" ({named.origin})" if named.origin else ""
    scope.report(
        named.span or rule.span,
        "invalid-variable-value",
        f'invalid value for variable "{name}"{where}: '
        f"{text or 'Failed to evaluate condition error message.'} "
        f"(validation at {rule.span.file}:{rule.span.line})",
    )
