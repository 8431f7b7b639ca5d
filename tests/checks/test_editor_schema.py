"""The schema for a whole *.tf.json document: what tfgen accepts, an editor accepts too, and
the mistakes a literal shows are marked where tfgen would mark them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from locations import FIXTURES, ROOT

from tfgen.checks.editor_schema import terraform_json_schema

VALIDATOR = Draft202012Validator(terraform_json_schema())
ACCEPTED = [
    ROOT / "examples" / "valid" / "lookups.tf.json",
    FIXTURES / "spec" / "full.tf.json",  # a rendered file: expressions, numbers in metadata
    FIXTURES / "spec" / "escape.tf.json",
]


def errors(document: Any) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(document)]


def test_it_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(terraform_json_schema())


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.name)
def test_files_tfgen_accepts_are_accepted(path: Path) -> None:
    assert errors(json.loads(path.read_text("utf-8"))) == []


def _batch(**arguments: object) -> dict[str, Any]:
    body = {"completion_window": "24h", "endpoint": "/v1/responses", "input_file_id": "file-1"}
    return {"resource": {"openai_batch": {"b": {**body, **arguments}}}}


@pytest.mark.parametrize(
    "arguments",
    [
        {"endpoint": "/v1/Responses"},
        {"endpont": "/v1/responses"},
        {"status": "${var.s}"},  # a computed attribute, even from an expression
        {"metadata": {"k": "v" * 513}},
        {"output_expires_after": {"anchor": "created_at", "seconds": 60}},
    ],
    ids=["endpoint", "unknown", "computed", "metadata", "seconds"],
)
def test_a_literal_mistake_is_marked(arguments: dict[str, object]) -> None:
    assert errors(_batch(**arguments))


@pytest.mark.parametrize(
    "arguments",
    [
        {"endpoint": "${var.endpoint}"},
        {"metadata": {"retries": 3, "dry_run": False, "owner": "${local.owner}"}},
        {"output_expires_after": {"anchor": "created_at", "seconds": "7200"}},
        {"count": 2, "lifecycle": {"prevent_destroy": True}, "//": "a comment"},
    ],
    ids=["expression", "converted", "numeric-string", "meta"],
)
def test_what_terraform_converts_or_evaluates_is_accepted(arguments: dict[str, object]) -> None:
    assert errors(_batch(**arguments)) == []


def test_a_list_of_bodies_and_other_block_types_are_accepted() -> None:
    document = _batch()
    body = document["resource"]["openai_batch"]["b"]
    document["resource"]["openai_batch"]["b"] = [body]
    document["resource"]["aws_s3_bucket"] = {"x": {"anything": 1}}
    document["variable"] = {"v": {"type": "string"}}
    assert errors(document) == []
