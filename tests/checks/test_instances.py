"""`count` and `for_each`: one scope per instance Terraform would create, when it can know."""

from __future__ import annotations

from tfgen.checks.instances import instances
from tfgen.terraform.evaluate import Scope
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.values import UNKNOWN


def keys(meta: str) -> list[str]:
    [block] = parse_hcl(f'resource "openai_batch" "x" {{\n  {meta}\n}}\n', "main.tf").body.blocks
    return [i.key for i in instances(block, Scope())]


def test_count_and_for_each_give_terraforms_instance_keys() -> None:
    assert keys("count = 2") == ["[0]", "[1]"]
    assert keys("for_each = { a = 1, b = 2 }") == ['["a"]', '["b"]']
    assert keys('for_each = toset(["p"])') == ['["p"]']


def test_an_unknown_collection_is_one_check_with_unknown_keys() -> None:
    [block] = parse_hcl('resource "openai_batch" "x" {\n  count = var.n\n}\n', "m.tf").body.blocks
    [only] = instances(block, Scope())
    assert only.key == "" and only.scope.lookup("count", "index").value is UNKNOWN
