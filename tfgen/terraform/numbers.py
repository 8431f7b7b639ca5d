"""Terraform's numbers: binary floating point with a 512-bit mantissa (cty's big.Float).

A number is held exactly as the binary value Terraform holds: an `int` when it is whole, a
`Fraction` (whose denominator is a power of two) when it is not, and a float only for the
infinities (`1/0`). Every literal and every arithmetic result is rounded to 512 bits, to
nearest even, as Go's big.Float rounds; numbers print as the shortest decimal that reads back
as the same binary value (Go's `Text('f', -1)`), which is why `1/3` shows 157 digits and
`0.1 + 0.2` is `0.3`. Go's floats keep the sign of a zero, and so does Terraform's text of one
(`"${-0}"` is "-0"): that zero is the float -0.0 (NEGATIVE_ZERO); every other zero is int 0.

Go's exponents reach 2**31 bits; tfgen stops at MAX_BITS (about 1e3900), beyond which a value
is out of range (None): its holder treats it as unknown. That bounds the work of every number,
so Python's limit on converting long integers to text is lifted where digits are made.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import TypeGuard

PRECISION = 512
MAX_BITS = 13_000
MAX_DIGITS = 3_900  # decimal digits of a literal's exponent or of its digits
Number = int | Fraction | float  # float only for +Inf, -Inf and -0
Finite = int | Fraction

_LITERAL = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([-+]?[0-9]+))?\Z")


NEGATIVE_ZERO = -0.0


def is_negative_zero(value: object) -> bool:
    return isinstance(value, float) and value == 0 and math.copysign(1.0, value) < 0


def negate(value: Number) -> Number:
    """Unary minus, which gives zero a sign as Go's Float.Neg does."""
    if value == 0:
        return 0 if is_negative_zero(value) else NEGATIVE_ZERO
    return -value


def is_number(value: object) -> TypeGuard[Number]:
    return isinstance(value, (int, Fraction, float)) and not isinstance(value, bool)


def rounded(value: int | Fraction) -> Finite | None:
    """The value rounded to 512 bits, to nearest even; None beyond MAX_BITS."""
    if isinstance(value, int) or value.denominator == 1:
        whole = int(value)
        if whole.bit_length() <= PRECISION:
            return whole
        numerator, denominator = abs(whole), 1
    else:
        numerator, denominator = abs(value.numerator), value.denominator
        if denominator & (denominator - 1) == 0 and numerator.bit_length() <= PRECISION:
            return value if denominator.bit_length() <= MAX_BITS else None
    if numerator == 0:
        return 0
    if abs(numerator.bit_length() - denominator.bit_length()) > MAX_BITS:
        return None
    shift = PRECISION - (numerator.bit_length() - denominator.bit_length())
    mantissa, remainder, scale = _divide(numerator, denominator, shift)
    if mantissa.bit_length() > PRECISION:
        shift -= 1
        mantissa, remainder, scale = _divide(numerator, denominator, shift)
    if 2 * remainder > scale or (2 * remainder == scale and mantissa & 1):
        mantissa += 1
    magnitude = Fraction(mantissa, 1 << shift) if shift > 0 else Fraction(mantissa << -shift)
    signed = magnitude if value > 0 else -magnitude
    return int(signed) if signed.denominator == 1 else signed


def _divide(numerator: int, denominator: int, shift: int) -> tuple[int, int, int]:
    """numerator * 2**shift / denominator as a quotient, a remainder and the divisor."""
    if shift >= 0:
        quotient, remainder = divmod(numerator << shift, denominator)
        return quotient, remainder, denominator
    scale = denominator << -shift
    quotient, remainder = divmod(numerator, scale)
    return quotient, remainder, scale


def is_literal(text: str) -> bool:
    """Does text spell a number, whether or not it is in tfgen's range?"""
    return _LITERAL.match(text) is not None


def parse_number(text: str) -> Number | None:
    """A number literal as Terraform parses it (HCL, JSON, tonumber): None when it is not one
    or is out of tfgen's range."""
    match = _LITERAL.match(text)
    if match is None:
        return None
    exponent = match.group(1)
    if len(text) > MAX_DIGITS or (exponent is not None and abs(int(exponent)) > MAX_DIGITS):
        return None  # a number of thousands of digits: its digits alone are the hostile input
    with _long_integers():
        value = rounded(Fraction(text))
    return NEGATIVE_ZERO if value == 0 and text.startswith("-") else value


