"""How the functions take Terraform's numbers (tfgen.terraform.numbers): exact, and UNKNOWN
where tfgen cannot follow Terraform (a value out of tfgen's range, an infinity in a function)."""

from __future__ import annotations

import math
from fractions import Fraction

from tfgen.terraform.functions.failure import Pending
from tfgen.terraform.numbers import Finite, Number, is_number, rounded

__all__ = ["Number", "exact", "finite", "is_number"]


def exact(value: int | Fraction) -> Finite:
    """An exact result rounded as Terraform rounds it; out of range is UNKNOWN (Pending)."""
    result = rounded(value)
    if result is None:
        raise Pending
    return result


def finite(value: object) -> Finite | None:
    """A finite number, or None for a non-number; an infinity is a value tfgen's functions
    do not follow, so the answer is UNKNOWN (Pending)."""
    if not is_number(value):
        return None
    if isinstance(value, float):
        if math.isinf(value):
            raise Pending
        return 0 if value == 0 else Fraction(value)  # -0 is a zero to every function
    return value
