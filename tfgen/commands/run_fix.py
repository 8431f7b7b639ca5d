"""`tfgen validate --fix` and `--diff`: the edits of a report's "did you mean" findings.

Only a finding with one candidate carries a fix (an argument's name, or a string literal that
is the whole value), and an edit is made only where the file still holds exactly the text the
finding saw: a file that changed since, or whose literal is written with escapes, is left
alone. A file with a syntax error, or that could not be read, is never touched.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tfgen.diagnostics import Fix, Report
from tfgen.support.files import read_limited
from tfgen.support.limits import MAX_TERRAFORM_FILE

UNPARSED = frozenset({"syntax-error", "file-too-large", "unreadable-file"})


@dataclass(frozen=True)
class FileFix:
    path: str
    before: str
    after: str
    count: int  # edits made

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{self.path} (now)",
                tofile=f"{self.path} (fixed)",
            )
        )


def planned_fixes(report: Report) -> list[FileFix]:
    """Per file, its text with every applicable fix made, in file order."""
    broken = {d.span.file for d in report.diagnostics if d.code in UNPARSED}
    by_file: dict[str, set[Fix]] = {}
    for diagnostic in report.diagnostics:
        fix = diagnostic.fix
        if fix is not None and fix.span.file not in broken:
            by_file.setdefault(fix.span.file, set()).add(fix)
    planned = (_applied(path, fixes) for path, fixes in sorted(by_file.items()))
    return [change for change in planned if change is not None]


def _applied(path: str, fixes: set[Fix]) -> FileFix | None:
    try:
        # As written, BOM and CRLF kept (the parser's columns do not count either).
        text = read_limited(Path(path), MAX_TERRAFORM_FILE).decode("utf-8")
    except (OSError, ValueError):  # unreadable, too large, not UTF-8: left alone
        return None
    edits = applicable(text, fixes)
    if not edits:
        return None
    after = text
    for start, end, fix in reversed(edits):
        after = after[:start] + fix.new + after[end:]
    return FileFix(path, text, after, len(edits))


def applicable(text: str, fixes: Iterable[Fix]) -> list[tuple[int, int, Fix]]:
    """The fixes text still holds the old text of, with their offsets, in file order and
    never overlapping (of two that overlap, the first)."""
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    bom = 1 if text.startswith("\ufeff") else 0  # not a column of line 1 (see jsonpos)

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1 + (bom if line == 1 else 0)

    edits: list[tuple[int, int, Fix]] = []
    for fix in sorted(fixes, key=lambda f: (f.span.line, f.span.column)):
        span = fix.span
        if not (1 <= span.line <= len(starts) and 1 <= span.end_line <= len(starts)):
            continue
        start, end = offset(span.line, span.column), offset(span.end_line, span.end_column)
        overlaps = bool(edits) and start < edits[-1][1]
        if not overlaps and text[start:end] == fix.old:
            edits.append((start, end, fix))
    return edits
