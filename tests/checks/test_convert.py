"""Terraform's conversions, driven by the schema's types: the value the provider receives."""

from __future__ import annotations

from tfgen.checks.convert import convert, resolve
from tfgen.checks.schemas import load_schema
from tfgen.terraform.values import UNKNOWN

RESOURCE = load_schema("resource")


def test_numbers_and_bools_become_strings_and_numeric_strings_numbers() -> None:
    value = {
        "metadata": {"retries": 3, "dry": True},
        "output_expires_after": {"anchor": "created_at", "seconds": "7200"},
    }
    assert convert(value, RESOURCE, RESOURCE) == {
        "metadata": {"retries": "3", "dry": "true"},
        "output_expires_after": {"anchor": "created_at", "seconds": 7200},
    }


def test_unknown_and_null_stay_what_they_are() -> None:
    assert convert(UNKNOWN, RESOURCE, RESOURCE) is UNKNOWN
    assert convert({"metadata": None}, RESOURCE, RESOURCE) == {"metadata": None}


def test_local_references_are_followed() -> None:
    ref = {"$ref": "#/$defs/meta"}
    assert resolve(ref, RESOURCE) == RESOURCE["$defs"]["meta"]
