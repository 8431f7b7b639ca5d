"""The quick yes-or-no (jsonschema-rs) may say "passes" only where jsonschema finds nothing.

A "no" costs a full check; a wrong "yes" would be a clean result that is not true, so the
differential tests draw documents close to every shipped schema's edges and compare.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.checks.test_schema_errors import GOOD, Plain
from tfgen.checks import quick_schema
from tfgen.checks.quick_schema import passes
from tfgen.checks.schema_errors import KEYWORDS, explain, findings
from tfgen.checks.schemas import load_schema, schema_names
from tfgen.terraform.values import UNKNOWN

pytest.importorskip("jsonschema_rs", reason="the quick check needs the fast extra")
RESOURCE = load_schema("resource")

# Values at the edges of what the schemas allow: enum members and their near misses, lengths
# at the limits, numbers either side of a range, names good and bad.
_STRINGS = st.sampled_from(
    [
        "24h", "24H", "", "file-1", "file", "x", "/v1/responses", "/v1/Responses", "/v1/videos",
        "created_at", "k" * 64, "k" * 65, "v" * 512, "v" * 513, "b1", "1b", "b-1", "b\n", "7d",
        "7d\n", "90m", "3600s", "${var.x}", "é", "Ω" * 65,
    ]
)  # fmt: skip
_NUMBERS = st.sampled_from([0, -1, 1, 3599, 3600, 3600.0, 3600.5, 2592000, 2592001, 10**40])
_KEYS = st.sampled_from(
    [
        "completion_window", "endpoint", "input_file_id", "metadata", "output_expires_after",
        "anchor", "seconds", "count", "id", "status", "endpont", "version", "batches",
        "defaults", "lookups", "variables", "outputs", "provider", "source", "expr", "input_file",
        "type", "default", "description", "b1", "k" * 65,
    ]
)  # fmt: skip
_SCALARS = st.one_of(_STRINGS, _NUMBERS, st.booleans(), st.none())
_WITH_UNKNOWN = st.one_of(_SCALARS, st.just(UNKNOWN))
VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=18)
    ),
    max_leaves=40,
)
DOCUMENTS = st.dictionaries(_KEYS, VALUES, max_size=8)
UNKNOWN_VALUES = st.recursive(
    _WITH_UNKNOWN,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=18)
    ),
    max_leaves=40,
)


def explained(schema_name: str, document: object) -> list[Any]:
    return explain(load_schema(schema_name), document, Plain())


# The request bodies' schema has a check of its own (tests/batch_input/test_bodies.py).
CHECKED = [name for name in schema_names() if name != "request-bodies"]


@pytest.mark.parametrize("name", CHECKED)
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(document=DOCUMENTS)
def test_any_document_gets_the_same_answer(name: str, document: dict[str, Any]) -> None:
    said = passes(load_schema(name), document, KEYWORDS)
    assert said == (explained(name, document) == [])


@pytest.mark.parametrize("name", ["resource", "data", "file"])
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=st.dictionaries(_KEYS, VALUES, max_size=3))
def test_blocks_near_a_valid_one_get_the_same_answer(name: str, changes: dict[str, Any]) -> None:
    document = {**_valid(name), **changes}
    said = passes(load_schema(name), document, KEYWORDS)
    assert said == (explained(name, document) == [])


# The request bodies' schema has a check of its own (tests/batch_input/test_bodies.py).
CHECKED = [name for name in schema_names() if name != "request-bodies"]


@pytest.mark.parametrize("name", CHECKED)
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=st.dictionaries(_KEYS, UNKNOWN_VALUES, max_size=4))
def test_with_unknown_values_a_yes_is_never_a_missed_finding(
    name: str, changes: dict[str, Any]
) -> None:
    document = {**_valid(name), **changes}
    if passes(load_schema(name), document, KEYWORDS):
        assert explained(name, document) == []


def test_an_unknown_value_is_answered_quickly_where_it_cannot_be_wrong() -> None:
    assert passes(RESOURCE, {**GOOD, "input_file_id": UNKNOWN}, KEYWORDS)
    assert passes(RESOURCE, {**GOOD, "metadata": {"a": UNKNOWN}}, KEYWORDS)
    # A computed attribute cannot be set, even to a value known only later (`not`).
    assert not passes(RESOURCE, {**GOOD, "status": UNKNOWN}, KEYWORDS)
    assert [f.code for f in findings(RESOURCE, {**GOOD, "status": UNKNOWN}, Plain())] == [
        "computed-attribute"
    ]
    # The key of an unknown value is still checked.
    assert not passes(RESOURCE, {**GOOD, "metadata": {"k" * 65: UNKNOWN}}, KEYWORDS)


def test_a_schema_with_alternatives_leaves_unknown_values_to_the_full_check() -> None:
    spec = load_schema("spec")
    assert passes(spec, {"version": 1, "batches": {"b": {"input_file_id": "f"}}}, {})
    assert not passes(spec, {"version": 1, "batches": {"b": {"input_file_id": UNKNOWN}}}, {})


def _valid(name: str) -> dict[str, Any]:
    return {
        "resource": GOOD,
        "data": {"batch_id": "batch_1"},
        "file": {"file": "requests.jsonl", "purpose": "batch"},
        "spec": {"version": 1},
    }[name]


def test_a_valid_block_is_answered_quickly_and_a_bad_one_explained() -> None:
    assert passes(RESOURCE, GOOD, KEYWORDS)
    assert not passes(RESOURCE, {**GOOD, "endpoint": "/v1/Responses"}, KEYWORDS)
    assert [f.code for f in findings(RESOURCE, {**GOOD, "endpont": "x"}, Plain())] == [
        "unknown-argument"
    ]


def test_the_schema_s_own_keyword_is_asked() -> None:
    assert not passes(RESOURCE, {**GOOD, "input_file_id": "x-1"}, KEYWORDS)
    [advice] = findings(RESOURCE, {**GOOD, "input_file_id": "x-1"}, Plain())
    assert advice.code == "input-file-id-format"


@pytest.mark.parametrize(
    "odd",
    [Fraction(1, 3), float("inf"), ("a",), {1: "a"}, object(), quick_schema._MARKER],
    ids=["fraction", "infinity", "tuple", "int-key", "object", "the-marker"],
)
def test_what_the_libraries_read_differently_goes_to_the_full_check(odd: object) -> None:
    assert not passes(RESOURCE, {**GOOD, "metadata": {"a": odd}}, KEYWORDS)
    assert not passes(RESOURCE, {**GOOD, "metadata": odd}, KEYWORDS)


def test_a_deep_document_goes_to_the_full_check() -> None:
    deep: Any = "v"
    for _ in range(40):
        deep = [deep]
    assert not passes(
        load_schema("spec"), {"version": 1, "variables": {"a": {"default": deep}}}, {}
    )
    assert passes(load_schema("spec"), {"version": 1, "variables": {"a": {"default": [["v"]]}}}, {})


def test_without_the_extension_every_answer_is_no(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quick_schema, "_COMPILED", {})
    monkeypatch.setenv("TFGEN_PURE_PYTHON", "1")
    assert not passes(RESOURCE, GOOD, KEYWORDS)
    assert findings(RESOURCE, GOOD, Plain()) == []


def test_a_schema_it_cannot_compile_goes_to_the_full_check() -> None:
    schema = {"$ref": "elsewhere.schema.json#/x"}
    assert not passes(schema, {}, {})


def test_a_run_whose_blocks_are_valid_never_imports_jsonschema() -> None:
    import subprocess
    import sys

    from locations import ROOT

    probe = (
        "import sys; from tfgen.commands.run_validate import validate; "
        "report = validate([sys.argv[1]]); "
        "print(report.blocks, [m for m in ('jsonschema', 'multiprocessing') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "examples" / "valid")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split(" ", 1)[1].strip() == "[]" and int(out.split()[0]) > 0
