"""Where tfgen's data files live: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

import functools
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable


@functools.cache
def data_dir(name: str) -> Traversable:
    """`schemas` or `templates`: the wheel carries them as tfgen/_data/NAME."""
    packaged = resources.files("tfgen").joinpath("_data").joinpath(name)
    if packaged.is_dir():
        return packaged
    import tfgen  # a source checkout: the data sits beside the package

    return Path(tfgen.__file__).resolve().parent.parent / name


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


__all__ = ["Traversable", "block_schemas", "data_dir", "load_schema", "schema_names", "schema_text"]


@functools.cache
def batch_endpoints() -> tuple[str, ...]:
    """The endpoints a batch may use, from the resource schema that holds the rule."""
    return tuple(load_schema("resource")["properties"]["endpoint"]["enum"])
