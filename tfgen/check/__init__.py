"""Checking a loaded module: every checked block against its schema, plus structure rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tfgen.check.arguments import check_arguments
from tfgen.check.structure import duplicate_attributes, duplicate_blocks, nested_blocks
from tfgen.diagnostics import Diagnostic
from tfgen.evaluate import Scope
from tfgen.model import Block, Module
from tfgen.resources import block_schemas

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
    found.extend(check_arguments(block, schema, scope))
    return found


def check_module(module: Module) -> tuple[list[Diagnostic], int]:
    """Diagnostics for the module, and how many blocks were checked."""
    blocks = checked_blocks(module)
    found = list(duplicate_blocks(block for block, _ in blocks))
    for block, schema in blocks:
        found.extend(check_block(block, schema, Scope()))
    return found, len(blocks)
