"""Terraform's implicit type conversions, driven by the types the schema declares.

Terraform converts a value to the attribute's type before the provider sees it: `3` becomes
`"3"` for a string, `"7200"` becomes 7200 for a number. The checker validates the converted
value, so `metadata = { n = 3 }` passes and `completion_window = 24` fails as `"24"`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tfgen.terraform.values import UNKNOWN, to_bool, to_number, to_string

Schema = Mapping[str, Any]

_SCALAR: dict[str, Callable[[object], object]] = {
    "string": to_string,
    "integer": to_number,
    "number": to_number,
    "boolean": to_bool,
}


def convert(value: object, schema: Schema, root: Schema) -> object:
    schema = resolve(schema, root)
    if value is UNKNOWN or value is None:
        return value
    kind = schema.get("type")
    if isinstance(kind, str) and kind in _SCALAR:
        return _SCALAR[kind](value)
    if kind == "object" and isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        out = {}
        for key, item in value.items():
            if item is None and key not in props and isinstance(extra, dict):
                continue  # a null element of a map is accepted, and sent as no element at all
            sub = props.get(key, extra if isinstance(extra, dict) else None)
            out[key] = convert(item, sub, root) if sub is not None else item
        return out
    return value


def resolve(schema: Schema, root: Schema) -> Schema:
    """Follow a local `$ref` (`#/$defs/name`), the only kind tfgen's schemas use."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return resolve(target, root)
    return schema
