"""The code registry: every code's prose states the same limits as the rules themselves."""

from __future__ import annotations

import re

from tfgen.batch_input.checker import MAX_BYTES, MAX_EMBEDDING_INPUTS, MAX_REQUESTS
from tfgen.checks.schemas import load_schema
from tfgen.codes import CODES, diagnostic, severity_of
from tfgen.diagnostics import Severity, Span

RESOURCE = load_schema("resource")


def test_metadata_and_expiry_prose_states_the_schemas_numbers() -> None:
    metadata = RESOURCE["properties"]["metadata"]
    seconds = RESOURCE["properties"]["output_expires_after"]["properties"]["seconds"]
    stated = {
        "metadata-too-many-pairs": [metadata["maxProperties"]],
        "metadata-key-too-long": [metadata["propertyNames"]["maxLength"]],
        "metadata-value-too-long": [metadata["additionalProperties"]["maxLength"]],
        "output-expires-seconds-out-of-range": [seconds["minimum"], seconds["maximum"]],
    }
    for code, numbers in stated.items():
        for number in numbers:
            assert re.search(rf"(?<![\d,]){number}(?![\d,])", CODES[code].summary), (code, number)


def test_batch_input_prose_states_the_checkers_limits() -> None:
    assert f"{MAX_REQUESTS:,} requests" in CODES["input-too-many-requests"].summary
    assert f"{MAX_EMBEDDING_INPUTS:,} embedding" in CODES["input-too-many-embedding-inputs"].summary
    assert f"{MAX_BYTES // 2**20} MB" in CODES["input-too-large"].summary


def test_definitions_shared_by_the_block_schemas_agree() -> None:
    data = load_schema("data")
    shared = set(RESOURCE["$defs"]) & set(data["$defs"])
    assert shared == {"meta", "computed"}
    assert all(RESOURCE["$defs"][name] == data["$defs"][name] for name in shared)


def test_every_schema_code_is_registered() -> None:
    def codes_in(node: object) -> set[str]:
        if isinstance(node, dict):
            found = {v for k, v in node.items() if k == "x-tfgen-code" and isinstance(v, str)}
            return found.union(*(codes_in(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(codes_in(v) for v in node))
        return set()

    assert codes_in(RESOURCE) | codes_in(load_schema("data")) <= set(CODES)


def test_a_finding_takes_its_codes_default_severity() -> None:
    span = Span.point("main.tf", 1, 1)
    assert diagnostic(span, "input-file-id-format", "m").severity is Severity.WARNING
    assert severity_of("syntax-error") is Severity.ERROR
