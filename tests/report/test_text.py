"""`--format text`: one line a finding, in the contract's shape, then the summary."""

from __future__ import annotations

from tfgen.diagnostics import Diagnostic, Report, Severity, Span
from tfgen.report import Options, format_report
from tfgen.report.text import line, summary

FINDING = Diagnostic(
    Span("main.tf", 3, 3, 3, 40),
    Severity.ERROR,
    "invalid-endpoint",
    "endpoint is x",
    "openai_batch.n",
)


def test_a_line_has_the_contracts_shape() -> None:
    assert line(FINDING) == "main.tf:3:3: error[invalid-endpoint] openai_batch.n: endpoint is x"


def test_colour_marks_only_the_severity() -> None:
    assert line(FINDING, color=True) == (
        "main.tf:3:3: \x1b[31merror\x1b[0m[invalid-endpoint] openai_batch.n: endpoint is x"
    )


def test_summary_counts_and_says_when_nothing_was_found() -> None:
    assert summary(Report(files=2, blocks=1)) == "No problems found (2 files, 1 block checked)."
    found = Report([FINDING], files=1, blocks=1)
    assert summary(found) == "Found 1 error and 0 warnings (1 file, 1 block checked)."


def test_the_summary_counts_infos_when_there_are_some() -> None:
    import dataclasses

    info = dataclasses.replace(FINDING, severity=Severity.INFO)
    assert summary(Report([info], files=1, blocks=1)) == (
        "Found 0 errors, 0 warnings and 1 info (1 file, 1 block checked)."
    )
    assert summary(Report([FINDING, info, info], files=1, blocks=1)) == (
        "Found 1 error, 0 warnings and 2 infos (1 file, 1 block checked)."
    )


def test_quiet_prints_the_summary_only() -> None:
    report = Report([FINDING], files=1, blocks=1)
    assert format_report("text", report, Options(quiet=True)).splitlines() == [summary(report)]
