"""Terraform's numbers: 512-bit binary values, printed as their shortest decimal."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tfgen.terraform.numbers import (
    MAX_BITS,
    PRECISION,
    digits,
    is_number,
    number_text,
    parse_number,
    rounded,
)


def literal(text: str) -> int | Fraction:
    value = parse_number(text)
    assert value is not None and not isinstance(value, float)
    return value


def test_one_third_has_the_157_digits_terraform_prints() -> None:
    text = number_text(rounded(Fraction(1) / 3))  # type: ignore[arg-type]
    assert text == "0." + "3" * 154 + "5"  # as `terraform output -json` shows 1/3


@pytest.mark.parametrize(
    ("expression", "shown"),
    [
        (lambda: literal("0.1") + literal("0.2"), "0.3"),
        (lambda: literal("6.02e23") + literal("2.5"), "602000000000000000000002.5"),
        (lambda: literal("1.5e300"), "15" + "0" * 299),
        (lambda: literal("0.00001"), "0.00001"),
        (lambda: literal("1e-7"), "0.0000001"),
        (lambda: literal("1e600"), "1" + "0" * 600),
        (lambda: literal("123456789012345678901234567890"), "123456789012345678901234567890"),
        (lambda: literal("-2.50"), "-2.5"),
    ],
)
def test_arithmetic_is_exact_then_rounded_and_printed_shortest(expression, shown: str) -> None:  # type: ignore[no-untyped-def]
    value = rounded(expression())
    assert value is not None
    assert number_text(value) == shown


def test_sums_that_round_to_a_literal_equal_it() -> None:
    assert rounded(literal("0.1") + literal("0.2")) == literal("0.3")


@pytest.mark.parametrize("text", [".5", "5.", "007", "+3", "1E3", "-0"])
def test_literals_terraform_converts(text: str) -> None:
    assert is_number(parse_number(text))


@pytest.mark.parametrize("text", ["0x10", " 5", "abc", "", "1e", "--1", "1_000", "Inf"])
def test_texts_that_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_rounding_keeps_512_bits_to_nearest_even() -> None:
    big = (1 << PRECISION) + 1  # 513 bits: the last one is half an ulp, so it rounds to even
    assert rounded(big) == 1 << PRECISION
    assert rounded(big + 2) == (1 << PRECISION) + 4  # the tie goes to the even mantissa
    assert rounded(Fraction(1, 3)) != Fraction(1, 3)
    assert rounded(Fraction(3, 4)) == Fraction(3, 4)


def test_values_beyond_the_range_are_out_of_range_not_slow() -> None:
    assert parse_number("1e999999999") is None
    assert parse_number("9" * 5000) is None
    assert rounded(Fraction(1 << (MAX_BITS + 10))) is None
    assert rounded(Fraction(1, 1 << (MAX_BITS + 10))) is None


def test_digits_and_point() -> None:
    assert digits(1500) == ("15", 4)
    assert digits(Fraction(1, 4)) == ("25", 0)
    assert digits(0) == ("0", 1)


def test_infinities_print_as_go_prints_them() -> None:
    assert number_text(float("inf")) == "+Inf" and number_text(float("-inf")) == "-Inf"
