"""Numeric functions: min, max, abs, floor, ceil, signum and parseint."""

from __future__ import annotations

import math
from collections.abc import Callable

from tfgen.terraform.functions.failure import failed
from tfgen.terraform.functions.numeric import exact
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register
from tfgen.terraform.numbers import Finite, Number


def _numeric_function(name: str, many: bool, op: Callable[[list[Number]], Number]) -> None:
    def impl(args: list[object]) -> object:
        a = Args(name, args, 1, None if many else 1)
        numbers = [a.as_real(value) for value in args]  # an infinity too, as Terraform
        a.done()
        return op(numbers)

    register(name)(impl)


def _whole(round_to: Callable[[Finite], int]) -> Callable[[list[Number]], Number]:
    def op(numbers: list[Number]) -> Number:
        number = numbers[0]
        return number if isinstance(number, float) else round_to(number)

    return op


_numeric_function("min", True, min)
_numeric_function("max", True, max)
_numeric_function("abs", False, lambda n: -n[0] if n[0] < 0 else n[0])
_numeric_function("floor", False, _whole(math.floor))
_numeric_function("ceil", False, _whole(math.ceil))


@register("signum")
def _signum(args: list[object]) -> object:
    a = Args("signum", args, 1, 1)
    number = a.as_whole(args[0])  # Terraform converts it to a Go int first
    a.done()
    return (number > 0) - (number < 0)


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@register("parseint")
def _parseint(args: list[object]) -> object:
    a = Args("parseint", args, 2, 2)
    text, base = a.string(0), a.whole(1)
    a.done()
    if not 2 <= base <= 62:
        raise failed("parseint", "base must be a whole number between 2 and 62 inclusive")
    sign, digits = (-1, text[1:]) if text[:1] == "-" else (1, text.removeprefix("+"))
    alphabet = _DIGITS[:base] if base > 36 else _DIGITS[:base] + _DIGITS[10:base].upper()
    if not digits or any(c not in alphabet for c in digits):
        raise failed("parseint", f"cannot parse {text!r} as a base {base} integer")
    value = 0
    for char in digits:
        value = value * base + (_DIGITS.index(char) if base > 36 else int(char, 36))
    return exact(sign * value)
