"""`tfgen validate`: paths in, a Report out. Never prints, never exits."""

from __future__ import annotations

from collections.abc import Iterable

from tfgen.check import check_module
from tfgen.codes import severity_of
from tfgen.config import Config
from tfgen.diagnostics import Diagnostic, Report, Span
from tfgen.discover import discover
from tfgen.ignores import apply_ignores
from tfgen.inputs import CliInputs, declared_variables, resolve_inputs, undeclared_cli_vars
from tfgen.limits import deep_recursion
from tfgen.load import ParseFailure, load_file
from tfgen.model import Module
from tfgen.module_scope import module_scope


def validate(
    paths: Iterable[str], cli: CliInputs | None = None, config: Config | None = None
) -> Report:
    cli = cli or CliInputs()
    config = config or Config()
    report = Report()
    declared: set[str] = set()
    for directory, targets in discover(paths, config.excludes).items():
        module, problems = load_module(directory, targets.files, targets.context)
        report.files += len(targets.files)
        inputs = resolve_inputs(module, cli)
        declared.update(declared_variables(module))
        with deep_recursion():  # a long chain of locals is legal, if unusual
            found, blocks = check_module(module, module_scope(module, inputs.values))
        context = set(targets.context)
        reported = [d for d in [*problems, *inputs.problems, *found] if d.span.file not in context]
        sources = [(f, f.text) for f in module.files if f.path not in context]
        report.diagnostics.extend(apply_ignores(reported, sources))
        report.blocks += blocks
    report.diagnostics.extend(undeclared_cli_vars(cli, declared))
    report.diagnostics = config.apply(report.diagnostics)
    return report


def load_module(
    directory: str, files: list[str], context: list[str]
) -> tuple[Module, list[Diagnostic]]:
    """The module's files; `context` files are read for their variables and locals only."""
    module = Module(directory)
    problems = []
    for path in [*files, *context]:
        problem = _load_into(module, path)
        if problem is not None:
            problems.append(problem)
    return module, problems


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
