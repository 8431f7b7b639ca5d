"""`tfgen validate`: paths in, a Report out. Never prints, never exits."""

from __future__ import annotations

from collections.abc import Iterable

from tfgen.check import check_module
from tfgen.codes import severity_of
from tfgen.diagnostics import Diagnostic, Report, Span
from tfgen.discover import discover
from tfgen.load import ParseFailure, load_file
from tfgen.model import Module


def validate(paths: Iterable[str]) -> Report:
    report = Report()
    for directory, files in discover(paths).items():
        module = Module(directory)
        for path in files:
            report.files += 1
            problem = _load_into(module, path)
            if problem is not None:
                report.diagnostics.append(problem)
        found, blocks = check_module(module)
        report.diagnostics.extend(found)
        report.blocks += blocks
    return report


def _load_into(module: Module, path: str) -> Diagnostic | None:
    """Adds the file to the module, or returns why it could not be read."""
    try:
        module.files.append(load_file(path))
    except ParseFailure as exc:
        return file_problem(path, "syntax-error", exc.message, exc.line, exc.column)
    except OSError as exc:
        return file_problem(path, "unreadable-file", f"cannot read: {exc.strerror}", 1, 1)
    return None


def file_problem(path: str, code: str, message: str, line: int, column: int) -> Diagnostic:
    return Diagnostic(Span.point(path, line, column), severity_of(code), code, message)
