"""The JSON Schemas tfgen checks against, read from its data files."""

from __future__ import annotations

import functools
import json
from typing import Any

from tfgen.support.data_files import data_dir


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema by its short name (`resource`, `data`, `spec`)."""
    document: dict[str, Any] = json.loads(schema_text(name))
    return document


def schema_text(name: str) -> str:
    path = data_dir("schemas").joinpath(f"{name}.schema.json")
    if not path.is_file():
        raise KeyError(name)
    text: str = path.read_text(encoding="utf-8")
    return text


def schema_names() -> list[str]:
    suffix = ".schema.json"
    entries = data_dir("schemas").iterdir()
    return sorted(e.name[: -len(suffix)] for e in entries if e.name.endswith(suffix))


@functools.cache  # read once a run: it is asked for every block
def block_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(block kind, type) -> schema, from each schema's own `x-tfgen-target`."""
    found = {}
    for name in schema_names():
        schema = load_schema(name)
        target = schema.get("x-tfgen-target")
        if target:
            found[(target["block"], target["type"])] = schema
    return found


__all__ = ["block_schemas", "data_dir", "load_schema", "schema_names", "schema_text"]


@functools.cache
def batch_endpoints() -> tuple[str, ...]:
    """The endpoints a batch may use, from the resource schema that holds the rule."""
    return tuple(load_schema("resource")["properties"]["endpoint"]["enum"])
