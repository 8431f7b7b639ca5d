"""What every rule fixture under fixtures/rules must give: shared by the HCL and JSON tests."""

from __future__ import annotations

from pathlib import Path

from locations import FIXTURES

from tfgen.commands.run_validate import validate

RULES = FIXTURES / "rules"

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
        (97, "ignored-object-key", B + "extra_key", "output_expires_after.secnds"),
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
    "openai_file": {
        (9, "invalid-file-purpose", "openai_file.wrong_purpose", "purpose"),
        (12, "missing-argument", "openai_file.no_file", "file"),
        (19, "computed-attribute", "openai_file.sets_computed", "status"),
    },
    "meta_arguments": set(),
    "meta_mistakes": {
        (4, "invalid-meta-argument", B + "both", "for_each"),
        (11, "invalid-meta-argument", B + "alias", "provider"),
        (20, "invalid-reference", None, None),
    },
    "unknown_values": set(),
}


def findings(path: Path) -> set[tuple[int, str, str | None, str | None]]:
    """Findings for a fixture directory (one module each)."""
    report = validate([str(path)])
    return {(d.span.line, d.code, d.address, d.attribute) for d in report.diagnostics}
