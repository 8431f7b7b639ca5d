"""Collection functions: merge, concat, keys, values, contains, length, lookup, coalesce
and range."""

from __future__ import annotations

import math
from fractions import Fraction

from tfgen.terraform.functions.bounds import MAX_COLLECTION
from tfgen.terraform.functions.conversions import unify
from tfgen.terraform.functions.equality import equal
from tfgen.terraform.functions.failure import EvaluationError, failed
from tfgen.terraform.functions.graphemes import graphemes
from tfgen.terraform.functions.numeric import exact
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register, register_one_argument
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import (
    ANY,
    NUMBER,
    STRING,
    TypeMismatch,
    common_element,
    convert_to,
    type_of,
)
from tfgen.terraform.values import UNKNOWN, ListValue, MapValue, SetValue, is_known


@register("merge")
def _merge(args: list[object]) -> object:
    a = Args("merge", args, 0)
    result: dict[str, object] = {}
    for value in args:
        if value is not None:
            result.update(a.as_map(value))
    a.done()
    return result


@register("concat")
def _concat(args: list[object]) -> object:
    a = Args("concat", args, 1)
    lists = [a.as_list(value) for value in args]
    if any(isinstance(value, SetValue) for value in args):
        raise failed("concat", "all arguments must be lists or tuples; got set")
    a.done()
    if sum(map(len, lists)) > MAX_COLLECTION:
        return UNKNOWN
    joined = [item for items in lists for item in items]
    target = common_element(lists)
    if all(isinstance(value, ListValue) for value in args) and target not in (None, ANY):
        # Lists whose element types (an empty list's included) have a concrete common type
        # give a list of it; anything else, a tuple.
        assert target is not None
        try:
            return ListValue([convert_to(item, target) for item in joined], target)
        except TypeMismatch as exc:
            raise failed("concat", str(exc)) from None
    return joined


register_one_argument("keys", Args.as_map, lambda mapping: ListValue(sorted(mapping), STRING))


def _values(mapping: dict[str, object]) -> object:
    """A map's values are a list, an object's a tuple."""
    found = [mapping[k] for k in sorted(mapping)]
    return ListValue(found, mapping.element) if isinstance(mapping, MapValue) else found


register_one_argument("values", Args.as_map, _values)


def _as_element(name: str, value: object, element: TypeSpec) -> object:
    """A default that must take the map's element type, as lookup's result does."""
    try:
        return convert_to(value, element)
    except TypeMismatch as exc:
        raise failed(name, f"the default must be of the map's element type: {exc}") from None


@register("contains")
def _contains(args: list[object]) -> object:
    a = Args("contains", args, 2, 2)
    items = a.as_list(args[0])
    a.done()
    if not (is_known(items) and is_known(args[1])):
        return UNKNOWN
    return any(equal(item, args[1]) is True for item in items)


@register("length")
def _length(args: list[object]) -> object:
    a = Args("length", args, 1, 1)
    value = args[0]
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, str):
        return len(graphemes(value))
    if isinstance(value, (list, dict)):
        return len(value)
    raise a.bad(value, "a string, list or map")


@register("lookup")
def _lookup(args: list[object]) -> object:
    a = Args("lookup", args, 2, 3)
    mapping, key = a.as_map(args[0]), a.string(1)
    a.done()
    # The default takes the map's element type whether or not it is needed, as the type of
    # lookup's result is decided before the key is looked up.
    default = args[2] if len(args) == 3 else None
    if len(args) == 3 and isinstance(mapping, MapValue):
        default = _as_element("lookup", default, type_of(mapping).element or ANY)
    if key in mapping:
        return mapping[key]
    if len(args) == 3:
        return default
    raise EvaluationError(f'lookup: key "{key}" not found and no default given')


@register("coalesce")
def _coalesce(args: list[object]) -> object:
    Args("coalesce", args, 1)
    problem = failed("coalesce", "all arguments must have the same type")
    for value in unify(args, str(problem)):
        if value is UNKNOWN:
            return UNKNOWN
        if value is not None and value != "":
            return value
    raise failed("coalesce", "no non-null, non-empty-string arguments")


@register("range")
def _range(args: list[object]) -> object:
    a = Args("range", args, 1, 3)
    numbers = [a.as_number(value) for value in args]
    a.done()
    start, limit = (0, numbers[0]) if len(numbers) == 1 else numbers[:2]
    step = numbers[2] if len(numbers) == 3 else (1 if limit >= start else -1)
    if step == 0:
        raise failed("range", "step must not be zero")
    if (step > 0 and start > limit) or (step < 0 and start < limit):
        direction = "positive" if step > 0 else "negative"
        raise failed("range", f"the step is {direction} but the range goes the other way")
    count = max(math.ceil(Fraction(limit - start) / step), 0)
    if count > MAX_COLLECTION:
        return UNKNOWN
    return ListValue((exact(start + step * n) for n in range(count)), NUMBER)
