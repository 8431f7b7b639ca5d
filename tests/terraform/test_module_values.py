"""Every local and output of a module, evaluated as `terraform apply` evaluates them."""

from __future__ import annotations

from tfgen.terraform.model import Module
from tfgen.terraform.module_values import evaluate_outputs, findings
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.scope import module_scope
from tfgen.terraform.values import UNKNOWN


def module(text: str) -> Module:
    return Module(".", [parse_hcl(text, "main.tf")])


def test_outputs_by_name_and_unknown_where_only_apply_knows() -> None:
    found = module(
        'locals {\n  a = 2\n}\noutput "x" { value = local.a * 3 }\noutput "t" { value = timestamp() }\n'
    )
    scope = module_scope(found, {})
    assert evaluate_outputs(found, scope) == {"x": 6, "t": UNKNOWN}


def test_a_local_nothing_uses_is_still_evaluated_and_its_error_found() -> None:
    found = module('locals {\n  unused = upper([1])\n}\noutput "x" { value = 1 }\n')
    scope = module_scope(found, {})
    evaluate_outputs(found, scope)
    [finding] = findings(scope)
    assert finding.span.line == 2 and finding.code == "invalid-expression"
