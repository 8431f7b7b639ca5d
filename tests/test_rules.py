"""Every rule of the facts page: a failing and a passing case, checked by code, address,
attribute and exact line. The passing blocks sit beside the failing ones in each fixture, so
an exact comparison also proves they produce nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Severity

RULES = Path(__file__).parent / "fixtures" / "rules"

B = "openai_batch."
D = "data.openai_batch."

EXPECTED: dict[str, set[tuple[int, str, str | None, str | None]]] = {
    "completion_window": {
        (8, "invalid-completion-window", B + "wrong", "completion_window"),
        (14, "invalid-completion-window", B + "number", "completion_window"),
    },
    "endpoint": {
        (51, "invalid-endpoint", B + "wrong_case", "endpoint"),
        (57, "invalid-endpoint", B + "singular", "endpoint"),
    },
    "input_file_id": {
        (10, "invalid-input-file-id", B + "empty", "input_file_id"),
        (16, "input-file-id-format", B + "not_a_file_id", "input_file_id"),
    },
    "metadata": {
        (29, "metadata-too-many-pairs", B + "seventeen_pairs", "metadata"),
        (64, "metadata-key-too-long", B + "key_65", "metadata"),
        (82, "metadata-value-too-long", B + "value_513", "metadata"),
        (102, "invalid-type", B + "nested", "metadata"),
        (110, "invalid-type", B + "not_a_map", "metadata"),
    },
    "output_expires_after": {
        (
            37,
            "output-expires-seconds-out-of-range",
            B + "too_short",
            "output_expires_after.seconds",
        ),
        (47, "output-expires-seconds-out-of-range", B + "too_long", "output_expires_after.seconds"),
        (57, "invalid-type", B + "fraction", "output_expires_after.seconds"),
        (67, "invalid-type", B + "not_a_number", "output_expires_after.seconds"),
        (76, "invalid-output-expires-after", B + "bad_anchor", "output_expires_after.anchor"),
        (85, "missing-argument", B + "missing_anchor", "output_expires_after.anchor"),
        (97, "unknown-argument", B + "extra_key", "output_expires_after.secnds"),
        (105, "attribute-as-block", B + "as_block", "output_expires_after"),
        (115, "attribute-as-block", B + "as_dynamic_block", "output_expires_after"),
        (128, "invalid-type", B + "not_an_object", "output_expires_after"),
    },
    "required": {
        (7, "missing-argument", B + "no_window", "completion_window"),
        (12, "missing-argument", B + "no_endpoint", "endpoint"),
        (17, "missing-argument", B + "no_input", "input_file_id"),
        (22, "missing-argument", B + "null_endpoint", "endpoint"),
    },
    "unknown_argument": {
        (3, "unknown-argument", B + "typo", "endpont"),
        (12, "unknown-argument", B + "nonsense", "temperature"),
        (19, "unknown-block", B + "unknown_block", None),
    },
    "duplicate_attribute": {
        (5, "duplicate-attribute", B + "twice", "endpoint"),
    },
    "data_source": {
        (5, "missing-argument", D + "missing", "batch_id"),
        (9, "invalid-batch-id", D + "empty", "batch_id"),
        (14, "computed-attribute", D + "sets_computed", "endpoint"),
        (15, "computed-attribute", D + "sets_computed", "status"),
        (18, "missing-argument", D + "typo", "batch_id"),
        (19, "unknown-argument", D + "typo", "batch_ib"),
    },
    "meta_arguments": set(),
    "unknown_values": set(),
}

COMPUTED = [
    "id",
    "model",
    "object",
    "status",
    "error_file_id",
    "output_file_id",
    "errors",
    "request_counts",
    "usage",
    "cancelled_at",
    "cancelling_at",
    "completed_at",
    "created_at",
    "expired_at",
    "expires_at",
    "failed_at",
    "finalizing_at",
    "in_progress_at",
]


def findings(path: Path) -> set[tuple[int, str, str | None, str | None]]:
    """Findings for a fixture directory (one module each)."""
    report = validate([str(path)])
    return {(d.span.line, d.code, d.address, d.attribute) for d in report.diagnostics}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    assert findings(RULES / name) == EXPECTED[name]


def test_every_computed_attribute_is_refused() -> None:
    report = validate([str(RULES / "computed")])
    got = {(d.span.line, d.attribute) for d in report.diagnostics if d.code == "computed-attribute"}
    assert got == {(5 + i, name) for i, name in enumerate(COMPUTED)}
    assert len(report.diagnostics) == len(COMPUTED)


def test_columns_point_at_the_attribute_or_key() -> None:
    report = validate([str(RULES / "metadata")])
    by_code = {d.code: d.span for d in report.diagnostics}
    assert (by_code["metadata-too-many-pairs"].column) == 3  # the `metadata` name
    assert (by_code["metadata-key-too-long"].line, by_code["metadata-key-too-long"].column) == (
        64,
        5,
    )
    span = by_code["metadata-value-too-long"]
    assert (span.line, span.column, span.end_line) == (82, 5, 82)
    assert span.end_column == 5 + len('note = "') + 513 + 1


def test_missing_argument_points_at_block_header() -> None:
    report = validate([str(RULES / "required")])
    spans = {(d.span.line, d.span.column) for d in report.diagnostics}
    assert spans == {(7, 1), (12, 1), (17, 1), (22, 1)}


def test_format_advice_is_a_warning_and_does_not_fail(tmp_path: Path) -> None:
    report = validate([str(RULES / "input_file_id")])
    severities = {d.code: d.severity for d in report.diagnostics}
    assert severities["input-file-id-format"] is Severity.WARNING
    assert severities["invalid-input-file-id"] is Severity.ERROR


def test_duplicate_blocks_across_files_of_one_module() -> None:
    report = validate([str(RULES / "duplicate_block")])
    dupes = [d for d in report.diagnostics if d.code == "duplicate-block"]
    assert len(dupes) == 1
    assert dupes[0].address == "openai_batch.same"
    assert dupes[0].span.file == os.path.join(str(RULES / "duplicate_block"), "b.tf.json")
    assert (dupes[0].span.line, dupes[0].span.column) == (4, 7)
    assert "a.tf:1" in dupes[0].message
    # The data source of the same name is a different address, not a duplicate.
    assert report.blocks == 3


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("unknown_argument", 'did you mean "endpoint"?'),
        ("unknown_argument", 'did you mean "lifecycle"?'),
        ("endpoint", 'did you mean "/v1/embeddings"?'),
        ("data_source", 'did you mean "batch_id"?'),
        ("output_expires_after", 'did you mean "seconds"?'),
        ("completion_window", '"24" (converted from number 24); only "24h" is allowed'),
        ("metadata", "metadata has 17 pairs; at most 16 allowed"),
        ("metadata", 'metadata["note"] is 513 characters; at most 512 allowed'),
        (
            "output_expires_after",
            "output_expires_after.seconds is 3599; must be from 3600 to 2592000",
        ),
    ],
)
def test_messages_say_what_is_allowed(name: str, fragment: str) -> None:
    messages = [d.message for d in validate([str(RULES / name)]).diagnostics]
    assert any(fragment in m for m in messages), messages
