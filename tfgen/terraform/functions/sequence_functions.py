"""Functions over lists and tuples: element, index, slice, chunklist, reverse, distinct,
flatten, compact, sort, sum, alltrue, anytrue and zipmap."""

from __future__ import annotations

from tfgen.terraform.functions.arithmetic import arithmetic
from tfgen.terraform.functions.bounds import MAX_COLLECTION
from tfgen.terraform.functions.conversions import unify
from tfgen.terraform.functions.equality import equal
from tfgen.terraform.functions.failure import Pending, failed
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register, register_one_argument
from tfgen.terraform.numbers import is_number
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import (
    ANY,
    STRING,
    TypeMismatch,
    common_element,
    convert_to,
    converts_to_string,
    element_type,
)
from tfgen.terraform.values import (
    UNKNOWN,
    ListValue,
    MapValue,
    SetValue,
    is_known,
    make_set,
    to_string,
)


def _known_list(a: Args, value: object) -> list[object]:
    items = a.as_list(value)
    a.done()
    if not is_known(items):
        raise Pending
    return items


def _converted(name: str, items: list[object], target: TypeSpec) -> list[object]:
    try:
        return [convert_to(item, target) for item in items]
    except TypeMismatch as exc:
        raise failed(name, str(exc)) from None


def _any_list(name: str, items: list[object]) -> list[object]:
    """A tuple passed for a list(any) parameter: its elements converted to one type."""
    problem = f"Invalid function argument: cannot convert tuple to list of any single type ({name})"
    return unify(items, problem)


@register("element")
def _element(args: list[object]) -> object:
    a = Args("element", args, 2, 2)
    items, position = _any_list("element", a.as_list(args[0])), a.whole(1)
    a.done()
    if not items:
        raise failed("element", "cannot use element function with an empty list")
    if position < 0 and not isinstance(args[0], (ListValue, SetValue)):
        # Terraform 1.11 counts back from the end of a list; a tuple's index is Go's
        # remainder, which keeps the sign, and a negative one is out of range.
        position = -(-position % len(items))
        if position < 0:
            raise failed("element", "cannot use element function with a negative index")
    return items[position % len(items)]


@register("index")
def _index(args: list[object]) -> object:
    a = Args("index", args, 2, 2)
    items = _any_list("index", _known_list(a, args[0]))
    if isinstance(args[0], SetValue):
        raise failed("index", "argument must be a list or tuple")
    for position, item in enumerate(items):
        same = equal(item, args[1])
        if same is UNKNOWN:
            return UNKNOWN
        if same:
            return position
    raise failed("index", "item not found")


@register("slice")
def _slice(args: list[object]) -> object:
    a = Args("slice", args, 3, 3)
    items, start, end = a.as_list(args[0]), a.whole(1), a.whole(2)
    a.done()
    if start < 0:
        raise failed("slice", "from index must be greater than or equal to 0")
    if end > len(items):
        raise failed("slice", "to index must be less than or equal to the length of the list")
    if start > end:
        raise failed("slice", "from index must be less than or equal to index")
    if isinstance(items, ListValue):
        return ListValue(items[start:end], items.element)
    return items[start:end]


@register("chunklist")
def _chunklist(args: list[object]) -> object:
    a = Args("chunklist", args, 2, 2)
    items, size = _any_list("chunklist", a.as_list(args[0])), a.whole(1)
    a.done()
    if size < 0:
        raise failed("chunklist", "the size argument must be positive")
    element = element_type(args[0]) or ANY
    chunk = TypeSpec("list", element=element)
    if size == 0:
        return ListValue([ListValue(items, element)], chunk)
    chunks = (ListValue(items[i : i + size], element) for i in range(0, len(items), size))
    return ListValue(chunks, chunk)


def _reverse(items: list[object]) -> object:
    return list(reversed(items))


def _distinct(items: list[object]) -> object:
    if not is_known(items):
        return UNKNOWN
    items = _any_list("distinct", items)
    kept = ListValue(element=element_type(items))
    for item in items:
        if not any(equal(item, seen) is True for seen in kept):
            kept.append(item)
    return kept


