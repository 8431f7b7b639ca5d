"""`tfgen validate`: paths in, a Report out. Never prints, never exits."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tfgen.diagnostics import Diagnostic, Report
from tfgen.support import cache
from tfgen.support.cache import ModuleResult
from tfgen.support.config import Config
from tfgen.support.workers import iter_work
from tfgen.terraform.module_reader import parse_module, read_all
from tfgen.terraform.modules import ModuleFiles, discover, local_targets, module_files
from tfgen.terraform.variable_sources import VariableSources

# Only modules with a file that mentions a checked block type are parsed (all of their files,
# as Terraform would): in a monorepo, every other module costs a read and a search.
UPLOAD_MARK = b"openai_file"
BLOCK_MARKS = (b"openai_batch", UPLOAD_MARK)
CALL_MARKS = (b'"./', b'"../')  # a local module source, whose child may hold batches


Progress = Callable[[int, int], None]  # (modules checked, modules to check)


def validate(
    paths: Iterable[str],
    sources: VariableSources | None = None,
    config: Config | None = None,
    progress_for: Callable[[int], Progress | None] | None = None,
) -> Report:
    """progress_for(modules to check) may give a callback that follows the checks."""
    sources = sources or VariableSources()
    config = config or Config()
    found = discover(paths, config.excludes)
    report = Report(diagnostics=list(found.problems))
    planned = [_plan(d, module, sources, report) for d, module in found.modules.items()]
    todo = [p for p in planned if p.contents is not None and p.result is None]
    _check_all(todo, sources, progress_for(len(todo)) if progress_for else None)
    declared: set[str] = set()
    calls: dict[str, set[str]] = {}  # directory -> those it calls, by real path
    for plan in planned:
        if plan.result is not None:
            declared.update(plan.result.declared)
            calls[os.path.realpath(plan.directory)] = {
                os.path.realpath(c) for c in plan.result.children
            }
    called = _called(calls)
    roots = [p for p in planned if os.path.realpath(p.directory) not in called]
    for plan in roots:
        report.diagnostics.extend(plan.findings())
    _count_checked(report, roots)
    if sources.ordered:
        from tfgen.terraform.variables import undeclared_cli_vars

        report.diagnostics.extend(undeclared_cli_vars(sources, declared))
    report.diagnostics = config.apply(report.diagnostics)
    return report


def _count_checked(report: Report, roots: list[_Plan]) -> None:
    """Blocks of the roots, a called module's among them (once per call), and the files of
    called modules that no path named: the summary counts what was checked, each once."""
    named = {os.path.realpath(f) for f in report.sources}
    for plan in roots:
        if plan.result is None:
            continue
        report.blocks += plan.result.blocks
        for path in plan.result.child_files:
            if os.path.realpath(path) not in named:
                named.add(os.path.realpath(path))
                report.files += 1
                report.sources.add(path)


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


@dataclass
class _Plan:
    """One module: what reading it found, and its result once cached or checked."""

    directory: str
    excluded: frozenset[str]
    problems: list[Diagnostic]
    contents: dict[str, bytes] | None = None  # None: nothing of tfgen's to check
    key: str | None = None  # the cache entry to store the result under
    result: ModuleResult | None = None

    def findings(self) -> list[Diagnostic]:
        """Every finding of the module, except in files the configuration excludes."""
        found = self.problems + (self.result.diagnostics if self.result else [])
        return [d for d in found if d.span.file not in self.excluded]


def _plan(directory: str, module: ModuleFiles, sources: VariableSources, report: Report) -> _Plan:
    report.files += len(module.files) - len(module.excluded)
    report.sources.update(module.files)
    contents, problems = read_all(module.files)
    plan = _Plan(directory, frozenset(module.excluded), problems)
    if not _has_checked_blocks(directory, contents, {os.path.realpath(directory)}):
        return plan
    # Only a checked module reads its variables files: list them once, for both uses.
    variables_files = _variables_files(directory, sources)
    report.sources.update(variables_files)
    plan.contents = contents
    # A module that uploads files has findings from JSONL outside it, and one that calls a
    # local module from the child's files: neither is cached.
    outside = any(m in data for data in contents.values() for m in (UPLOAD_MARK, *CALL_MARKS))
    if not outside and cache.cache_dir() is not None:
        plan.key = cache.module_key(contents, variables_files, sources.ordered, sources.environ)
        plan.result = cache.load(plan.key)
    return plan


def _check_all(plans: list[_Plan], sources: VariableSources, progress: Progress | None) -> None:
    """Checks the modules no cache entry answers, on the cores available."""
    if len(plans) > 1:
        _load_before_forking()
    work = [(plan.directory, plan.contents or {}, sources) for plan in plans]
    results = iter_work(_check_one, work)
    for done, (plan, result) in enumerate(zip(plans, results, strict=True), 1):
        plan.result = result
        if plan.key:
            cache.store(plan.key, result)
        if progress is not None:
            progress(done, len(plans))


def _check_one(work: tuple[str, dict[str, bytes], VariableSources]) -> ModuleResult:
    return _check_module(*work)


def _load_before_forking() -> None:
    # Workers inherit what is loaded: the grammar and the checkers, once, not once each.
    from tfgen.checks import blocks  # noqa: F401
    from tfgen.terraform.parse.lark_parser import parser

    parser()


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
        for target in local_targets(directory, data):
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
        tuple(sorted(f.path for f in calls.files)),
    )
