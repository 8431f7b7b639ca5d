"""Inline ignores: `# tfgen:ignore CODE[,CODE] -- reason`, in the source beside the finding.

- On the line of a finding, or alone on the line above it: ignores those codes there.
- `# tfgen:ignore-block CODE -- reason` on the line above a block header: the whole block.
- In Terraform JSON, which has no comments: a `"//"` key in the block body holding
  `tfgen:ignore CODE -- reason` ignores the codes for that block.
An ignore without a reason, naming an unknown code, or ignoring nothing is itself a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tfgen.codes import CODES
from tfgen.codes import diagnostic as _warning
from tfgen.diagnostics import Diagnostic, Span
from tfgen.terraform.model import SourceFile

_DIRECTIVE = re.compile(
    r"tfgen:ignore(?P<block>-block)?(?:\s+(?P<codes>[a-z0-9,\s-]*?))?\s*(?:--\s*(?P<reason>.*?))?\s*$"
)
_COMMENT = re.compile(r"(?:#|//|/\*)\s*(tfgen:ignore.*?)(?:\*/)?\s*$")


@dataclass(frozen=True)
class Ignore:
    span: Span  # where the directive is written
    codes: frozenset[str]
    reason: str
    lines: range  # the lines it covers, for a line ignore
    address: str | None  # the block it covers, for a block ignore

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.code not in self.codes or diagnostic.span.file != self.span.file:
            return False
        if self.address is not None:
            return diagnostic.address is not None and (
                diagnostic.address == self.address
                or diagnostic.address.startswith(self.address + "[")
            )
        return diagnostic.span.line in self.lines


def apply_ignores(
    diagnostics: list[Diagnostic], sources: Iterable[tuple[SourceFile, str]]
) -> list[Diagnostic]:
    """Drops what the sources' ignores cover; adds a warning for each faulty ignore."""
    ignores: list[Ignore] = []
    problems: list[Diagnostic] = []
    for source, text in sources:
        for ignore in find_ignores(source, text):
            ignores.append(ignore)
            problems.extend(_faults(ignore))
    used: set[Ignore] = set()
    kept = []
    for diagnostic in diagnostics:
        covering = [i for i in ignores if i.covers(diagnostic)]
        used.update(covering)
        if not covering:
            kept.append(diagnostic)
    problems.extend(
        _warning(
            i.span,
            "unused-ignore",
            f"this ignore of {', '.join(sorted(i.codes))} matches no finding",
        )
        for i in ignores
        if i not in used and i.codes and i.codes <= set(CODES) and i.address != ""
    )
    return kept + problems


def find_ignores(source: SourceFile, text: str) -> Iterator[Ignore]:
    headers = {b.span.line: b for b in source.body.blocks}
    for block in source.body.blocks:
        for note in block.notes:
            match = _DIRECTIVE.search(note)
            if match:
                yield _ignore(match, block.span, range(0), block.address)
    if source.path.endswith(".json"):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        comment = _comment_in(line)
        if comment is None:
            continue
        column, body = comment
        match = _DIRECTIVE.match(body)
        if match is None:
            continue
        span = Span(source.path, number, column, number, len(line) + 1)
        if match.group("block"):
            target = headers.get(number + 1) or headers.get(number)
            yield _ignore(match, span, range(0), target.address if target else "")
        else:
            yield _ignore(match, span, range(number, number + 2), None)


def _comment_in(line: str) -> tuple[int, str] | None:
    """The column and text of a tfgen comment on a line, outside any quoted string."""
    if "tfgen:ignore" not in line:
        return None
    quoted = False
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\" and quoted:
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and (char == "#" or line.startswith(("//", "/*"), index)):
            match = _COMMENT.match(line, index)
            return (index + 1, match.group(1)) if match else None
        index += 1
    return None


def _ignore(match: re.Match[str], span: Span, lines: range, address: str | None) -> Ignore:
    codes = frozenset(c for c in re.split(r"[\s,]+", match.group("codes") or "") if c)
    return Ignore(span, codes, (match.group("reason") or "").strip(), lines, address)


def _faults(ignore: Ignore) -> Iterator[Diagnostic]:
    if not ignore.codes:
        yield _warning(ignore.span, "invalid-ignore", "tfgen:ignore names no code")
    for code in sorted(ignore.codes - set(CODES)):
        yield _warning(ignore.span, "invalid-ignore", f"tfgen:ignore names unknown code {code!r}")
    if not ignore.reason:
        yield _warning(
            ignore.span,
            "ignore-without-reason",
            "tfgen:ignore needs a reason: tfgen:ignore CODE -- why it is fine here",
        )
    if ignore.address == "":
        yield _warning(
            ignore.span, "invalid-ignore", "tfgen:ignore-block must be on the line above a block"
        )
