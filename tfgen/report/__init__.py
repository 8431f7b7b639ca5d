"""Output formats. Importing a format's module registers it."""

from __future__ import annotations

from tfgen.diagnostics import Report
from tfgen.report import github, json_format, sarif, text
from tfgen.report.registry import REPORTERS, Options

__all__ = ["REPORTERS", "Options", "github", "json_format", "render_report", "sarif", "text"]


def render_report(name: str, report: Report, options: Options) -> str:
    return REPORTERS[name](report, options)
