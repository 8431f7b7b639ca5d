"""Variable validation rules, checked as Terraform 1.9+ checks them."""

from __future__ import annotations

import pytest

from tfgen.terraform.evaluate import Problem
from tfgen.terraform.model import Module
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.scope import module_scope
from tfgen.terraform.validations import check_validations
from tfgen.terraform.variable_sources import VariableSources
from tfgen.terraform.variables import resolve_variables


def problems(rule: str, value: str = "5", extra: str = "") -> list[Problem]:
    text = (
        f'variable "a" {{\n  default = {value}\n  validation {{\n{rule}\n  }}\n}}\n'
        f'variable "limit" {{\n  default = 3\n}}\nlocals {{\n  unit = "s"\n}}\n{extra}'
    )
    module = Module(".", [parse_hcl(text, "main.tf")])
    variables = resolve_variables(module, VariableSources(), root=False)
    scope = module_scope(module, variables.values)
    check_validations(module, scope)
    return scope.problems


def test_a_rule_may_use_other_variables_and_locals() -> None:
    rule = '    condition = var.a > var.limit\n    error_message = "over ${var.limit}${local.unit}"'
    assert problems(rule) == []
    [problem] = problems(rule, value="2")
    assert problem.code == "invalid-variable-value" and problem.span.line == 2
    assert problem.message == (
        'invalid value for variable "a" (default at main.tf:2): over 3s (validation at main.tf:3)'
    )


def test_a_null_value_is_checked_too() -> None:
    rule = '    condition = var.a != null\n    error_message = "required"'
    [problem] = problems(rule, value="null")
    assert problem.code == "invalid-variable-value"


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("var.a > 1 ? null : true", "the validation condition must be true or false, not null"),
        ('var.a > 1 ? "yes" : false', "the validation condition must be a bool"),
        ("true", 'the condition for variable "a" must refer to var.a to test its value'),
    ],
)
def test_a_malformed_condition(condition: str, message: str) -> None:
    [problem] = problems(f'    condition = {condition}\n    error_message = "m"')
    assert (problem.code, problem.message) == ("invalid-validation", message)


def test_a_condition_that_converts_to_bool_and_a_number_message() -> None:
    assert problems('    condition = var.a > 1 ? "true" : false\n    error_message = 5') == []
    [problem] = problems('    condition = var.a < 1 ? "true" : "false"\n    error_message = 5')
    assert ": 5 (validation" in problem.message


def test_a_message_that_is_not_a_string_is_its_own_error_when_the_rule_fails() -> None:
    assert problems("    condition = var.a > 1\n    error_message = [1]") == []
    found = problems("    condition = var.a < 1\n    error_message = [1]")
    assert [p.code for p in found] == ["invalid-validation", "invalid-variable-value"]
    assert "Failed to evaluate condition error message." in found[1].message


def test_an_unknown_condition_is_skipped() -> None:
    rule = '    condition = var.a > length(timestamp())\n    error_message = "m"'
    assert problems(rule) == []


def test_a_variable_in_a_validation_cycle_is_not_checked_again() -> None:
    rule = '    condition = var.a > local.twice\n    error_message = "m"'
    found = problems(rule, extra="locals {\n  twice = var.a * 2\n}\n")
    assert [p.code for p in found] == ["local-cycle"]
