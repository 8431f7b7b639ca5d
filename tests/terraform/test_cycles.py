"""Cycles found from references, as Terraform's graph finds them."""

from __future__ import annotations

from tfgen.terraform.cycles import cycles, module_cycles
from tfgen.terraform.model import Module
from tfgen.terraform.parse.hcl import parse_hcl


def module(text: str) -> Module:
    return Module(".", [parse_hcl(text, "main.tf")])


def test_a_cycle_through_a_branch_never_taken_is_a_cycle() -> None:
    [cycle] = module_cycles(module("locals {\n  a = false ? local.b : 1\n  b = local.a\n}\n"))
    assert cycle.path == ("local.a", "local.b", "local.a")
    assert cycle.message == "local values refer to each other: local.a -> local.b -> local.a"
    assert cycle.span.line == 2


def test_a_local_that_uses_itself() -> None:
    [cycle] = module_cycles(module("locals {\n  a = true ? 1 : local.a\n}\n"))
    assert cycle.path == ("local.a", "local.a")


def test_validations_that_wait_for_each_other_are_a_cycle() -> None:
    text = (
        'variable "b" {\n  validation {\n    condition = var.b > var.c\n    error_message = "b"\n'
        '  }\n}\nvariable "c" {\n  validation {\n    condition = var.c < var.b\n'
        '    error_message = "c"\n  }\n}\n'
    )
    [cycle] = module_cycles(module(text))
    assert (
        cycle.message
        == "values refer to each other: var.b (validation) -> var.c (validation) -> var.b (validation)"
    )


def test_a_validation_may_use_its_own_variable_and_a_local_that_does_not_use_it() -> None:
    text = (
        'locals {\n  limit = 3\n}\nvariable "b" {\n  validation {\n'
        '    condition = var.b > local.limit\n    error_message = "b"\n  }\n}\n'
    )
    assert module_cycles(module(text)) == []


def test_one_loop_per_group_from_its_first_node() -> None:
    edges = {"a": ["b"], "b": ["c", "a"], "c": ["a"], "d": ["d"], "e": ["a"]}
    assert cycles(edges) == [["a", "b", "a"], ["d", "d"]]


def test_a_long_chain_needs_no_recursion() -> None:
    edges = {f"n{i}": [f"n{i + 1}"] for i in range(5000)}
    edges["n5000"] = ["n0"]
    [loop] = cycles(edges)
    assert len(loop) == 5002