def _flatten(items: list[object]) -> object:
    flat: list[object] = []
    pending = list(reversed(items))
    while pending:
        item = pending.pop()
        if item is UNKNOWN:
            return UNKNOWN  # it may be a list, whose elements would come here
        if isinstance(item, list):
            pending.extend(reversed(item))
        else:
            flat.append(item)
        if len(flat) > MAX_COLLECTION:
            return UNKNOWN
    return flat


def _compact(items: list[object]) -> object:
    texts = [to_string(t) for t in items]  # a list(string) parameter: each converts alone
    if not converts_to_string(element_type(items)) or any(
        t is not None and not isinstance(t, str) for t in texts
    ):
        raise failed("compact", "compact expects a list of strings")
    return ListValue((t for t in texts if t not in (None, "")), STRING)


def _sort(items: list[object]) -> object:
    if not is_known(items):
        return UNKNOWN
    texts = [to_string(t) for t in items]
    if not converts_to_string(element_type(items)) or any(not isinstance(t, str) for t in texts):
        raise failed("sort", "given list element is not a string")
    return ListValue(sorted(texts), STRING)  # type: ignore[type-var]


register_one_argument("reverse", Args.as_list, _reverse)
register_one_argument("distinct", Args.as_list, _distinct)
register_one_argument("flatten", Args.as_list, _flatten)
register_one_argument("compact", Args.as_list, _compact)
register_one_argument("sort", Args.as_list, _sort)


@register("sum")
def _sum(args: list[object]) -> object:
    a = Args("sum", args, 1, 1)
    items = _known_list(a, args[0])
    if not items:
        raise failed("sum", "cannot sum an empty list")
    numbers = [a.as_real(item) for item in items]
    total: object = numbers[0]
    for number in numbers[1:]:
        assert is_number(total)
        total = arithmetic("+", total, number)  # an infinity sums as + does
    return total


def _all_or_any(name: str, want: bool) -> None:
    @register(name)
    def impl(args: list[object]) -> object:
        a = Args(name, args, 1, 1)
        items = a.as_list(args[0])
        a.done()
        # A null counts as false: alltrue is then false, and anytrue looks further.
        flags = [False if item is None else a.as_bool(item) for item in items]
        if want in flags:
            return want
        if UNKNOWN in flags:
            return UNKNOWN
        return not want


_all_or_any("alltrue", False)
_all_or_any("anytrue", True)


@register("zipmap")
def _zipmap(args: list[object]) -> object:
    a = Args("zipmap", args, 2, 2)
    keys, values = a.as_list(args[0]), a.as_list(args[1])
    names = [a.as_string(k) for k in keys]
    a.done()
    if not converts_to_string(element_type(keys)):
        raise a.bad(keys, "a list of strings")
    if len(keys) != len(values):
        raise failed("zipmap", "number of keys and number of values must be the same")
    zipped = dict(zip(names, values, strict=True))
    # A list of values makes a map; a tuple, an object.
    return MapValue(zipped, element_type(values)) if isinstance(args[1], ListValue) else zipped


def _set_operation(name: str, combine: str) -> None:
    @register(name)
    def impl(args: list[object]) -> object:
        a = Args(name, args, 1 if combine != "-" else 2)
        # The elements of all the sets take one type, as the result's elements do: an empty
        # set of strings makes the numbers of the others strings.
        lists = [_known_list(a, value) for value in args]
        target = common_element(lists, skip_empty_dynamic=True)
        if target is None:
            raise failed(name, "the sets' elements have no common type")
        every = _converted(name, [item for items in lists for item in items], target)
        sets, start = [], 0
        for items in lists:
            sets.append(every[start : start + len(items)])
            start += len(items)
        first = sets[0]
        if combine == "|":
            return make_set([item for items in sets for item in items], target)
        rest = sets[1:]

        def member(item: object, items: list[object]) -> bool:
            return any(equal(item, other) is True for other in items)

        if combine == "&":
            return make_set([i for i in first if all(member(i, s) for s in rest)], target)
        return make_set([i for i in first if not any(member(i, s) for s in rest)], target)


_set_operation("setunion", "|")
_set_operation("setintersection", "&")
_set_operation("setsubtract", "-")
