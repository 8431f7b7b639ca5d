"""References and calls read off an expression without evaluating it."""

from __future__ import annotations

from tfgen.terraform.expr import Expr, UnaryOp
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.references import calls, references


def expression(text: str) -> Expr:
    [attribute] = parse_hcl(f"x = {text}\n", "probe.tf").body.attributes
    return attribute.expr


def addresses(text: str) -> list[str]:
    return [".".join((r.root, *r.names)) for r in references(expression(text))]


def test_every_branch_is_read_taken_or_not() -> None:
    found = addresses('false ? var.a : "${local.b}-%{ if true }${data.t.n.id}%{ endif }"')
    assert sorted(found) == ["data.t.n.id", "local.b", "var.a"]


def test_a_traversal_is_one_reference_and_its_index_keys_are_read() -> None:
    assert sorted(addresses("var.m[local.k].name")) == ["local.k", "var.m"]


def test_names_a_for_binds_are_not_references_but_its_collection_is() -> None:
    found = addresses("[for k, v in var.items : v.name if k != local.skip]")
    assert sorted(found) == ["local.skip", "var.items"]
    assert addresses('"%{ for x in var.l }${x.a}%{ endfor }"') == ["var.l"]


def test_a_bare_object_key_is_a_name_and_a_computed_one_is_read() -> None:
    assert addresses("{ name = 1, (var.key) = 2 }") == ["var.key"]


def test_a_traversal_from_a_call_is_not_a_reference() -> None:
    assert addresses("jsondecode(var.text).field") == ["var.text"]


def test_the_subject_of_a_reference_is_the_expression_that_spells_it() -> None:
    [reference] = references(expression("data.t.n.id"))
    subject = reference.subject(2)
    assert subject is not None and subject[0] == "data.t.n"
    assert (subject[1].span.column, subject[1].span.end_column) == (5, 13)
    assert reference.subject(4) is None


def test_calls_are_found_inside_arguments() -> None:
    assert [c.name for c in calls(expression('upper(lower("A"))'))] == ["upper", "lower"]


def test_a_very_deep_expression_does_not_exhaust_the_stack() -> None:
    node = expression("var.a")
    for _ in range(5000):  # deeper than any parse gives, and than Python's stack
        node = UnaryOp(node.span, "!", node)
    assert [r.root for r in references(node)] == ["var"]
