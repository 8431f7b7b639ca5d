"""A fast yes-or-no to "does this instance pass its schema?", so that the detailed findings
(schema_errors) are worked out only for the instances that fail.

jsonschema builds an error object per failing keyword and resolves every `$ref` through its
registry on every call: about 0.2 ms for one small block, most of a 10,000-batch spec's
render. jsonschema-rs (a dependency) compiles each schema once and answers in
microseconds. Its "yes" must mean exactly what jsonschema's no-error means, so it is asked
only about instances made of JSON's own types (no fraction, no infinity, no tuple, which the
two libraries read differently), not too deep, and any failure of its own is a "no". A "no"
costs only the full check that would have run anyway.

A value Terraform knows only at apply time (UNKNOWN) passes every keyword except `not`
(schema_errors drops the others' errors on it). For the quick check it becomes a marker
string that a rewritten schema accepts wherever a value stands, except in subschemas that
hold a `not`, which keep their answer. Keywords that ask whether a subschema passes without
reporting on the value itself (`anyOf`, `contains`, `if`...) would see the marker pass where
jsonschema sees UNKNOWN fail, so a schema that has any of them leaves unknown values to the
full check.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from tfgen.support.accelerators import accelerator
from tfgen.terraform.values import UNKNOWN

Schema = Mapping[str, Any]
Fails = Callable[[Any, object], bool]  # (the keyword's value, the instance) -> it fails
_MAX_DEPTH = 32
_PLAIN = (str, bool, int, type(None))
_MARKER = "\x00tfgen: known after apply\x00"  # no configuration holds this string
_ASKING = frozenset(
    {"anyOf", "oneOf", "contains", "if", "dependentSchemas", "unevaluatedProperties"}
    | {"unevaluatedItems"}
)
# Keywords whose value is one subschema, or a list or map of them, that a value must pass.
_ONE = ("additionalProperties", "items")
_MANY = ("prefixItems", "allOf")
_NAMED = ("properties", "patternProperties", "$defs")
_COMPILED: dict[tuple[int, bool], Any] = {}


def passes(schema: Schema, instance: object, keywords: Mapping[str, Fails]) -> bool:
    """True when instance certainly passes schema (whose own keywords are given); False when
    it fails or the fast validator cannot say."""
    unknown = _shape(instance)
    if unknown is None:
        return False
    check = _compiled(schema, keywords, unknown)
    if check is None:
        return False
    try:
        return bool(check.is_valid(_marked(instance) if unknown else instance))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def _shape(instance: object) -> bool | None:
    """None when instance is not plain JSON; else whether it holds an unknown value."""
    unknown = False
    stack = [(instance, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return None
        if value is UNKNOWN:
            unknown = True
        elif isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                return None
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, float):
            if not math.isfinite(value):
                return None
        elif not isinstance(value, _PLAIN) or value == _MARKER:
            return None
    return unknown


def _marked(value: object) -> object:
    if value is UNKNOWN:
        return _MARKER
    if isinstance(value, dict):
        return {key: _marked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_marked(item) for item in value]
    return value


def _compiled(schema: Schema, keywords: Mapping[str, Fails], unknown: bool) -> Any:
    # Schemas are loaded once per process, so their identity is a safe cache key.
    key = (id(schema), unknown)
    if key not in _COMPILED:
        _COMPILED[key] = _compile(schema, keywords, unknown)
    return _COMPILED[key]


def _compile(schema: Schema, keywords: Mapping[str, Fails], unknown: bool) -> Any:
    library = accelerator("jsonschema_rs")
    if library is None or (unknown and _asks(schema)):
        return None
    try:
        return library.validator_for(
            _accepting_marker(schema, schema) if unknown else dict(schema),
            keywords={name: _keyword(fails) for name, fails in keywords.items()},
        )
    except Exception:  # a schema it cannot compile (a `$ref` to another file): ask jsonschema
        return None


def _keyword(fails: Fails) -> type:
    class Keyword:
        def __init__(self, parent: object, value: object, path: object) -> None:
            self.value = value

        def validate(self, instance: object) -> None:
            if fails(self.value, instance):
                raise ValueError("fails")

    return Keyword


def _asks(schema: object) -> bool:
    if isinstance(schema, dict):
        return any(k in _ASKING or _asks(v) for k, v in schema.items())
    if isinstance(schema, list):
        return any(_asks(item) for item in schema)
    return False


def _accepting_marker(schema: Schema, root: Schema) -> dict[str, Any]:
    """schema, with every subschema a value must pass also passed by the marker."""
    out = dict(schema)
    for name in _ONE:
        if isinstance(out.get(name), dict):
            out[name] = _or_marker(out[name], root)
    for name in _MANY:
        if isinstance(out.get(name), list):
            out[name] = [_or_marker(sub, root) for sub in out[name]]
    for name in _NAMED:
        if isinstance(out.get(name), dict):
            out[name] = {key: _or_marker(sub, root) for key, sub in out[name].items()}
    return out


def _or_marker(schema: object, root: Schema) -> object:
    if not isinstance(schema, dict):
        return schema  # true or false
    rewritten = _accepting_marker(schema, root)
    if _holds_not(schema, root, set()):
        return rewritten
    return {"anyOf": [rewritten, {"const": _MARKER}]}


def _holds_not(schema: object, root: Schema, seen: set[str]) -> bool:
    """Whether schema, or what it refers to in root, has a `not` anywhere."""
    if isinstance(schema, list):
        return any(_holds_not(item, root, seen) for item in schema)
    if not isinstance(schema, dict):
        return False
    if "not" in schema:
        return True
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        seen.add(ref)
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        if _holds_not(target, root, seen):
            return True
    return any(_holds_not(v, root, seen) for k, v in schema.items() if k != "$ref")
