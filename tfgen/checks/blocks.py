"""Checking a loaded module: every checked block against its schema, plus structure rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from tfgen.checks.arguments import check_arguments
from tfgen.checks.instances import instances
from tfgen.checks.schemas import block_schemas
from tfgen.checks.structure import (
    count_and_for_each,
    duplicate_attributes,
    duplicate_blocks,
    nested_blocks,
    provider_aliases,
    undeclared_provider,
)
from tfgen.checks.uploads import check_input_files
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.evaluate import Scope
from tfgen.terraform.model import Block, Module
from tfgen.terraform.module_values import evaluate_module, findings

Schema = Mapping[str, Any]


def schema_for(block: Block) -> Schema | None:
    if block.type not in ("resource", "data") or not block.labels:
        return None
    return block_schemas().get((block.type, block.labels[0]))


def checked_blocks(module: Module) -> list[tuple[Block, Schema]]:
    found = []
    for source in module.files:
        for block in source.body.blocks:
            schema = schema_for(block)
            if schema is not None:
                found.append((block, schema))
    return found


def check_block(block: Block, schema: Schema, scope: Scope) -> list[Diagnostic]:
    found = list(duplicate_attributes(block))
    found.extend(nested_blocks(block, schema))
    found.extend(_instance_findings(block, schema, scope))
    return found


def _instance_findings(block: Block, schema: Schema, scope: Scope) -> list[Diagnostic]:
    per_instance = [
        (i.key, check_arguments(block, schema, i.scope)) for i in instances(block, scope)
    ]
    return merge_instances(per_instance, lambda address, key: f"{address}{key}")


def merge_instances(
    per_instance: list[tuple[str, list[Diagnostic]]], named: Callable[[str | None, str], str]
) -> list[Diagnostic]:
    """A finding every instance shares is reported once, on the block's own address; the
    others each on its instance's (named gives it from the address and the instance key)."""
    if not per_instance:
        return []
    shared = set.intersection(*(set(found) for _, found in per_instance))
    result = [
        dataclasses.replace(d, address=named(d.address, ""))
        for d in per_instance[0][1]
        if d in shared
    ]
    for key, found in per_instance:
        result.extend(
            dataclasses.replace(d, address=named(d.address, key)) for d in found if d not in shared
        )
    return result


def check_module(module: Module, scope: Scope) -> tuple[list[Diagnostic], int]:
    """Diagnostics for the module, and how many blocks were checked."""
    blocks = checked_blocks(module)
    found = list(duplicate_blocks(block for block, _ in blocks))
    aliases = provider_aliases(module)
    for block, schema in blocks:
        found.extend(count_and_for_each(block))
        if aliases is not None:
            found.extend(undeclared_provider(block, aliases))
        found.extend(check_block(block, schema, scope))
    found.extend(check_input_files(module, [b for b, _ in blocks if b.type == "resource"], scope))
    evaluate_module(module, scope)  # every local, output and validation, as Terraform does
    found.extend(findings(scope))
    return found, len(blocks)
