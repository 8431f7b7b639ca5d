"""format_report: every format sees the report with every untrusted string escaped."""

from __future__ import annotations

from tfgen.diagnostics import Diagnostic, InputSummary, Report, Severity, Span
from tfgen.report import REPORTERS, Options, format_report


def test_every_format_gets_the_escaped_report() -> None:
    finding = Diagnostic(
        Span("a\nb.tf", 1, 1, 1, 2), Severity.ERROR, "x", "m\x1b", "openai_batch.a\rb", "k\n"
    )
    summary = InputSummary(1, "m\x1b", "/v1/x\r", False, 10, None, "in\n.jsonl")
    report = Report([finding], files=1, inputs=[summary])
    for name in REPORTERS:
        out = format_report(name, report, Options())
        assert "\x1b" not in out and "\r" not in out and "a\nb.tf" not in out, name
    assert report.diagnostics == [finding]  # the caller's report is left as it was
