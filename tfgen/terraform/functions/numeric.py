"""How the functions hold Terraform's numbers (int or float) and do exact decimal arithmetic
on them."""

from __future__ import annotations

import math
from decimal import Context, Decimal

from tfgen.terraform.functions.failure import Pending
from tfgen.terraform.values import UNKNOWN

Number = int | float
DECIMAL = Context(prec=34)  # decimal arithmetic keeps 0.1 + 0.2 == 0.3, as Terraform does


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def normalise(value: Number) -> Number:
    """The project's convention: int when integral and |v| < 2**63, float otherwise."""
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if abs(value) < 2**63:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def finite(value: object) -> Number | None:
    """A number as we hold it, or None for a non-number. Beyond float range Terraform still
    knows the value but we cannot: that is UNKNOWN."""
    if not is_number(value):
        return None
    assert isinstance(value, (int, float))
    number = normalise(value)
    if isinstance(number, float) and not math.isfinite(number):
        raise Pending
    return number


def to_decimal(value: Number) -> Decimal:
    # repr() is the shortest decimal for a float: the number the user wrote.
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def from_decimal(value: Decimal) -> object:
    if not value.is_finite():
        return UNKNOWN
    if value == value.to_integral_value() and abs(value) < 2**63:
        return int(value)
    result = float(value)
    # Terraform's numbers have no overflow; ours do, and then we cannot say what it holds.
    return normalise(result) if math.isfinite(result) else UNKNOWN
