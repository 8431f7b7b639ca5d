"""Hover on an argument of a checked block: the value tfgen resolved and where it came from.

The module is read as the editor holds it and evaluated as a root module (its variables from
their defaults, its tfvars files and TF_VAR_ variables); with count or for_each, each instance's
value is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from tfgen.diagnostics import Span
from tfgen.support.files import unsaved
from tfgen.terraform.evaluate import Named
from tfgen.terraform.model import Attribute, Block, Body, SourceFile

MAX_INSTANCES_SHOWN = 10


@dataclass(frozen=True)
class Hover:
    text: str  # Markdown
    span: Span  # the argument, name to value


def hover_at(path: str, line: int, column: int, buffers: Mapping[str, bytes]) -> Hover | None:
    """The hover of the argument at (line, column), 1-based, of a Terraform file."""
    from tfgen.checks.instances import instances
    from tfgen.support.limits import deep_recursion
    from tfgen.terraform.evaluate import evaluate
    from tfgen.terraform.module_reader import parse_module, read_all
    from tfgen.terraform.modules import module_files
    from tfgen.terraform.scope import module_scope
    from tfgen.terraform.variable_sources import VariableSources
    from tfgen.terraform.variables import resolve_variables

    path = os.path.abspath(path)
    with unsaved(buffers), deep_recursion():
        directory = os.path.dirname(path)
        contents, _ = read_all(module_files(directory, []))
        module, _ = parse_module(directory, contents)
        found = _argument_at(module.files, path, line, column)
        if found is None:
            return None
        block, attribute = found
        variables = resolve_variables(module, VariableSources((), dict(os.environ)))
        scope = module_scope(module, variables.values)
        sent = _conversion(block, attribute)
        shown = []
        for instance in instances(block, scope)[:MAX_INSTANCES_SHOWN]:
            with instance.scope.tracing() as used:
                value = evaluate(attribute.expr, instance.scope)
            shown.append(_Shown(block.address + instance.key, value, sent(value), list(used)))
    # Origins in the module's own folder are named as the user sees them there.
    text = _markdown(attribute.name, shown).replace(directory + os.sep, "")
    return Hover(text, attribute.span)


@dataclass(frozen=True)
class _Shown:
    address: str
    value: object
    sent: object  # after Terraform's conversion to the argument's type
    used: list[Named]


def _conversion(block: Block, attribute: Attribute) -> Callable[[object], object]:
    """What Terraform converts a value of this argument to (a nested one is left as is)."""
    from tfgen.checks.blocks import schema_for
    from tfgen.checks.convert import convert

    schema = schema_for(block) or {}
    prop = schema.get("properties", {}).get(attribute.name)
    if attribute not in block.body.attributes or prop is None:
        return lambda value: value
    return lambda value: convert(value, prop, schema)


def _argument_at(
    files: list[SourceFile], path: str, line: int, column: int
) -> tuple[Block, Attribute] | None:
    from tfgen.checks.blocks import schema_for

    for source in files:
        if os.path.abspath(source.path) != path:
            continue
        for block in source.body.blocks:
            if schema_for(block) is None:
                continue
            attribute = next(_containing(block.body, line, column), None)
            if attribute is not None:
                return block, attribute
    return None


def _containing(body: Body, line: int, column: int) -> Iterator[Attribute]:
    """The attributes of body, nested blocks included, whose span holds the position."""
    for attribute in body.attributes:
        span = attribute.span
        if (span.line, span.column) <= (line, column) < (span.end_line, span.end_column):
            yield attribute
    for nested in body.blocks:
        yield from _containing(nested.body, line, column)


def _markdown(name: str, shown: list[_Shown]) -> str:
    """One paragraph for a block, one list item per instance of several."""
    from tfgen.terraform.values import quote

    lines = []
    for item in shown:
        text = f"`{item.address}.{name}` = `{quote(item.value, 200)}`"
        if quote(item.sent, 200) != quote(item.value, 200):
            text += f", sent as `{quote(item.sent, 200)}`"
        origin = "from " + "; ".join(f"`{n.describe()}`" for n in item.used) if item.used else ""
        lines.append((text, origin))
    if len(lines) == 1:
        return "\n\n".join(part for part in lines[0] if part)
    return "\n".join(f"- {text}" + (f"; {origin}" if origin else "") for text, origin in lines)
