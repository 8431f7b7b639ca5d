"""`tfgen validate`: paths in, a Report out. Never prints, never exits."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tfgen.codes import diagnostic, unreadable
from tfgen.diagnostics import Diagnostic, Report, Span
from tfgen.support import cache
from tfgen.support.cache import ModuleResult
from tfgen.support.config import Config
from tfgen.support.files import read_limited
from tfgen.support.limits import MAX_TERRAFORM_FILE
from tfgen.terraform.model import Module
from tfgen.terraform.modules import ModuleFiles, discover
from tfgen.terraform.parse import ParseFailure, load_bytes
from tfgen.terraform.variable_sources import VariableSources

# Only modules with a file that mentions a checked block type are parsed (all of their files,
# as Terraform would): in a monorepo, every other module costs a read and a search.
UPLOAD_MARK = b"openai_file"
CHECKED_MARKS = (b"openai_batch", UPLOAD_MARK)


def validate(
    paths: Iterable[str], sources: VariableSources | None = None, config: Config | None = None
) -> Report:
    sources = sources or VariableSources()
    config = config or Config()
    found = discover(paths, config.excludes)
    report = Report(diagnostics=list(found.problems))
    declared: set[str] = set()
    for directory, module in found.modules.items():
        report.files += len(module.files) - len(module.excluded)
        report.sources.update(module.files)
        findings = _check_directory(directory, module, sources, declared, report)
        report.diagnostics.extend(d for d in findings if d.span.file not in module.excluded)
    if sources.ordered:
        from tfgen.terraform.variables import undeclared_cli_vars

        report.diagnostics.extend(undeclared_cli_vars(sources, declared))
    report.diagnostics = config.apply(report.diagnostics)
    return report


def _check_directory(
    directory: str,
    module: ModuleFiles,
    sources: VariableSources,
    declared: set[str],
    report: Report,
) -> list[Diagnostic]:
    """Every finding of the module, wherever in it each is located."""
    contents, problems = read_all(module.files)
    if not any(mark in data for data in contents.values() for mark in CHECKED_MARKS):
        return problems
    # Only a checked module reads its variables files: list them once, for both uses.
    variables_files = _variables_files(directory, sources)
    report.sources.update(variables_files)
    # A module that uploads files has findings from JSONL outside it: it is never cached.
    uploads = any(UPLOAD_MARK in data for data in contents.values())
    key = (
        None
        if uploads or cache.cache_dir() is None
        else cache.module_key(contents, variables_files, sources.ordered, sources.environ)
    )
    result = cache.load(key) if key else None
    if result is None:
        result = _check_module(directory, contents, sources)
        if key:
            cache.store(key, result)
    report.blocks += result.blocks
    declared.update(result.declared)
    return problems + result.diagnostics


def _variables_files(directory: str, sources: VariableSources) -> list[str]:
    folder = Path(directory)
    found = [
        str(p)
        for p in folder.glob("*.tfvars*")
        if p.name.endswith((".tfvars", ".json")) and p.is_file()
    ]
    return found + [text for kind, text in sources.ordered if kind == "var-file"]


def _check_module(
    directory: str, contents: dict[str, bytes], sources: VariableSources
) -> ModuleResult:
    """Findings, checked blocks and declared variable names of one module."""
    # Imported here so that a run with nothing to check never pays for them.
    from tfgen.checks.blocks import check_module
    from tfgen.checks.ignores import apply_ignores
    from tfgen.support.limits import deep_recursion
    from tfgen.terraform.scope import module_scope
    from tfgen.terraform.variables import declared_variables, resolve_variables

    module, problems = parse_module(directory, contents)
    variables = resolve_variables(module, sources)
    with deep_recursion():  # a long chain of locals is legal, if unusual
        found, blocks = check_module(module, module_scope(module, variables.values))
    reported = [*problems, *variables.problems, *found]
    texts = [(f, f.text) for f in module.files]
    return ModuleResult(apply_ignores(reported, texts), blocks, sorted(declared_variables(module)))


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
        return file_problem(path, exc.code, exc.message, exc.line, exc.column)
    return None


def file_problem(path: str, code: str, message: str, line: int, column: int) -> Diagnostic:
    return diagnostic(Span.point(path, line, column), code, message)
