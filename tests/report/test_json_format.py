"""`--format json`: the contract's document, every finding with all its fields."""

from __future__ import annotations

import json

from tfgen.diagnostics import ENVIRONMENT, Diagnostic, Report, Severity, Span
from tfgen.report import Options, format_report


def test_the_document_has_the_contracts_shape() -> None:
    finding = Diagnostic(
        Span("main.tf", 3, 3, 3, 40), Severity.WARNING, "input-file-id-format", "m", "a", "b"
    )
    document = json.loads(format_report("json", Report([finding], files=1, blocks=2), Options()))
    assert document == {
        "version": 1,
        "diagnostics": [
            {
                "file": "main.tf",
                "line": 3,
                "column": 3,
                "end_line": 3,
                "end_column": 40,
                "severity": "warning",
                "code": "input-file-id-format",
                "message": "m",
                "address": "a",
                "attribute": "b",
                "source": "file",
            }
        ],
        "summary": {"files": 1, "blocks": 2, "errors": 0, "warnings": 1},
    }


def test_a_value_from_no_file_says_where_it_came_from_and_survives_the_round_trip() -> None:
    span = Span.outside("TF_VAR_endpoint", ENVIRONMENT)
    finding = Diagnostic(span, Severity.ERROR, "invalid-variable-value", "m")
    [item] = json.loads(format_report("json", Report([finding]), Options()))["diagnostics"]
    assert (item["file"], item["source"]) == ("TF_VAR_endpoint", "environment")
    assert Diagnostic.from_dict(item) == finding and not Diagnostic.from_dict(item).span.in_file
