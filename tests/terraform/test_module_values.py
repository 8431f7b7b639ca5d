"""Every local and output of a module, evaluated as `terraform apply` evaluates them."""

from __future__ import annotations

from tfgen.terraform.model import Module
from tfgen.terraform.module_values import evaluate_module, findings
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
    assert evaluate_module(found, scope) == {"x": 6, "t": UNKNOWN}


def test_a_local_nothing_uses_is_still_evaluated_and_its_error_found() -> None:
    found = module('locals {\n  unused = upper([1])\n}\noutput "x" { value = 1 }\n')
    scope = module_scope(found, {})
    evaluate_module(found, scope)
    [finding] = findings(scope)
    assert finding.span.line == 2 and finding.code == "invalid-expression"


def test_a_reference_in_a_branch_never_taken_is_still_resolved() -> None:
    found = module('output "x" { value = true ? 1 : data.openai_batch.nope.id }\n')
    scope = module_scope(found, {})
    assert evaluate_module(found, scope) == {"x": 1}
    [finding] = findings(scope)
    assert finding.code == "invalid-reference" and "data.openai_batch.nope" in finding.message


def test_references_of_a_block_with_no_instances_are_resolved_but_not_its_providers() -> None:
    found = module(
        'resource "openai_batch" "b" {\n  count = 0\n  provider = openai.secondary\n'
        "  depends_on = [openai_file.nope]\n  endpoint = each.value\n}\n"
    )
    scope = module_scope(found, {})
    evaluate_module(found, scope)
    [finding] = findings(scope)
    assert finding.span.line == 4 and "openai_file.nope" in finding.message
