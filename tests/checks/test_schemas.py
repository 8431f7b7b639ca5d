"""The rules are data: found in a checkout (and, in the wheel, inside the package)."""

from __future__ import annotations

import json

import pytest
from locations import ROOT

from tfgen.checks.schemas import (
    batch_endpoints,
    block_schemas,
    data_dir,
    load_schema,
    schema_names,
    schema_text,
)


def test_a_checkout_reads_the_top_level_schemas_folder() -> None:
    assert str(data_dir("schemas")) == str(ROOT / "schemas")
    assert schema_names() == sorted(
        p.name[: -len(".schema.json")] for p in (ROOT / "schemas").glob("*.schema.json")
    )


def test_each_block_kind_maps_to_its_schema() -> None:
    found = block_schemas()
    assert set(found) == {
        ("resource", "openai_batch"),
        ("data", "openai_batch"),
        ("resource", "openai_file"),
    }
    assert found[("resource", "openai_file")] is load_schema("file")
    assert found[("resource", "openai_batch")] is load_schema("resource")
    assert json.loads(schema_text("spec"))["$schema"].endswith("2020-12/schema")


def test_the_batch_endpoints_are_the_schemas_enum() -> None:
    endpoint = load_schema("resource")["properties"]["endpoint"]
    assert batch_endpoints() == tuple(endpoint["enum"]) and len(batch_endpoints()) == 8


def test_an_unknown_schema_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        schema_text("nope")
