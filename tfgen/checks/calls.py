"""`module` blocks with a local source: the child module checked with the caller's arguments.

Terraform evaluates a child module once per instance of its `module` block (`count`,
`for_each`), with the arguments the caller gives as its variables; a finding inside the child
is at the child's line, on the address Terraform uses (`module.jobs["a"].openai_batch.x`), and
says where its value came from in the caller. Registry and git sources are not fetched: their
outputs stay unknown, never an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.model import Block, Module, SourceFile

LOCAL_PREFIXES = ("./", "../")
# Arguments of a module block that are Terraform's own, not the child's variables.
META_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


@dataclass
class Calls:
    findings: list[Diagnostic] = field(default_factory=list)
    children: set[str] = field(default_factory=set)  # directories checked through a call
    blocks: int = 0
    files: list[SourceFile] = field(default_factory=list)  # the children's, for their ignores


def local_source(block: Block) -> str | None:
    """The directory a module block calls, when its source is a local path."""
    source = block.body.attribute("source")
    if source is None or not block.labels:
        return None
    value = evaluate(source.expr, Scope())
    return value if isinstance(value, str) and value.startswith(LOCAL_PREFIXES) else None


def check_calls(module: Module, scope: Scope, stack: tuple[str, ...] = ()) -> Calls:
    """Every local module call of the module, checked through, recursively."""
    calls = Calls()
    for block in module.blocks("module"):
        source = local_source(block)
        if source is None:
            continue
        directory = os.path.normpath(os.path.join(module.directory, source))
        if os.path.realpath(directory) in (*stack, os.path.realpath(module.directory)):
            calls.findings.append(
                diagnostic(
                    block.span,
                    "module-cycle",
                    f'module "{block.labels[0]}" calls {source}, which calls it back',
                )
            )
            continue
        if not os.path.isdir(directory):
            source_attribute = block.body.attribute("source")
            assert source_attribute is not None
            message = f'module "{block.labels[0]}": {source} is not a module directory'
            calls.findings.append(
                diagnostic(source_attribute.name_span, "module-not-found", message)
            )
            continue
        calls.children.add(directory)
        _check_call(block, directory, scope, (*stack, os.path.realpath(module.directory)), calls)
    return calls


def _check_call(
    block: Block, directory: str, scope: Scope, stack: tuple[str, ...], calls: Calls
) -> None:
    from tfgen.checks.blocks import check_module, merge_instances
    from tfgen.checks.instances import instances
    from tfgen.terraform.scope import module_scope

    child, problems = _load(directory)
    calls.findings.extend(problems)
    calls.files.extend(child.files)
    name = block.labels[0]
    per_instance = []
    for instance in instances(block, scope):
        values, found = _arguments(block, child, instance.scope)
        child_scope = module_scope(child, values)
        checked, blocks = check_module(child, child_scope)
        nested = check_calls(child, child_scope, stack)
        calls.blocks += blocks + nested.blocks
        calls.children |= nested.children
        calls.files.extend(nested.files)
        per_instance.append((instance.key, [*found, *checked, *nested.findings]))

    def named(address: str | None, key: str) -> str:
        prefix = f"module.{name}{key}"
        return f"{prefix}.{address}" if address else prefix

    calls.findings.extend(merge_instances(per_instance, named))


# A child called several times from one module (a module block per service, one source) is
# parsed once for the same directory and bytes, not once per call: the model is never changed
# after parsing. The directory is part of the key because findings carry its path as the
# caller wrote it. Bounded, so a run over thousands of modules keeps little.
_PARSED: dict[tuple[str, tuple[tuple[str, bytes], ...]], tuple[Module, list[Diagnostic]]] = {}
_PARSED_LIMIT = 64


def _load(directory: str) -> tuple[Module, list[Diagnostic]]:
    from tfgen.terraform.module_reader import parse_module, read_all
    from tfgen.terraform.modules import module_files

    problems: list[Diagnostic] = []
    contents, unreadable = read_all(module_files(directory, problems))
    key = (directory, tuple(contents.items()))
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = parse_module(directory, contents)
        if len(_PARSED) >= _PARSED_LIMIT:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = parsed
    module, unparsed = parsed
    return module, [*problems, *unreadable, *unparsed]


def _arguments(
    block: Block, child: Module, scope: Scope
) -> tuple[dict[str, Named], list[Diagnostic]]:
    """The child's variables: the caller's arguments converted to their types, else defaults;
    an argument the child does not declare, or a required one not given, is an error."""
    from tfgen.checks.suggest import did_you_mean
    from tfgen.terraform.types import TypeMismatch, convert_to
    from tfgen.terraform.variable_sources import VariableSources
    from tfgen.terraform.variables import declared_variables, resolve_variables

    declared = declared_variables(child)
    defaults = resolve_variables(child, VariableSources(), root=False)
    values, found = dict(defaults.values), list(defaults.problems)
    name = block.labels[0]
    for attribute in block.body.attributes:
        if attribute.name in META_ARGUMENTS:
            continue
        variable = declared.get(attribute.name)
        if variable is None:
            hint = did_you_mean(attribute.name, declared)
            message = f'module "{name}" has no variable "{attribute.name}"{hint}'
            found.append(diagnostic(attribute.name_span, "unknown-argument", message))
            continue
        value = evaluate(attribute.expr, scope)
        where = f"module.{name} argument, {attribute.name_span.file}:{attribute.name_span.line}"
        try:
            value = convert_to(value, variable.spec)
        except TypeMismatch as exc:
            message = f'invalid value for variable "{attribute.name}" ({where}): {exc}'
            found.append(diagnostic(attribute.name_span, "invalid-variable-value", message))
            continue
        values[attribute.name] = Named(f"var.{attribute.name}", value, where, attribute.name_span)
    given = {a.name for a in block.body.attributes}
    for variable in declared.values():
        if variable.name not in given and variable.block.body.attribute("default") is None:
            message = (
                f'module "{name}" needs argument "{variable.name}": the variable has no default'
            )
            found.append(diagnostic(block.span, "missing-argument", message))
    return values, found
