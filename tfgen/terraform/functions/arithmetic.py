"""Arithmetic (+ - * / %) as cty does it: exact, then rounded to 512 bits."""

from __future__ import annotations

import math
from fractions import Fraction

from tfgen.terraform.functions.failure import EvaluationError, Pending
from tfgen.terraform.functions.numeric import Number, exact


def arithmetic(op: str, left: Number, right: Number) -> object:
    if isinstance(left, float) or isinstance(right, float):
        return _infinite(op, left, right)
    if op == "/":
        if right == 0:
            if left == 0:
                raise EvaluationError("Error during operation: can't divide zero by zero")
            return math.inf if left > 0 else -math.inf
        return exact(Fraction(left) / right)
    if op == "%":
        if right == 0:
            return left  # cty returns the dividend
        # cty's steps, each rounded to 512 bits: the quotient, truncated (so the sign follows the
        # dividend), times the divisor, taken from the dividend. Huge dividends lose the rest.
        quotient = exact(math.trunc(exact(Fraction(left) / right)))
        return exact(left - exact(right * quotient))
    if op == "+":
        return exact(left + right)
    if op == "-":
        return exact(left - right)
    return exact(left * right)


def _infinite(op: str, left: Number, right: Number) -> object:
    """An infinity on either side: what IEEE arithmetic says, and UNKNOWN for NaN (Terraform
    panics there, so no value of it is ever checked)."""
    a, b = float(left), float(right)
    if op == "%":
        return a * b if math.isinf(a) else left
    if op == "/":
        result = a / b if b else math.copysign(math.inf, a)
    else:
        result = a + b if op == "+" else a - b if op == "-" else a * b
    if math.isnan(result):
        raise Pending
    return result if math.isinf(result) else exact(Fraction(result))