@contextmanager
def _long_integers() -> Iterator[None]:
    """Python refuses to convert integers of over 4,300 digits to and from text, a guard
    against unbounded work; MAX_BITS bounds that work here."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit:
        sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        if limit:
            sys.set_int_max_str_digits(limit)


def digits(value: int | Fraction) -> tuple[str, int]:
    """The shortest decimal digits that read back as value, and where the point goes:
    value == 0.DIGITS * 10**point. Go's big.Float roundShortest, step by step."""
    magnitude = abs(Fraction(value))
    exact = _decimal(magnitude)
    if magnitude == 0:
        return "0", 1
    if magnitude.denominator == 1 and magnitude.numerator.bit_length() <= PRECISION:
        return exact
    # A mantissa of PRECISION + 1 bits whose last bit is half an ulp.
    top = magnitude.numerator.bit_length() - magnitude.denominator.bit_length()
    if Fraction(1 << top) > magnitude if top >= 0 else Fraction(1, 1 << -top) > magnitude:
        top -= 1
    shift = PRECISION - top
    mantissa = int(magnitude * (Fraction(1 << shift) if shift >= 0 else Fraction(1, 1 << -shift)))
    ulp_half = Fraction(1, 1 << shift) if shift >= 0 else Fraction(1 << -shift)
    lower = _decimal(Fraction(mantissa - 1) * ulp_half)
    upper = _decimal(Fraction(mantissa + 1) * ulp_half)
    return _shortest(exact, lower, upper, inclusive=mantissa & 2 == 0)


def _decimal(value: Fraction) -> tuple[str, int]:
    """The exact decimal digits of a dyadic value, without trailing zeros, and its point."""
    if value == 0:
        return "", 0
    denominator = value.denominator
    twos = denominator.bit_length() - 1  # a power of two: 2**twos
    scaled = value.numerator * 5**twos  # value == scaled / 10**twos
    with _long_integers():
        text = str(scaled)
    stripped = text.rstrip("0")
    return stripped, len(text) - twos


def _shortest(
    exact: tuple[str, int], lower: tuple[str, int], upper: tuple[str, int], inclusive: bool
) -> tuple[str, int]:
    mant, point = exact
    low, high = lower[0], upper[0]

    def at(text: str, index: int) -> str:
        return text[index] if index < len(text) else "0"

    for index, digit in enumerate(mant):
        low_digit, high_digit = at(low, index), at(high, index)
        okdown = low_digit != digit or (inclusive and index + 1 == len(low))
        okup = digit != high_digit and (
            inclusive or int(digit) + 1 < int(high_digit) or index + 1 < len(high)
        )
        if okdown and okup:
            return _round(mant, point, index + 1)
        if okdown:
            return _trim(mant[: index + 1], point)
        if okup:
            return _round_up(mant, point, index + 1)
    return exact


def _round(mant: str, point: int, count: int) -> tuple[str, int]:
    """Go's decimal.round: half up, except an exact half, which goes to even."""
    if count >= len(mant):
        return mant, point
    if mant[count] == "5" and count + 1 == len(mant):
        up = count > 0 and int(mant[count - 1]) % 2 == 1
    else:
        up = mant[count] >= "5"
    return _round_up(mant, point, count) if up else _trim(mant[:count], point)


def _round_up(mant: str, point: int, count: int) -> tuple[str, int]:
    head = mant[:count]
    if set(head) == {"9"}:
        return "1", point + 1
    number = str(int(head) + 1).zfill(len(head))
    return _trim(number, point)


def _trim(mant: str, point: int) -> tuple[str, int]:
    return (mant.rstrip("0") or "0"), point


def number_text(value: Number) -> str:
    """Terraform's number to string: shortest digits, no exponent, no trailing `.0`."""
    if isinstance(value, float):
        if math.isinf(value):
            return "+Inf" if value > 0 else "-Inf"
        return "-0" if is_negative_zero(value) else number_text(Fraction(value))
    if isinstance(value, int):
        return str(value) if value.bit_length() <= PRECISION else _plain(value)
    return _plain(value)


def _plain(value: int | Fraction) -> str:
    mant, point = digits(value)
    sign = "-" if value < 0 else ""
    if mant == "0":
        return "0"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{mant}"
    if point >= len(mant):
        return sign + mant + "0" * (point - len(mant))
    return f"{sign}{mant[:point]}.{mant[point:]}"


def to_float(value: Number) -> float:
    """The nearest float, for the few functions (log, pow) tfgen computes in floats."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
