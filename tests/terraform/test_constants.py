"""Defaults and variables-file values: constants only, as Terraform reads them."""

from __future__ import annotations

import pytest

from tfgen.diagnostics import Diagnostic
from tfgen.terraform.constants import constant
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.values import UNKNOWN


def value(text: str) -> tuple[object, list[Diagnostic]]:
    [attribute] = parse_hcl(f"x = {text}\n", "terraform.tfvars").body.attributes
    problems: list[Diagnostic] = []
    return constant(attribute.expr, problems), problems


def test_a_constant_has_its_value_for_expressions_included() -> None:
    assert value("[for x in [1, 2] : x * 2]") == ([2, 4], [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("var.other", "Variables not allowed: var.other cannot be used here"),
        ('upper("a")', "Function calls not allowed: upper() cannot be called here"),
    ],
)
def test_a_name_or_a_call_is_an_error_at_it(text: str, message: str) -> None:
    found, [problem] = value(f"[1, {text}]")
    assert found is UNKNOWN
    assert problem.code == "not-constant" and problem.message.startswith(message)
    assert problem.span.column == 9
