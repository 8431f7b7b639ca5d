"""Checks on the shape of blocks that no JSON Schema can see: repeats and block syntax."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from tfgen.checks.convert import resolve
from tfgen.checks.suggest import did_you_mean
from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic, Span
from tfgen.terraform.expr import GetAttr, Literal, Variable
from tfgen.terraform.model import Block, Module


def _diagnostic(
    span: Span, code: str, message: str, block: Block, attribute: str | None = None
) -> Diagnostic:
    return diagnostic(span, code, message, block.address, attribute)


def duplicate_attributes(block: Block) -> Iterator[Diagnostic]:
    seen: dict[str, Span] = {}
    for attribute in block.body.attributes:
        first = seen.setdefault(attribute.name, attribute.name_span)
        if first is not attribute.name_span:
            yield _diagnostic(
                attribute.name_span,
                "duplicate-attribute",
                f'argument "{attribute.name}" is already set at line {first.line}',
                block,
                attribute.name,
            )


def nested_blocks(block: Block, schema: Mapping[str, Any]) -> Iterator[Diagnostic]:
    if not block.body.blocks:
        return
    allowed_blocks = schema.get("x-tfgen-blocks", [])
    attributes = [
        k
        for k, v in schema.get("properties", {}).items()
        if not _is_meta_or_computed(resolve(v, schema))
    ]
    for nested in block.body.blocks:
        name = nested.labels[0] if nested.type == "dynamic" and nested.labels else nested.type
        if name in attributes:
            how = f'dynamic "{name}" block' if nested.type == "dynamic" else "block"
            message = f'"{name}" is an attribute: write {name} = {{ ... }}, not a {how}'
            yield _diagnostic(nested.span, "attribute-as-block", message, block, name)
        elif nested.type == "dynamic" or name not in allowed_blocks:
            hint = did_you_mean(name, [*allowed_blocks, *attributes])
            yield _diagnostic(
                nested.span,
                "unknown-block",
                f'blocks of type "{name}" are not expected here{hint}',
                block,
            )


def _is_meta_or_computed(schema: Mapping[str, Any]) -> bool:
    return bool(schema.get("x-tfgen-meta") or schema.get("readOnly"))


def duplicate_blocks(blocks: Iterable[Block]) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, tuple[str, ...]], Block] = {}
    for block in blocks:
        first = seen.setdefault((block.type, block.labels), block)
        if first is not block:
            where = f"{first.span.file}:{first.span.line}"
            yield _diagnostic(
                block.span,
                "duplicate-block",
                f"{block.address} is already defined at {where}",
                block,
            )


def count_and_for_each(block: Block) -> Iterator[Diagnostic]:
    """Terraform takes one of `count` and `for_each`, never both."""
    for_each = block.body.attribute("for_each")
    if for_each is not None and block.body.attribute("count") is not None:
        message = 'Invalid combination of "count" and "for_each": a block takes one of them'
        yield _diagnostic(for_each.name_span, "invalid-meta-argument", message, block, "for_each")


def undeclared_provider(block: Block, aliases: set[tuple[str, str]]) -> Iterator[Diagnostic]:
    """`provider = openai.secondary` needs a `provider "openai"` block with that alias."""
    provider = block.body.attribute("provider")
    expression = provider.expr if provider else None
    if not (isinstance(expression, GetAttr) and isinstance(expression.target, Variable)):
        return
    name, alias = expression.target.name, expression.name
    if (name, alias) not in aliases:
        message = (
            f'Provider configuration not present: no provider "{name}" block has alias = "{alias}"'
        )
        assert provider is not None
        yield _diagnostic(provider.name_span, "invalid-meta-argument", message, block, "provider")


def provider_aliases(module: Module) -> set[tuple[str, str]] | None:
    """The (provider, alias) pairs the module configures; None when its providers may come
    from a caller (`configuration_aliases`), which only the caller knows."""
    if any("configuration_aliases" in source.text for source in module.files):
        return None
    found = set()
    for block in module.blocks("provider"):
        alias = block.body.attribute("alias")
        value = alias.expr if alias else None
        if block.labels and isinstance(value, Literal) and isinstance(value.value, str):
            found.add((block.labels[0], value.value))
    return found
