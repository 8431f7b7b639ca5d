"""Arithmetic (+ - * / %) as cty does it: exact, then rounded to 512 bits."""

from __future__ import annotations

import math
from fractions import Fraction

from tfgen.terraform.functions.failure import EvaluationError
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


_NO_NUMBER = {
    "+": "can't compute sum of opposing infinities",
    "-": "can't subtract infinity from itself",
    "*": "can't multiply zero by infinity",
    "/": "can't divide zero by zero or infinity by infinity",
}


def _infinite(op: str, left: Number, right: Number) -> object:
    """An infinity on either side: what IEEE arithmetic says, and Terraform's error where
    that is no number (and for any modulo with an infinity but by zero)."""
    a, b = float(left), float(right)
    if op == "%":
        if b == 0 or not (math.isinf(a) or math.isinf(b)):
            return left
        raise EvaluationError("Error during operation: can't use modulo with infinity")
    if op == "/":
        result = a / b if b else math.copysign(math.inf, a)
    else:
        result = a + b if op == "+" else a - b if op == "-" else a * b
    if math.isnan(result):
        raise EvaluationError(f"Error during operation: {_NO_NUMBER[op]}")
    return result if math.isinf(result) else exact(Fraction(result))
