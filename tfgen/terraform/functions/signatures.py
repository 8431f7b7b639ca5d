"""Checking and converting the arguments of one function call, as Terraform does."""

from __future__ import annotations

import math
from fractions import Fraction

from tfgen.terraform.functions.failure import EvaluationError, Pending
from tfgen.terraform.functions.numeric import finite
from tfgen.terraform.numbers import Finite, Number, number_text
from tfgen.terraform.values import UNKNOWN, to_bool, to_number, to_string, type_name


class Args:
    """One call's arguments: checks the count, converts each as Terraform does, and notes
    UNKNOWNs so that later arguments are still type-checked before the call gives up."""

    def __init__(self, name: str, args: list[object], low: int, high: int | None = None):
        if len(args) < low:
            least = "" if high == low else "at least "
            raise EvaluationError(
                f'Not enough function arguments: Function "{name}" expects {least}{low} argument(s)'
            )
        if high is not None and len(args) > high:
            raise EvaluationError(
                f'Too many function arguments: Function "{name}" expects at most {high} argument(s)'
            )
        self.name, self.args, self.pending = name, args, False

    def bad(self, value: object, expected: str) -> EvaluationError:
        return EvaluationError(
            f"Invalid function argument: {self.name} expects {expected}, got {type_name(value)}"
        )

    def unknown(self, value: object) -> bool:
        if value is UNKNOWN:
            self.pending = True
        return value is UNKNOWN

    def done(self) -> None:
        if self.pending:
            raise Pending

    def string(self, index: int) -> str:
        return self.as_string(self.args[index])

    def number(self, index: int) -> Finite:
        return self.as_number(self.args[index])

    def as_string(self, value: object) -> str:
        if self.unknown(value):
            return ""
        text = to_string(value)
        if not isinstance(text, str):
            raise self.bad(value, "a string")
        return text

    def as_number(self, value: object) -> Finite:
        if self.unknown(value):
            return 0
        number = finite(to_number(value))
        if number is None:
            raise self.bad(value, "a number")
        return number

    def as_real(self, value: object) -> Number:
        """A number, infinities included (min, max, abs, floor and ceil take them)."""
        number = to_number(value)
        if isinstance(number, float) and math.isinf(number):
            return number
        return self.as_number(value)

    def whole(self, index: int) -> int:
        return self.as_whole(self.args[index])

    def as_whole(self, value: object) -> int:
        """A whole number that fits Go's int, as Terraform's functions convert one."""
        number = self.as_real(value)  # an infinity is no whole number: an error, not unknown
        if isinstance(number, (Fraction, float)) or not -(2**63) <= number < 2**63:
            raise EvaluationError(
                f"Invalid function argument: {self.name} expects a whole number, got "
                f"{number_text(number)}"
            )
        return int(number)

    def as_list(self, value: object) -> list[object]:
        if self.unknown(value):
            return []
        if not isinstance(value, list):
            raise self.bad(value, "a list")
        return value

    def as_map(self, value: object) -> dict[str, object]:
        if self.unknown(value):
            return {}
        if not isinstance(value, dict):
            raise self.bad(value, "a map or object")
        return value

    def as_bool(self, value: object) -> object:
        """A bool, converting "true" and "false"; UNKNOWN stays UNKNOWN for the caller."""
        if value is UNKNOWN:
            return UNKNOWN
        flag = to_bool(value)
        if not isinstance(flag, bool):
            raise self.bad(value, "a bool")
        return flag
