"""`tfgen validate`: paths in, a Report out. Never prints, never exits."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from tfgen.diagnostics import Diagnostic, Report
from tfgen.support import cache
from tfgen.support.cache import ModuleResult
from tfgen.support.config import Config
from tfgen.terraform.module_reader import parse_module, read_all
from tfgen.terraform.modules import ModuleFiles, discover, module_files
from tfgen.terraform.variable_sources import VariableSources

# Only modules with a file that mentions a checked block type are parsed (all of their files,
# as Terraform would): in a monorepo, every other module costs a read and a search.
UPLOAD_MARK = b"openai_file"
BLOCK_MARKS = (b"openai_batch", UPLOAD_MARK)
CALL_MARKS = (b'"./', b'"../')  # a local module source, whose child may hold batches


def validate(
    paths: Iterable[str], sources: VariableSources | None = None, config: Config | None = None
) -> Report:
    sources = sources or VariableSources()
    config = config or Config()
    found = discover(paths, config.excludes)
    report = Report(diagnostics=list(found.problems))
    declared: set[str] = set()
    calls: dict[str, set[str]] = {}  # directory -> those it calls, by real path
    results = {}
    for directory, module in found.modules.items():
        report.files += len(module.files) - len(module.excluded)
        report.sources.update(module.files)
        findings = _check_directory(directory, module, sources, declared, calls, report)
        results[directory] = [d for d in findings if d.span.file not in module.excluded]
    called = _called(calls)
    for directory, findings in results.items():
        if os.path.realpath(directory) not in called:
            report.diagnostics.extend(findings)
    if sources.ordered:
        from tfgen.terraform.variables import undeclared_cli_vars

        report.diagnostics.extend(undeclared_cli_vars(sources, declared))
    report.diagnostics = config.apply(report.diagnostics)
    return report


def _called(calls: dict[str, set[str]]) -> set[str]:
    """The modules checked through a call, with its arguments, as Terraform checks them: not
    again as roots with unknown variables. Modules that call each other (a cycle, itself a
    finding) both stay roots."""
    return {
        child
        for caller, children in calls.items()
        for child in children
        if caller not in calls.get(child, set())
    }


def _check_directory(
    directory: str,
    module: ModuleFiles,
    sources: VariableSources,
    declared: set[str],
    calls: dict[str, set[str]],
    report: Report,
) -> list[Diagnostic]:
    """Every finding of the module, wherever in it each is located."""
    contents, problems = read_all(module.files)
    if not _has_checked_blocks(directory, contents, {os.path.realpath(directory)}):
        return problems
    # Only a checked module reads its variables files: list them once, for both uses.
    variables_files = _variables_files(directory, sources)
    report.sources.update(variables_files)
    # A module that uploads files has findings from JSONL outside it, and one that calls a
    # local module from the child's files: neither is cached.
    outside = any(m in data for data in contents.values() for m in (UPLOAD_MARK, *CALL_MARKS))
    key = (
        None
        if outside or cache.cache_dir() is None
        else cache.module_key(contents, variables_files, sources.ordered, sources.environ)
    )
    result = cache.load(key) if key else None
    if result is None:
        result = _check_module(directory, contents, sources)
        if key:
            cache.store(key, result)
    report.blocks += result.blocks
    declared.update(result.declared)
    calls[os.path.realpath(directory)] = {os.path.realpath(c) for c in result.children}
    return problems + result.diagnostics


_LOCAL_STRING = re.compile(rb'"(\.\.?/[^"\n]*)"')
_MAX_CALL_DEPTH = 16


def _has_checked_blocks(
    directory: str, contents: dict[str, bytes], seen: set[str], depth: int = 0
) -> bool:
    """Whether the module, or a local module it calls, holds an openai_batch or openai_file.

    A module whose calls lead only to modules without either has nothing of tfgen's to check
    (a monorepo's every service calling ../../modules/service): it is not parsed. Any local
    string that names no module directory, or one past the depth, counts as a reason to check.
    """
    texts = contents.values()
    if any(mark in data for data in texts for mark in BLOCK_MARKS):
        return True
    for data in texts:
        for match in _LOCAL_STRING.finditer(data):
            target = os.path.realpath(os.path.join(directory, os.fsdecode(match.group(1))))
            if target in seen:
                continue
            seen.add(target)
            if not os.path.isdir(target) or depth >= _MAX_CALL_DEPTH:
                return True
            child, _ = read_all(module_files(target, []))
            if _has_checked_blocks(target, child, seen, depth + 1):
                return True
    return False


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
    from tfgen.checks.calls import check_calls
    from tfgen.checks.ignores import apply_ignores
    from tfgen.support.limits import deep_recursion
    from tfgen.terraform.scope import module_scope
    from tfgen.terraform.variables import declared_variables, resolve_variables

    module, problems = parse_module(directory, contents)
    variables = resolve_variables(module, sources)
    with deep_recursion():  # a long chain of locals is legal, if unusual
        scope = module_scope(module, variables.values)
        found, blocks = check_module(module, scope)
        calls = check_calls(module, scope)
    reported = [*problems, *variables.problems, *found, *calls.findings]
    files = {f.path: f for f in [*module.files, *calls.files]}  # a child called twice: once
    texts = [(f, f.text) for f in files.values()]
    return ModuleResult(
        apply_ignores(reported, texts),
        blocks + calls.blocks,
        sorted(declared_variables(module)),
        tuple(sorted(calls.children)),
    )
