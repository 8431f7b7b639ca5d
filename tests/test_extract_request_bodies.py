"""scripts/extract_request_bodies.py: the shipped schema is exactly what the script makes from
the pinned OpenAPI document, and each rewrite it makes means what the document means."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from locations import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_request_bodies", ROOT / "scripts" / "extract_request_bodies.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


extract = _script()
SHIPPED = ROOT / "schemas" / "request-bodies.schema.json"


def test_the_shipped_schema_is_what_the_script_makes_from_the_pinned_document() -> None:
    made = extract.render(extract.PINNED)
    assert made == SHIPPED.read_text("utf-8"), (
        "schemas/request-bodies.schema.json is stale: run python scripts/extract_request_bodies.py"
    )


def test_the_source_and_its_licence_are_recorded() -> None:
    source = json.loads(SHIPPED.read_text("utf-8"))["x-tfgen-source"]
    readme = (extract.PINNED / "README.md").read_text("utf-8")
    assert source["commit"] in readme and source["document"] == "OpenAI API 2.3.0"
    assert (
        source["licence"].startswith("MIT License")
        or "Permission is hereby granted" in (source["licence"])
    )


def test_every_batch_endpoint_has_its_body() -> None:
    from tfgen.checks.schemas import batch_endpoints

    shipped = json.loads(SHIPPED.read_text("utf-8"))
    assert set(shipped["x-tfgen-endpoints"]) == set(batch_endpoints())
    for entry in shipped["x-tfgen-endpoints"].values():
        assert entry["unevaluatedProperties"] is False
        assert entry["$ref"].removeprefix("#/$defs/") in shipped["$defs"]


def _document(schemas: dict[str, Any]) -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}}
    paths = {path: {"post": {"requestBody": body}} for path in extract.ENDPOINTS.values()}
    return {"paths": paths, "components": {"schemas": schemas}}


def test_the_rewrites() -> None:
    schemas = {
        "Body": {
            "type": "object",
            "description": "dropped",
            "properties": {
                "description": {"type": "string", "description": "a parameter: kept"},
                "n": {"type": "integer", "nullable": True, "example": 3},
                "mode": {"enum": ["a"], "nullable": True, "type": "string"},
                "any": {"nullable": True, "$ref": "#/components/schemas/Filter"},
            },
        },
        "Filter": {
            "$recursiveAnchor": True,
            "type": "object",
            "properties": {"filters": {"items": {"$recursiveRef": "#"}}},
        },
        "Unused": {"type": "string"},
    }
    made = extract.body_schemas(_document(schemas), {"commit": "x"})
    body = made["$defs"]["Body"]
    assert set(made["$defs"]) == {"Body", "Filter"}  # only what the bodies reach
    assert "description" not in body and body["properties"]["description"] == {"type": "string"}
    assert body["properties"]["n"] == {"type": ["integer", "null"]}
    assert body["properties"]["mode"] == {"enum": ["a", None], "type": ["string", "null"]}
    assert body["properties"]["any"] == {"anyOf": [{"$ref": "#/$defs/Filter"}, {"type": "null"}]}
    assert made["$defs"]["Filter"]["properties"]["filters"]["items"] == {"$ref": "#/$defs/Filter"}
    assert "$recursiveAnchor" not in made["$defs"]["Filter"]


def test_the_script_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "bodies.json"
    assert extract.main(["-o", str(out)]) == 0
    assert out.read_text("utf-8") == SHIPPED.read_text("utf-8")
