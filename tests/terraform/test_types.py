"""Type constraints of variables, and Terraform's conversions to them."""

from __future__ import annotations

import pytest

from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.types import ANY, TypeMismatch, TypeSpec, convert_to, parse_type


def spec(text: str) -> TypeSpec:
    [attribute] = parse_hcl(f"t = {text}\n", "types.tf").body.attributes
    return parse_type(attribute.expr)


def test_constraints_are_read_and_anything_else_is_any() -> None:
    assert spec("string").kind == "string"
    listed = spec("list(number)")
    assert listed.kind == "list" and listed.element is not None
    assert listed.element.kind == "number"
    assert set(spec("object({ a = string, b = number })").attributes) == {"a", "b"}
    assert spec("whatever(1, 2)") is ANY


def test_conversions_follow_terraform() -> None:
    assert convert_to(3, spec("string")) == "3"
    assert convert_to("7200", spec("number")) == 7200
    assert convert_to(["a", "b"], spec("list(string)")) == ["a", "b"]
    assert convert_to({"a": 1}, spec("map(string)")) == {"a": "1"}


def test_a_value_that_cannot_convert_says_why() -> None:
    with pytest.raises(TypeMismatch, match="number"):
        convert_to("abc", spec("number"))
    with pytest.raises(TypeMismatch):
        convert_to({"a": 1}, spec("list(string)"))
