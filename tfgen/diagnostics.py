"""The one record every checker produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Where a finding's value came from when it is no file: a `TF_VAR_name` environment variable
# or a `--var` on the command line. Then `file` names that source (`TF_VAR_x`, `<command line>`).
FILE, ENVIRONMENT, COMMAND_LINE = "file", "environment", "command line"
SOURCES = (FILE, ENVIRONMENT, COMMAND_LINE)


@dataclass(frozen=True, order=True)
class Span:
    """A region of a source file; lines and columns are 1-based, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    source: str = FILE  # one of SOURCES

    @property
    def in_file(self) -> bool:
        return self.source == FILE

    def to(self, end: Span) -> Span:
        """From the start of this span to the end of another."""
        return Span(self.file, self.line, self.column, end.end_line, end.end_column)

    @classmethod
    def point(cls, file: str, line: int, column: int) -> Span:
        return cls(file, line, column, line, column + 1)

    @classmethod
    def outside(cls, name: str, source: str) -> Span:
        """A value from no file: `name` says which (`TF_VAR_x`, `<command line>`)."""
        return cls(name, 1, 1, 1, 2, source)


@dataclass(frozen=True)
class Fix:
    """The one edit a "did you mean" finding asks for: `old` at span becomes `new`. `tfgen
    validate --fix` makes it only where the file still holds `old` there."""

    span: Span
    old: str
    new: str

    def to_dict(self) -> dict[str, object]:
        where = (self.span.line, self.span.column, self.span.end_line, self.span.end_column)
        return {"span": list(where), "old": self.old, "new": self.new}

    @classmethod
    def from_dict(cls, item: Any, file: str) -> Fix:
        where = item.get("span") if isinstance(item, dict) else None
        texts = [item.get(k) for k in ("old", "new")] if isinstance(item, dict) else []
        if (
            not isinstance(where, list)
            or len(where) != 4
            or not all(type(n) is int for n in where)
            or not all(isinstance(t, str) for t in texts)
        ):
            raise ValueError(f"not a fix: {item!r:.200}")
        return cls(Span(file, *where), str(texts[0]), str(texts[1]))


@dataclass(frozen=True)
class Diagnostic:
    span: Span
    severity: Severity
    code: str
    message: str
    address: str | None = None
    attribute: str | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.file, self.span.line, self.span.column, self.code)

    @classmethod
    def from_dict(cls, item: dict[str, Any]) -> Diagnostic:
        """The inverse of to_dict (the json format, the result cache); raises ValueError
        for a record of another shape, whatever wrote it."""
        numbers: list[Any] = [item.get(k) for k in ("line", "column", "end_line", "end_column")]
        texts = [item.get(k) for k in ("file", "code", "message")]
        optional = [item.get(k) for k in ("address", "attribute")]
        source = item.get("source", FILE)
        if (
            not all(type(n) is int for n in numbers)
            or not all(isinstance(t, str) for t in texts)
            or not all(o is None or isinstance(o, str) for o in optional)
            or source not in SOURCES
        ):
            raise ValueError(f"not a diagnostic: {item!r:.200}")
        line, column, end_line, end_column = numbers
        return cls(
            Span(item["file"], line, column, end_line, end_column, source),
            Severity(item.get("severity")),
            item["code"],
            item["message"],
            item.get("address"),
            item.get("attribute"),
            Fix.from_dict(item["fix"], item["file"]) if item.get("fix") is not None else None,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "address": self.address,
            "attribute": self.attribute,
            "source": self.span.source,
            **({"fix": self.fix.to_dict()} if self.fix else {}),
        }


@dataclass(frozen=True)
class InputSummary:
    """What check-input learned of one batch input file, beside its findings."""

    requests: int
    model: str | None
    endpoint: str | None
    endpoint_inferred: bool
    bytes: int
    embedding_inputs: int | None  # None unless the endpoint is /v1/embeddings
    file: str = ""


@dataclass
class Report:
    """Everything one run found, plus the counts the summary line needs."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    blocks: int = 0
    inputs: list[InputSummary] = field(default_factory=list)  # one per batch input file
    sources: set[str] = field(default_factory=set)  # every file the run read, never written

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def add(self, other: Report) -> None:
        """other's findings and counts, as one report of both runs (several specs)."""
        self.diagnostics.extend(other.diagnostics)
        self.files += other.files
        self.blocks += other.blocks
        self.inputs.extend(other.inputs)
        self.sources.update(other.sources)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)
