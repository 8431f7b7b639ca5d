"""Values as Terraform holds them before plan: known Python values, or UNKNOWN."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tfgen.report.printable import printable
from tfgen.terraform.numbers import Number, is_literal, is_number, number_text
from tfgen.terraform.numbers import parse_number as _parse
from tfgen.terraform.type_spec import TypeSpec


class Unknown:
    """A value Terraform only learns at apply time. It is never an error by itself."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "(known after apply)"


UNKNOWN = Unknown()


class _Collection(list):  # type: ignore[type-arg]
    """A list or set whose element type is known even when it is empty: `split` always makes
    a list of strings, `chunklist` a list of lists, and an empty one still has that type."""

    def __init__(self, items: Iterable[object] = (), element: TypeSpec | None = None) -> None:
        super().__init__(items)
        self.element = element  # None: the type of the elements, or dynamic when empty


class SetValue(_Collection):
    """A Terraform set: a list to everything that only reads it (length, join, for), but with
    no index. Its elements are distinct and in cty's order (make_set)."""


class ListValue(_Collection):
    """A Terraform list (what tolist, split, keys, range... return), where a plain Python list
    is a tuple: the difference decides how a conditional's results unify."""


class MapValue(dict):  # type: ignore[type-arg]
    """A Terraform map (what tomap returns, or an object converted to map(T)), where a plain
    dict is an object: `values` of a map is a list, of an object a tuple."""

    def __init__(
        self, items: dict[str, object] | None = None, element: TypeSpec | None = None
    ) -> None:
        super().__init__(items or {})
        self.element = element  # None: the type of the values, or dynamic when empty


def make_set(items: list[object], element: TypeSpec | None = None) -> SetValue:
    """The set of items: duplicates dropped (Terraform equality), in cty's order: strings by
    their code points, numbers by value, false before true; other elements as they came."""
    unique: list[object] = []
    for item in items:
        if not any(_same(item, seen) for seen in unique):
            unique.append(item)
    known = [item for item in unique if item is not None]
    kinds = {type_name(item) for item in known}
    if len(kinds) == 1 and kinds <= {"string", "number", "bool"}:
        known.sort()
    return SetValue(known + [None] * (len(known) < len(unique)), element)  # a null sorts last


def _same(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return left == right


def is_known(value: object) -> bool:
    """Wholly known: no UNKNOWN anywhere inside."""
    if value is UNKNOWN:
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def format_number(value: Number) -> str:
    """Terraform's number-to-string conversion: shortest digits, never an exponent."""
    return number_text(value)


def to_string(value: object) -> object:
    """Terraform's implicit conversion to string; other values come back unchanged."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return number_text(value)
    return value


def to_number(value: object) -> object:
    """Terraform's conversion of a numeric string to a number; other values unchanged
    (a numeric string beyond tfgen's range is UNKNOWN)."""
    if isinstance(value, str):
        number = _parse(value)
        if number is not None:
            return number
        return UNKNOWN if is_literal(value) else value
    return value


def parse_number(text: str) -> object:
    """A number literal as Terraform holds it; UNKNOWN beyond tfgen's range."""
    number = _parse(text)
    return UNKNOWN if number is None else number


def to_bool(value: object) -> object:
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


def type_name(value: object) -> str:
    """The Terraform type word for a value, for messages."""
    if isinstance(value, bool):
        return "bool"
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, MapValue):
        return "map"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, SetValue):
        return "set"
    if isinstance(value, ListValue):
        return "list"
    if isinstance(value, list):
        return "tuple"
    return "null" if value is None else "unknown"


def quote(value: Any, limit: int = 60) -> str:
    """A value as the user would write it in HCL, shortened for a one-line message."""
    if isinstance(value, str) and len(value) > limit:
        return _hcl(value[: limit - 5])[:-1] + '..."'
    text = _hcl(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _hcl(value: Any) -> str:
    if isinstance(value, str):
        return '"' + printable(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_hcl(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_hcl(v) for v in value) + "]"
    return str(to_string(value))
