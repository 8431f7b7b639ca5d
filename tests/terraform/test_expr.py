"""The expression tree: object keys as Terraform names them, and spans on every node."""

from __future__ import annotations

from tfgen.terraform import expr as ex
from tfgen.terraform.parse.hcl import parse_hcl


def items(text: str) -> tuple[ex.ObjectItem, ...]:
    [attribute] = parse_hcl(f"x = {text}\n", "main.tf").body.attributes
    assert isinstance(attribute.expr, ex.ObjectCons)
    return attribute.expr.items


def test_literal_keys_are_names_and_computed_keys_are_not() -> None:
    plain, quoted, computed = items('{ a = 1, "b c" = 2, (var.k) = 3 }')
    assert ex.object_key_name(plain) == "a" and ex.object_key_name(quoted) == "b c"
    assert ex.object_key_name(computed) is None


def test_every_node_knows_where_it_is() -> None:
    [attribute] = parse_hcl('x = lower("A")\n', "main.tf").body.attributes
    assert isinstance(attribute.expr, ex.Call) and attribute.expr.name == "lower"
    span = attribute.expr.span
    assert (span.file, span.line, span.column) == ("main.tf", 1, 5)
