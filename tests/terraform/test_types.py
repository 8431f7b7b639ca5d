"""Type constraints of variables, and Terraform's conversions to them."""

from __future__ import annotations

import pytest

from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.expr import Expr
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import (
    ANY,
    TypeMismatch,
    common_element,
    convert_to,
    element_type,
    parse_type,
    type_of,
    unify,
)
from tfgen.terraform.values import ListValue, MapValue, SetValue


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


def constant(expression: Expr) -> object:
    return evaluate(expression, Scope())


def test_optional_attributes_take_their_defaults_when_absent_or_null() -> None:
    [attribute] = parse_hcl(
        "t = object({ name = string, seconds = optional(number, 3600), note = optional(string) })\n",
        "types.tf",
    ).body.attributes
    job = parse_type(attribute.expr, constant)
    assert convert_to({"name": "n"}, job) == {"name": "n", "seconds": 3600, "note": None}
    assert convert_to({"name": "n", "seconds": None}, job)["seconds"] == 3600  # type: ignore[index]
    assert convert_to({"name": "n", "seconds": "90"}, job)["seconds"] == 90  # type: ignore[index]
    # An attribute the type does not have is dropped, as Terraform's conversion drops it.
    assert "extra" not in convert_to({"name": "n", "extra": 1}, job)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("left", "right", "unified"),
    [
        (5, "abc", "string"),  # a number converts to a string
        (["a"], ListValue(["b"]), "list"),
        (["a", "b"], SetValue(["x"]), "set"),
        (ListValue(["a"]), SetValue(["x"]), "list"),
        ({"a": 1}, {"b": "x"}, "map"),  # objects of different attributes: a map
        ([1], [1, 2], "list"),  # tuples of different lengths: a list
    ],
)
def test_unification_as_cty_finds_it(left: object, right: object, unified: str) -> None:
    found = unify(type_of(left), type_of(right))
    assert found is not None and found.kind == unified


@pytest.mark.parametrize(("left", "right"), [(True, 5), (1, [1]), ({"a": 1}, ["a"])])
def test_no_common_type(left: object, right: object) -> None:
    assert unify(type_of(left), type_of(right)) is None


def test_null_and_unknown_are_dynamic() -> None:
    assert type_of(None) is ANY and unify(type_of(None), type_of(5)) is ANY


def kind(spec: TypeSpec | None) -> str | None:
    return None if spec is None else spec.kind


def test_an_empty_list_set_or_map_has_the_element_type_it_was_made_with() -> None:
    string = TypeSpec("string")
    assert type_of(ListValue([], string)).element is string
    assert type_of(SetValue([], string)).kind == "set"
    assert type_of(MapValue({}, string)).element is string
    assert kind(type_of(ListValue([1], string)).element) == "number"  # the elements decide


def test_the_element_type_collections_share() -> None:
    assert kind(element_type(["a", 1])) == "string"
    assert element_type(["a", [1]]) is None  # a tuple of no common element type
    assert kind(common_element([ListValue([1]), ListValue([], TypeSpec("string"))])) == "string"
    sets = [SetValue([1]), SetValue([])]
    assert kind(common_element(sets, skip_empty_dynamic=True)) == "number"
    assert kind(common_element(sets)) == "any"
