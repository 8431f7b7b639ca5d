"""Terraform's equality: no conversion but 1 == 1.0, and UNKNOWN where it cannot tell."""

from __future__ import annotations

from collections.abc import Iterable

from tfgen.terraform.functions.numeric import is_number
from tfgen.terraform.values import UNKNOWN


def equal(left: object, right: object) -> object:
    """Terraform's ==: True, False or UNKNOWN; no conversion but 1 == 1.0."""
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if is_number(left) and is_number(right):
        return left == right
    if type(left) is not type(right):
        return False
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all_equal(zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        same_keys = left.keys() == right.keys()
        return same_keys and all_equal((left[k], right[k]) for k in left)
    return left == right


def all_equal(pairs: Iterable[tuple[object, object]]) -> object:
    result: object = True
    for left, right in pairs:
        outcome = equal(left, right)
        if outcome is False:
            return False  # one known difference settles it, whatever else is unknown
        result = UNKNOWN if outcome is UNKNOWN else result
    return result
