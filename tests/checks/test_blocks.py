"""Every rule of the facts page: a failing and a passing case, checked by code, address,
attribute and exact line. The passing blocks sit beside the failing ones in each fixture, so
an exact comparison also proves they produce nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rule_expectations import EXPECTED, RULES, findings

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Severity

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
