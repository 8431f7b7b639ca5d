"""JSON Schema errors phrased as findings: one code per kind, named paths, what is allowed."""

from __future__ import annotations

from typing import Any

from tfgen.checks.schema_errors import findings, fixed_path
from tfgen.checks.schemas import load_schema
from tfgen.terraform.values import quote

RESOURCE = load_schema("resource")


class Plain:
    """The simplest wording: dotted paths, values quoted as HCL writes them."""

    top = "argument"

    def label(self, path: list[Any]) -> str:
        return ".".join(map(str, path))

    def shown(self, value: object, path: list[Any]) -> str:
        return quote(value)


GOOD = {"completion_window": "24h", "endpoint": "/v1/responses", "input_file_id": "file-1"}


def found(instance: dict[str, object]) -> list[tuple[str, list[Any]]]:
    return sorted((f.code, f.path) for f in findings(RESOURCE, instance, Plain()))


def test_a_valid_block_has_no_finding() -> None:
    assert found(GOOD) == []


def test_each_kind_of_error_has_its_code() -> None:
    assert found({**GOOD, "endpoint": "/v1/Responses"}) == [("invalid-endpoint", ["endpoint"])]
    assert found({**GOOD, "endpont": "x"}) == [("unknown-argument", ["endpont"])]
    missing = {k: v for k, v in GOOD.items() if k != "endpoint"}
    assert found(missing) == [("missing-argument", [])]
    assert found({**GOOD, "status": "done"}) == [("computed-attribute", ["status"])]
    long_key = {**GOOD, "metadata": {"k" * 65: "v"}}
    assert [code for code, _ in found(long_key)] == ["metadata-key-too-long"]


def test_a_repeated_error_is_one_finding() -> None:
    empty: dict[str, object] = {}
    codes = [code for code, _ in found(empty)]
    assert codes.count("missing-argument") == 3  # one per argument, each once


def test_messages_say_what_is_allowed_with_did_you_mean() -> None:
    [finding] = findings(RESOURCE, {**GOOD, "endpoint": "/v1/embedding"}, Plain())
    assert 'did you mean "/v1/embeddings"?' in finding.message
    assert '(allowed: "/v1/responses"' in finding.message


def test_fixed_path_keeps_names_and_stops_at_map_keys() -> None:
    assert fixed_path(RESOURCE, ["output_expires_after", "seconds"]) == [
        "output_expires_after",
        "seconds",
    ]
    assert fixed_path(RESOURCE, ["metadata", "team"]) == ["metadata"]
    assert fixed_path(RESOURCE, ["unknown", "x"]) == ["unknown"]
