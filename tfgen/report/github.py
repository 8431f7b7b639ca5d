"""`--format github`: one GitHub Actions workflow command per finding, then the summary line.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE` (`warning` for
warnings, `notice` for info) becomes an annotation on that line of the pull request.
Columns are sent only when the finding starts and ends on one line: GitHub's annotations
support columns on a single line only. A finding from no file (`<command line>`, `TF_VAR_x`)
has no file property and names its origin in the message instead, so it shows on the run.
"""

from __future__ import annotations

from tfgen.diagnostics import Diagnostic, Report, Severity, Span
from tfgen.report.paths import posix_path
from tfgen.report.registry import Options, reporter
from tfgen.report.text import summary

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

# The runner splits a command at line ends and reads properties up to `,` and `::`, so a
# message or path holding them would be cut short or read as another property.
_DATA_ESCAPES = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY_ESCAPES = {**_DATA_ESCAPES, ":": "%3A", ",": "%2C"}


def _escape(text: str, escapes: dict[str, str]) -> str:
    return "".join(escapes.get(char, char) for char in text)


def escape_data(text: str) -> str:
    return _escape(text, _DATA_ESCAPES)


def escape_property(text: str) -> str:
    return _escape(text, _PROPERTY_ESCAPES)


def position(span: Span) -> list[tuple[str, int]]:
    if span.line < 1:
        return []
    found = [("line", span.line)]
    one_line = span.end_line == span.line and span.end_column >= span.column >= 1
    if one_line:
        found.append(("col", span.column))
    if span.end_line >= span.line:
        found.append(("endLine", span.end_line))
    if one_line:
        found.append(("endColumn", span.end_column))
    return found


def properties(diagnostic: Diagnostic) -> list[tuple[str, str]]:
    span = diagnostic.span
    if not span.in_file:
        return [("title", diagnostic.code)]
    where = [(key, str(value)) for key, value in position(span)]
    return [("file", posix_path(span.file)), *where, ("title", diagnostic.code)]


def message(diagnostic: Diagnostic) -> str:
    """The address (and a pseudo-file's origin) first: an annotation alone must say where."""
    origin = None if diagnostic.span.in_file else diagnostic.span.file
    prefix = [part for part in (origin, diagnostic.address) if part]
    return ": ".join([*prefix, diagnostic.message])


def command(diagnostic: Diagnostic) -> str:
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties(diagnostic))
    return f"::{_COMMANDS[diagnostic.severity]} {listed}::{escape_data(message(diagnostic))}"


@reporter("github")
def format_github(report: Report, options: Options) -> str:
    lines = [command(d) for d in report.sorted()]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
