"""Terraform's operators: `binary` and `unary`, with their operand checks and logic."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from tfgen.terraform.functions.arithmetic import arithmetic
from tfgen.terraform.functions.equality import equal
from tfgen.terraform.functions.failure import EvaluationError
from tfgen.terraform.functions.numeric import Number, is_number
from tfgen.terraform.numbers import NEGATIVE_ZERO, is_negative_zero, negate
from tfgen.terraform.values import UNKNOWN, to_bool, to_number


def _unsuitable(side: str, detail: str) -> EvaluationError:
    return EvaluationError(f"Invalid operand: Unsuitable value for {side} operand: {detail}")


def _operand(value: object, side: str) -> object:
    """A number for arithmetic or comparison, converting numeric strings; or UNKNOWN."""
    if value is UNKNOWN:
        return UNKNOWN
    if value is None:
        raise _unsuitable(side, "argument must not be null")
    number = to_number(value)
    if number is UNKNOWN:
        return UNKNOWN  # a numeric string beyond tfgen's range
    if not is_number(number):
        raise _unsuitable(side, "a number is required")
    # An infinity goes on (arithmetic follows IEEE, or fails as Terraform does); a negative
    # zero is a zero here, its sign restored by _signed_zero.
    return 0 if number == 0 else number


def _flag(value: object, side: str) -> object:
    if value is UNKNOWN:
        return UNKNOWN
    flag = to_bool(value)
    if not isinstance(flag, bool):
        detail = "argument must not be null" if value is None else "a bool is required"
        raise _unsuitable(side, detail)
    return flag


_COMPARE: dict[str, Callable[[Number, Number], bool]] = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def binary(op: str, left: object, right: object) -> object:
    """Apply a binary operator as Terraform does; UNKNOWN in, UNKNOWN out (bar && and ||)."""
    if op in ("==", "!="):
        same = equal(left, right)
        return same if same is UNKNOWN or op == "==" else not same
    if op in ("&&", "||"):
        return _logical(op, _flag(left, "left"), _flag(right, "right"))
    if op not in ("+", "-", "*", "/", "%") and op not in _COMPARE:
        raise EvaluationError(f"Unsupported operator: {op}")
    a, b = _operand(left, "left"), _operand(right, "right")
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    assert is_number(a) and is_number(b)
    if op in _COMPARE:
        return _COMPARE[op](a, b)
    if op == "/" and b == 0 and a != 0 and is_negative_zero(to_number(right)):
        return arithmetic(op, -a, b)  # x / -0 is -x / 0: the infinity takes both signs
    result = arithmetic(op, a, b)
    if result == 0 and op != "%":
        return _signed_zero(op, to_number(left), to_number(right))
    return result


def _signed_zero(op: str, left: object, right: object) -> object:
    """A zero result with the sign Go's big.Float gives it."""
    negative_left = is_negative_zero(left) or (is_number(left) and left < 0)
    negative_right = is_negative_zero(right) or (is_number(right) and right < 0)
    if op in "*/":
        negative = negative_left != negative_right
    elif op == "+":
        negative = is_negative_zero(left) and is_negative_zero(right)
    else:
        negative = is_negative_zero(left) and right == 0 and not is_negative_zero(right)
    return NEGATIVE_ZERO if negative else 0


def _logical(op: str, left: object, right: object) -> object:
    # A known false (for &&) or true (for ||) settles it whatever the other side is.
    decisive = op == "||"
    if left is decisive or right is decisive:
        return decisive
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    return not decisive


def unary(op: str, operand: object) -> object:
    """Apply `-` (numbers) or `!` (bools); UNKNOWN stays UNKNOWN."""
    if op == "!":
        flag = _flag(operand, "unary")
        return flag if flag is UNKNOWN else not flag
    if op != "-":
        raise EvaluationError(f"Unsupported operator: {op}")
    number = _operand(operand, "unary")
    if number is UNKNOWN:
        return UNKNOWN
    assert isinstance(number, (int, Fraction))
    return 0 if is_negative_zero(to_number(operand)) else negate(number)
