"""Code actions for findings, as edits of the text the editor holds: the one "did you mean" a
finding carries (what `tfgen validate --fix` makes), and an ignore comment for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tfgen.commands.run_fix import UNPARSED, applicable
from tfgen.diagnostics import Diagnostic, Span

IGNORE_REASON = "TODO: say why this is fine here"  # an ignore needs a reason
# A file that did not parse has no ignores read, and an ignore is not ignored by another.
NOT_IGNORABLE = UNPARSED | {"invalid-ignore", "unused-ignore", "ignore-without-reason"}


@dataclass(frozen=True)
class Edit:
    span: Span  # the text replaced; an empty span (end == start) is an insertion
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    diagnostic: Diagnostic
    edit: Edit
    preferred: bool  # the fix itself, which an editor may apply with one key


def actions_for(diagnostics: Iterable[Diagnostic], text: str) -> list[Action]:
    """For each finding: its fix, where text still holds what the finding saw, and in a `.tf`
    file an ignore comment on the line above it."""
    found = []
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is not None and applicable(text, [fix]):
            title = f"Change {fix.old} to {fix.new}"
            found.append(Action(title, diagnostic, Edit(fix.span, fix.new), True))
        ignore = _ignore(diagnostic, text)
        if ignore is not None:
            title = f"Ignore {diagnostic.code} here (tfgen:ignore)"
            found.append(Action(title, diagnostic, ignore, False))
    return found


def _ignore(diagnostic: Diagnostic, text: str) -> Edit | None:
    """A comment line above the finding's, indented like it: HCL's comments are the only
    ones tfgen reads inline (Terraform JSON has none, variables files are not covered)."""
    span = diagnostic.span
    lines = text.split("\n")
    if diagnostic.code in NOT_IGNORABLE or not span.file.endswith(".tf"):
        return None
    if not 1 <= span.line <= len(lines):
        return None
    line = lines[span.line - 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    newline = "\r\n" if line.endswith("\r") else "\n"
    comment = f"{indent}# tfgen:ignore {diagnostic.code} -- {IGNORE_REASON}{newline}"
    return Edit(Span(span.file, span.line, 1, span.line, 1), comment)
