"""A module's names: `var.*` from its variables, `local.*` evaluated lazily, once, cycles found."""

from __future__ import annotations

from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.model import Module
from tfgen.terraform.parse import load_bytes
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.scope import module_scope

LOCALS = b"""locals {
  b = "${local.a}-b"
  a = var.name
  c = local.d
  d = local.c
}
"""


def value(text: str, module: Module, variables: dict[str, Named]) -> tuple[object, Scope]:
    scope = module_scope(module, variables)
    [attribute] = parse_hcl(f"x = {text}\n", "probe.tf").body.attributes
    return evaluate(attribute.expr, scope), scope


def test_locals_refer_to_each_other_in_any_order() -> None:
    module = Module("m", [load_bytes(LOCALS, "m/main.tf")])
    result, _ = value("local.b", module, {"name": Named("var.name", "x")})
    assert result == "x-b"


def test_a_cycle_is_one_finding_that_names_the_chain() -> None:
    module = Module("m", [load_bytes(LOCALS, "m/main.tf")])
    _, scope = value("local.c", module, {})
    [problem] = scope.problems
    assert problem.code == "local-cycle"
    assert problem.message == "local values refer to each other: local.c -> local.d -> local.c"
