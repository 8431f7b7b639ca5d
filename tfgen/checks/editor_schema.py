"""A JSON Schema for a whole Terraform JSON document (`*.tf.json`), for editors.

The block schemas (`schemas/resource.schema.json`...) describe one block's arguments after
Terraform's conversions, so an editor cannot bind them to a file. This one places each under
its block type and name (`resource.openai_batch.NAME`, a block body or a list of them, as
Terraform's JSON syntax allows), leaves every other block type open, and takes a `${...}`
string wherever a value stands: Terraform evaluates it, and `tfgen validate` checks the result.
It is built from the block schemas when asked for, so it never says anything they do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tfgen.checks.convert import resolve
from tfgen.checks.schemas import block_schemas

_ID = "https://github.com/tfgen/tfgen/schemas/terraform-json.schema.json"
_EXPRESSION = {"type": "string", "pattern": "\\$\\{"}
_NUMERIC = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"
_NAMED = ("properties", "$defs")
_ONE = ("additionalProperties", "items", "propertyNames")


def terraform_json_schema() -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {}
    defs: dict[str, Any] = {}
    for (kind, type_name), schema in sorted(block_schemas().items()):
        name = f"{kind}.{type_name}"
        defs[name] = _block(schema, f"#/$defs/{name}")
        body = {"$ref": f"#/$defs/{name}"}
        named = {"anyOf": [body, {"type": "array", "items": body}]}
        kinds.setdefault(kind, {})[type_name] = {"type": "object", "additionalProperties": named}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _ID,
        "title": "Terraform JSON configuration (openai_batch and openai_file blocks)",
        "description": (
            "Made by `tfgen schema terraform-json` from tfgen's block schemas. Other block "
            'types are left open; a "${...}" string is taken wherever a value is.'
        ),
        "type": "object",
        "properties": {
            kind: {"type": "object", "properties": types} for kind, types in kinds.items()
        },
        "$defs": defs,
    }


def _block(schema: dict[str, Any], base: str) -> dict[str, Any]:
    """The block schema with its references moved under base, "//" comments and its nested
    blocks allowed, and an expression string accepted for every argument."""
    body = _rewritten(schema, schema, base)
    body.pop("$schema", None)
    body.pop("$id", None)
    extra: dict[str, Any] = {name: {} for name in ["//", *schema.get("x-tfgen-blocks", [])]}
    body["properties"] = {**body.get("properties", {}), **extra}
    return dict(body)


def _rewritten(schema: Any, root: dict[str, Any], base: str) -> Any:
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
            out[key] = base + value[1:]
        elif key in _NAMED and isinstance(value, dict):
            wrap = key == "properties"
            out[key] = {n: _value(sub, root, base, wrap) for n, sub in value.items()}
        elif key in _ONE and isinstance(value, dict):
            out[key] = _value(value, root, base, key != "propertyNames")
        else:
            out[key] = value
    return out


def _value(schema: Any, root: dict[str, Any], base: str, wrap: bool) -> Any:
    """A value's schema, taking an expression too; not where no value may be set at all (a
    computed attribute: an expression there is still an error)."""
    rewritten = _rewritten(schema, root, base)
    if not wrap or not isinstance(schema, dict):
        return rewritten
    target = resolve(schema, root)
    if "not" in target:
        return rewritten
    return {"anyOf": [rewritten, _EXPRESSION, *_converted(target)]}


def _converted(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What Terraform converts to the schema's type before the provider sees it (see
    checks/convert.py): `retries = 3` in a map of strings is "3", `"3600"` a number. A string
    with allowed values stays strict: no number converts to one of them."""
    kind = schema.get("type")
    if kind == "string" and not {"enum", "const", "pattern"} & set(schema):
        return [{"type": ["number", "boolean"]}]
    if kind in ("integer", "number"):
        return [{"type": "string", "pattern": _NUMERIC}]
    if kind == "boolean":
        return [{"enum": ["true", "false"]}]
    return []
