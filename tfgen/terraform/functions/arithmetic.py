"""Arithmetic (+ - * / %) on numbers, exact in decimal as Terraform's is."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from tfgen.terraform.functions.failure import EvaluationError
from tfgen.terraform.functions.numeric import DECIMAL, Number, from_decimal, normalise, to_decimal


def arithmetic(op: str, left: Number, right: Number) -> object:
    if op in "/%" and right == 0:
        raise EvaluationError("Division by zero")
    if isinstance(left, int) and isinstance(right, int):
        return _integer_arithmetic(op, left, right)
    if op == "%":
        try:
            return from_decimal(DECIMAL.remainder(to_decimal(left), to_decimal(right)))
        except InvalidOperation:  # a quotient beyond 34 digits: floats are all we have
            return normalise(math.fmod(left, right))
    operation = {
        "+": DECIMAL.add,
        "-": DECIMAL.subtract,
        "*": DECIMAL.multiply,
        "/": DECIMAL.divide,
    }[op]
    return from_decimal(operation(to_decimal(left), to_decimal(right)))


def _integer_arithmetic(op: str, left: int, right: int) -> object:
    if op == "%":
        remainder = abs(left) % abs(right)  # like Go's math.Mod: the sign follows the dividend
        return remainder if left >= 0 else -remainder
    if op == "/":
        if left % right:
            return from_decimal(DECIMAL.divide(Decimal(left), Decimal(right)))
        return normalise(left // right)
    return normalise(left + right if op == "+" else left - right if op == "-" else left * right)
