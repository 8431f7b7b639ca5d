"""Numeric functions: min, max, abs, floor and ceil."""

from __future__ import annotations

import math
from collections.abc import Callable

from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register
from tfgen.terraform.numbers import Finite


def _numeric_function(name: str, many: bool, op: Callable[[list[Finite]], Finite]) -> None:
    def impl(args: list[object]) -> object:
        a = Args(name, args, 1, None if many else 1)
        numbers = [a.as_number(value) for value in args]
        a.done()
        return op(numbers)

    register(name)(impl)


_numeric_function("min", True, min)
_numeric_function("max", True, max)
_numeric_function("abs", False, lambda n: -n[0] if n[0] < 0 else n[0])
_numeric_function("floor", False, lambda n: math.floor(n[0]))
_numeric_function("ceil", False, lambda n: math.ceil(n[0]))
