"""A module's files read and parsed into the model: a finding for each file that cannot be."""

from __future__ import annotations

from tfgen.codes import diagnostic, unreadable
from tfgen.diagnostics import Diagnostic, Span
from tfgen.support.files import read_limited
from tfgen.support.limits import MAX_TERRAFORM_FILE
from tfgen.terraform.model import Module
from tfgen.terraform.parse import ParseFailure, load_bytes


def parse_module(directory: str, contents: dict[str, bytes]) -> tuple[Module, list[Diagnostic]]:
    """The module of the files that parse, and a finding for each file that does not."""
    module = Module(directory)
    problems = []
    for path, data in contents.items():
        problem = _parse_into(module, path, data)
        if problem is not None:
            problems.append(problem)
    return module, problems


def read_all(paths: list[str]) -> tuple[dict[str, bytes], list[Diagnostic]]:
    contents: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        try:
            contents[path] = read_limited(path, MAX_TERRAFORM_FILE)
        except OSError as exc:
            problems.append(unreadable(path, exc))
    return contents, problems


def _parse_into(module: Module, path: str, data: bytes) -> Diagnostic | None:
    """Adds the file to the module, or returns why it could not be parsed."""
    try:
        module.files.append(load_bytes(data, path))
    except ParseFailure as exc:
        return _file_problem(path, exc.code, exc.message, exc.line, exc.column)
    return None


def _file_problem(path: str, code: str, message: str, line: int, column: int) -> Diagnostic:
    return diagnostic(Span.point(path, line, column), code, message)
