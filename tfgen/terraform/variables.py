"""Values of a root module's input variables, from every source Terraform reads, in its order.

Lowest to highest: the `variable` default, `TF_VAR_name` in the environment,
`terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then
`--var-file` and `--var` in the order given on the command line (later wins).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tfgen.codes import diagnostic as _problem
from tfgen.codes import unreadable
from tfgen.diagnostics import COMMAND_LINE as CLI_SOURCE
from tfgen.diagnostics import ENVIRONMENT, Diagnostic, Span
from tfgen.support.limits import MAX_TERRAFORM_FILE
from tfgen.terraform.constants import constant
from tfgen.terraform.evaluate import Named
from tfgen.terraform.expr import Expr
from tfgen.terraform.model import Block, Module
from tfgen.terraform.parse.source import ParseFailure, read_text
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import ANY, TypeMismatch, convert_to, parse_type
from tfgen.terraform.values import UNKNOWN, quote
from tfgen.terraform.variable_sources import VariableSources

COMMAND_LINE = "<command line>"


@dataclass(frozen=True)
class Declared:
    name: str
    spec: TypeSpec
    block: Block


@dataclass(frozen=True)
class _Candidate:
    """One source's value for one variable, before conversion to the declared type."""

    name: str
    value: object
    origin: str
    span: Span
    from_text: bool = False  # TF_VAR_ and --var: a string, parsed only for complex types


@dataclass
class VariableValues:
    values: dict[str, Named]
    problems: list[Diagnostic]


def declared_variables(module: Module) -> dict[str, Declared]:
    found: dict[str, Declared] = {}
    for block in module.blocks("variable"):
        if block.labels:
            type_attr = block.body.attribute("type")
            spec = parse_type(type_attr.expr, _constant) if type_attr else ANY
            found.setdefault(block.labels[0], Declared(block.labels[0], spec, block))
    return found


def _constant(expression: Expr) -> object:
    """An optional attribute's default: a constant (where it is not, unknown)."""
    return constant(expression, [])


def resolve_variables(
    module: Module, sources: VariableSources, root: bool = True
) -> VariableValues:
    declared = declared_variables(module)
    problems: list[Diagnostic] = []
    chosen: dict[str, _Candidate] = {}
    layers = [_defaults(declared, problems)]
    if root:
        layers += [
            _environment(sources.environ, declared),
            _module_files(module.directory, problems),
            _command_line(sources, problems),
        ]
    for layer in layers:
        for candidate in layer:
            if candidate.name in declared:
                chosen[candidate.name] = candidate
            elif candidate.origin != COMMAND_LINE:
                problems.append(
                    _problem(
                        candidate.span,
                        "undeclared-variable",
                        f'a value is given for undeclared variable "{candidate.name}"',
                    )
                )
    values = {name: _converted(declared[name], c, problems) for name, c in chosen.items()}
    for name in declared:
        values.setdefault(name, Named(f"var.{name}", UNKNOWN))
    return VariableValues(values, problems)


def undeclared_cli_vars(sources: VariableSources, declared_anywhere: set[str]) -> list[Diagnostic]:
    """A `--var` no module declares: an error, as Terraform makes it."""
    return [
        _problem(
            Span.outside(COMMAND_LINE, CLI_SOURCE),
            "unknown-cli-variable",
            f"--var {quote(text)} sets a variable that no module declares",
        )
        for kind, text in sources.ordered
        if kind == "var" and text.partition("=")[0].strip() not in declared_anywhere
    ]


def _converted(declared: Declared, candidate: _Candidate, problems: list[Diagnostic]) -> Named:
    value = candidate.value
    if candidate.from_text and declared.spec.kind in ("list", "set", "map", "object", "tuple"):
        value = _parse_text(str(value), candidate.span, problems)
    try:
        value = convert_to(value, declared.spec)
    except TypeMismatch as exc:
        problems.append(
            _problem(
                candidate.span,
                "invalid-variable-value",
                f'invalid value for variable "{declared.name}" ({candidate.origin}): {exc}',
            )
        )
        value = UNKNOWN
    return Named(f"var.{declared.name}", value, candidate.origin, candidate.span)


def _parse_text(text: str, span: Span, problems: list[Diagnostic]) -> object:
    from tfgen.terraform.parse.hcl import parse_expression

    try:
        return constant(parse_expression(text, span), problems)
    except ParseFailure:
        return UNKNOWN


def _defaults(declared: dict[str, Declared], problems: list[Diagnostic]) -> Iterator[_Candidate]:
    for variable in declared.values():
        default = variable.block.body.attribute("default")
        if default is not None:
            span = default.name_span
            yield _Candidate(
                variable.name,
                constant(default.expr, problems),
                f"default at {span.file}:{span.line}",
                span,
            )


def _environment(environ: Mapping[str, str], declared: dict[str, Declared]) -> Iterator[_Candidate]:
    for name in declared:
        key = f"TF_VAR_{name}"
        if key in environ:
            span = Span.outside(key, ENVIRONMENT)
            yield _Candidate(name, environ[key], key, span, from_text=True)


def _module_files(directory: str, problems: list[Diagnostic]) -> Iterator[_Candidate]:
    folder = Path(directory)
    names = ["terraform.tfvars", "terraform.tfvars.json"]
    autos = sorted(
        p.name
        for p in folder.glob("*.auto.tfvars*")
        if p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))
    )
    for name in [*names, *autos]:
        path = os.path.normpath(os.path.join(directory, name))
        if os.path.isfile(path):
            yield from _var_file(path, problems)


def _command_line(sources: VariableSources, problems: list[Diagnostic]) -> Iterator[_Candidate]:
    for kind, text in sources.ordered:
        if kind == "var-file":
            yield from _var_file(text, problems)
            continue
        name, _, value = text.partition("=")
        yield _Candidate(
            name.strip(),
            value,
            COMMAND_LINE,
            Span.outside(COMMAND_LINE, CLI_SOURCE),
            from_text=True,
        )


def _var_file(path: str, problems: list[Diagnostic]) -> Iterator[_Candidate]:
    try:
        attributes = _read_var_file(path, problems)
    except ParseFailure as exc:
        problems.append(_problem(Span.point(path, exc.line, exc.column), exc.code, exc.message))
        return
    except OSError as exc:
        problems.append(unreadable(path, exc))
        return
    for name, value, span in attributes:
        yield _Candidate(name, value, f"{path}:{span.line}", span)


def _read_var_file(path: str, problems: list[Diagnostic]) -> list[tuple[str, object, Span]]:
    text = read_text(Path(path), MAX_TERRAFORM_FILE)
    if path.endswith(".json"):
        from tfgen.terraform.parse.jsonpos import JsonMember, JsonSyntaxError, parse, to_python

        try:
            root = parse(text)
        except JsonSyntaxError as exc:
            raise ParseFailure(exc.message, exc.line, exc.column, exc.code) from None
        if root.kind != "object" or not isinstance(root.value, list):
            raise ParseFailure("a .tfvars.json file must hold one JSON object", 1, 1)
        return [
            (
                m.key,
                to_python(m.value),
                Span(path, m.key_start.line, m.key_start.column, m.key_end.line, m.key_end.column),
            )
            for m in root.value
            if isinstance(m, JsonMember)
        ]
    from tfgen.terraform.parse.hcl import parse_hcl

    body = parse_hcl(text, path).body
    if body.blocks:
        block = body.blocks[0]
        raise ParseFailure(
            f'blocks are not allowed in a variables file ("{block.type}")',
            block.span.line,
            block.span.column,
        )
    return [(a.name, constant(a.expr, problems), a.span) for a in body.attributes]
