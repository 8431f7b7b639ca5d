"""Output formats. Importing a format's module registers it."""

from __future__ import annotations

import dataclasses

from tfgen.diagnostics import Diagnostic, Report
from tfgen.report import github, json_format, sarif, text
from tfgen.report.printable import printable
from tfgen.report.registry import REPORTERS, Options

__all__ = ["REPORTERS", "Options", "format_report", "github", "json_format", "sarif", "text"]


def format_report(name: str, report: Report, options: Options) -> str:
    return REPORTERS[name](_printable(report), options)


def _printable(report: Report) -> Report:
    """The report with every string that came from the files escaped, in every format: a
    label holding a newline and `::error` must not become a line of its own anywhere."""
    inputs = [
        dataclasses.replace(
            i,
            file=printable(i.file),
            model=_optional(i.model),
            endpoint=_optional(i.endpoint),
        )
        for i in report.inputs
    ]
    return dataclasses.replace(
        report, diagnostics=[_diagnostic(d) for d in report.diagnostics], inputs=inputs
    )


def _diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    span = diagnostic.span
    return dataclasses.replace(
        diagnostic,
        span=dataclasses.replace(span, file=printable(span.file)),
        message=printable(diagnostic.message),
        address=_optional(diagnostic.address),
        attribute=_optional(diagnostic.attribute),
    )


def _optional(text: str | None) -> str | None:
    return None if text is None else printable(text)
