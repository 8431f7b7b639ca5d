"""TypeSpec: a type as data, shared by values (an empty list's element type) and conversions."""

from __future__ import annotations

import dataclasses

import pytest

from tfgen.terraform.type_spec import TypeSpec


def test_a_type_with_attributes_is_hashable_and_immutable() -> None:
    spec = TypeSpec("object", attributes={"name": TypeSpec("string")})
    assert {spec: 1}[spec] == 1  # identity hashing, though it holds dicts
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.kind = "map"  # type: ignore[misc]


def test_each_type_has_its_own_attribute_table() -> None:
    first, second = TypeSpec("object"), TypeSpec("object")
    first.attributes["a"] = TypeSpec("number")
    assert second.attributes == {}
