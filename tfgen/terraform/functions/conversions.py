"""The conversion functions tostring, tonumber, tomap, tolist and toset, and `unify`: how
Terraform gives the elements of a collection a single type."""

from __future__ import annotations

from tfgen.terraform.functions.failure import EvaluationError
from tfgen.terraform.functions.numeric import is_number
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register_one_argument
from tfgen.terraform.numbers import is_negative_zero
from tfgen.terraform.types import element_type
from tfgen.terraform.values import (
    UNKNOWN,
    ListValue,
    MapValue,
    is_known,
    make_set,
    to_number,
    to_string,
    type_name,
)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "object"  # a map and an object unify (to a map)
    return "number" if is_number(value) else type_name(value)


def unify(values: list[object], problem: str) -> list[object]:
    """Convert elements to one type as Terraform does: with a string among the primitives,
    everything becomes a string; otherwise mixed kinds have no common type (the problem)."""
    collections = {_kind(v) for v in values if isinstance(v, (list, dict))}
    primitives = {_kind(v) for v in values if isinstance(v, (str, bool)) or is_number(v)}
    unknown = any(v is UNKNOWN for v in values)
    if len(collections) > 1 or (collections and primitives):
        raise EvaluationError(problem)
    if "string" in primitives and len(primitives) > 1:
        return [to_string(v) for v in values]
    if len(primitives) > 1 and not unknown:
        raise EvaluationError(problem)  # bool and number: neither converts to the other
    if unknown and primitives and primitives != {"string"}:
        # An UNKNOWN may be a string, which would turn these into strings: not ours to guess.
        return [UNKNOWN if is_number(v) else v for v in values]
    return values


def _no_single_type(kind: str) -> str:
    return f"Invalid function argument: cannot convert tuple to {kind} of any single type"


def _to_map(mapping: dict[str, object]) -> object:
    problem = "Invalid function argument: cannot convert object to map of any single type"
    values = unify(list(mapping.values()), problem)
    return MapValue(dict(zip(mapping, values, strict=True)), element_type(values))


def _to_list(items: list[object]) -> object:
    return ListValue(unify(items, _no_single_type("list")), element_type(items))


def _to_set(items: list[object]) -> object:
    element = element_type(items)
    items = unify(items, _no_single_type("set"))
    if not is_known(items):
        return UNKNOWN  # an unknown element may equal another: even the size is unknown
    return make_set(items, element)


# Each converts null to null.
register_one_argument("tostring", Args.as_string, lambda text: text, null_passes=True)


def _as_signed_number(a: Args, value: object) -> object:
    """tonumber keeps the sign of a zero ("-0" is -0), which Args.as_number drops."""
    number = a.as_number(value)
    return to_number(value) if is_negative_zero(to_number(value)) else number


register_one_argument("tonumber", _as_signed_number, lambda number: number, null_passes=True)
register_one_argument("tomap", Args.as_map, _to_map, null_passes=True)
register_one_argument("tolist", Args.as_list, _to_list, null_passes=True)
register_one_argument("toset", Args.as_list, _to_set, null_passes=True)
