"""A fast yes-or-no to "does this instance pass its schema?", so that the detailed findings
(schema_errors) are worked out only for the instances that fail.

jsonschema builds an error object per failing keyword and resolves every `$ref` through its
registry on every call: about 0.2 ms for one small block, most of a 10,000-batch spec's
render. jsonschema-rs (the `fast` extra) compiles each schema once and answers in
microseconds. Its "yes" must mean exactly what jsonschema's no-error means, so it is asked
only about instances made of JSON's own types (no unknown value, no fraction, no infinity,
no tuple, which the two libraries read differently), not too deep, and any failure of its
own is a "no". A "no" costs only the full check that would have run anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from tfgen.support.accelerators import accelerator

Schema = Mapping[str, Any]
Fails = Callable[[Any, object], bool]  # (the keyword's value, the instance) -> it fails
_MAX_DEPTH = 32
_PLAIN = (str, bool, int, type(None))
_COMPILED: dict[int, Any] = {}


def passes(schema: Schema, instance: object, keywords: Mapping[str, Fails]) -> bool:
    """True when instance certainly passes schema (whose own keywords are given); False when
    it fails or the fast validator cannot say."""
    check = _compiled(schema, keywords)
    if check is None or not _plain(instance):
        return False
    try:
        return bool(check.is_valid(instance))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def _compiled(schema: Schema, keywords: Mapping[str, Fails]) -> Any:
    # Schemas are loaded once per process, so their identity is a safe cache key.
    if id(schema) not in _COMPILED:
        _COMPILED[id(schema)] = _compile(schema, keywords)
    return _COMPILED[id(schema)]


def _compile(schema: Schema, keywords: Mapping[str, Fails]) -> Any:
    library = accelerator("jsonschema_rs")
    if library is None:
        return None
    try:
        return library.validator_for(
            dict(schema), keywords={name: _keyword(fails) for name, fails in keywords.items()}
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


def _plain(instance: object) -> bool:
    stack = [(instance, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return False
        if isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                return False
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, float):
            if not math.isfinite(value):
                return False
        elif not isinstance(value, _PLAIN):
            return False
    return True
