"""`--format text`: one line per finding, then a summary line."""

from __future__ import annotations

from tfgen.diagnostics import Diagnostic, InputSummary, Report, Severity
from tfgen.report.printable import plural
from tfgen.report.registry import Options, reporter

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"


def line(diagnostic: Diagnostic, color: bool = False) -> str:
    span = diagnostic.span
    severity = diagnostic.severity.value
    if color:
        severity = f"{_COLORS[diagnostic.severity]}{severity}{_RESET}"
    where = f" {diagnostic.address}" if diagnostic.address else ""
    return (
        f"{span.file}:{span.line}:{span.column}: {severity}[{diagnostic.code}]{where}: "
        f"{diagnostic.message}"
    )


def input_line(summary: InputSummary) -> str:
    """A batch input file in one line: requests, model, endpoint, bytes (embedding inputs)."""
    parts = [plural(summary.requests, "request")]
    parts.append(f"model {summary.model}" if summary.model is not None else "no model")
    if summary.endpoint is None:
        parts.append("no endpoint")
    else:
        inferred = " (most used)" if summary.endpoint_inferred else ""
        parts.append(f"endpoint {summary.endpoint}{inferred}")
    parts.append(plural(summary.bytes, "byte"))
    if summary.embedding_inputs is not None:
        parts.append(plural(summary.embedding_inputs, "embedding input"))
    return ", ".join(parts)


def summary(report: Report) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    checked = [plural(report.files, "file")]
    if report.blocks or not report.inputs:
        checked.append(plural(report.blocks, "block"))
    scope = ", ".join(checked) + " checked"
    infos = report.count(Severity.INFO)  # only where the configuration makes a code one
    if not errors and not warnings and not infos:
        return f"No problems found ({scope})."
    if infos:
        counts = (
            f"{plural(errors, 'error')}, {plural(warnings, 'warning')} and {plural(infos, 'info')}"
        )
        return f"Found {counts} ({scope})."
    return f"Found {plural(errors, 'error')} and {plural(warnings, 'warning')} ({scope})."


@reporter("text")
def format_text(report: Report, options: Options) -> str:
    lines = [] if options.quiet else [line(d, options.color) for d in report.sorted()]
    lines.extend(f"{i.file}: {input_line(i)}" for i in report.inputs)
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
