"""Values as Terraform holds them before plan: conversions, numbers, how messages quote them."""

from __future__ import annotations

import pytest

from tfgen.terraform.values import (
    UNKNOWN,
    format_number,
    is_known,
    parse_number,
    quote,
    to_bool,
    to_number,
    to_string,
    type_name,
)


def test_unknown_is_one_value_and_spreads_through_collections() -> None:
    assert is_known({"a": [1, "x"]}) and not is_known({"a": [1, UNKNOWN]})
    assert repr(UNKNOWN) == "(known after apply)"


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (3, "3"), (3.0, "3"), (0.5, "0.5"), ("s", "s")]
)
def test_conversion_to_string_as_terraform_makes_it(value: object, text: str) -> None:
    assert to_string(value) == text


def test_numeric_strings_become_numbers_and_others_stay() -> None:
    assert to_number("7200") == 7200 and to_number("1.5") == 1.5 and to_number("x") == "x"
    assert to_bool("true") is True and to_bool("yes") == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [("42", 42), ("-7", -7), ("1e3", 1000), ("0.25", 0.25), ("9" * 5000, UNKNOWN)],
)
def test_number_literals(text: str, value: object) -> None:
    assert parse_number(text) == value


def test_integral_floats_print_without_a_fraction() -> None:
    assert format_number(1e20) == "100000000000000000000" and format_number(2.5) == "2.5"


def test_quote_writes_hcl_cuts_long_values_and_escapes_control_characters() -> None:
    assert quote("a\nb\x1b") == '"a\\nb\\u001b"'
    assert quote({"k": [1, True, None]}) == "{ k = [1, true, null] }"
    long = quote("x" * 100)
    assert long.endswith('..."') and len(long) <= 60


def test_type_names_are_terraforms() -> None:
    assert [type_name(v) for v in ("s", 1, True, [1], {"a": 1}, None)] == [
        "string",
        "number",
        "bool",
        "tuple",
        "object",
        "null",
    ]
