"""A block's arguments checked against its JSON Schema, each finding placed in the source."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tfgen.checks.convert import convert, resolve
from tfgen.checks.locate import locate
from tfgen.checks.schema_errors import Finding, findings, fixed_path
from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic, Fix
from tfgen.terraform import expr as ex
from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.model import Attribute, Block
from tfgen.terraform.values import quote, type_name

Schema = Mapping[str, Any]
_MAX_SOURCES = 3  # keep the message on one readable line


@dataclass
class _Arguments:
    """One block's evaluated arguments, and how to talk about them."""

    block: Block
    schema: Schema
    attributes: dict[str, Attribute]
    raw: dict[str, object]  # values before Terraform's conversions, for messages
    sources: dict[str, list[Named]]  # the variables and locals each value came from
    top: str = "argument"

    def label(self, path: list[Any]) -> str:
        """`output_expires_after.seconds`, `metadata["team"]`: as the user would write it."""
        fixed = fixed_path(self.schema, path)
        return ".".join(map(str, fixed)) + "".join(
            f"[{quote(step)}]" for step in path[len(fixed) :]
        )

    def shown(self, value: object, path: list[Any]) -> str:
        """The value as Terraform sends it, and as written when conversion changed its type."""
        original: Any = self.raw
        for step in path:
            original = original.get(step) if isinstance(original, dict) else None
        text = quote(value)
        if original is not None and type_name(original) != type_name(value):
            text += f" (converted from {type_name(original)} {quote(original)})"
        return text

    def diagnostic(self, finding: Finding) -> Diagnostic:
        name = finding.path[0] if finding.path else None
        attribute = self.attributes.get(name) if isinstance(name, str) else None
        span = locate(attribute, finding.path[1:]) if attribute else self.block.span
        message = finding.message
        used = self.sources.get(name, []) if isinstance(name, str) else []
        if used:
            message += "; from " + ", ".join(n.describe() for n in used[:_MAX_SOURCES])
        fixed = fixed_path(self.schema, finding.attribute)
        named = ".".join(map(str, fixed or finding.attribute[:1])) or None
        found = diagnostic(span, finding.code, message, self.block.address, named)
        edit = _fix(finding, attribute) if attribute is not None else None
        return dataclasses.replace(found, fix=edit) if edit else found


def _fix(finding: Finding, attribute: Attribute) -> Fix | None:
    """The edit a "did you mean" asks for, where it is one token written in this block: an
    argument's name, or a string literal given as the whole value."""
    if finding.suggestion is None or len(finding.path) != 1:
        return None
    in_json = attribute.name_span.file.endswith(".json")

    def written(text: str) -> str:
        return json.dumps(text, ensure_ascii=False) if in_json else text

    if finding.code == "unknown-argument":
        return Fix(attribute.name_span, written(attribute.name), written(finding.suggestion))
    expr = attribute.expr
    if isinstance(expr, ex.Literal) and isinstance(expr.value, str):
        quoted = json.dumps if in_json else lambda text: f'"{text}"'
        return Fix(expr.span, quoted(expr.value), quoted(finding.suggestion))
    return None


def check_arguments(block: Block, schema: Schema, scope: Scope) -> list[Diagnostic]:
    attributes: dict[str, Attribute] = {}
    for attribute in block.body.attributes:
        attributes.setdefault(attribute.name, attribute)
    props = schema.get("properties", {})
    raw: dict[str, object] = {}
    sources: dict[str, list[Named]] = {}
    for name, attribute in attributes.items():
        if resolve(props.get(name, {}), schema).get("x-tfgen-meta"):
            # Meta-arguments are Terraform's business, not the provider's: the name is set, and
            # its schema takes any value, so a plain null keeps the quick check usable.
            raw[name] = None
            continue
        with scope.tracing() as used:
            value = evaluate(attribute.expr, scope)
        sources[name] = used
        if value is not None:  # null means "not set", as in Terraform
            raw[name] = value
    arguments = _Arguments(block, schema, attributes, raw, sources)
    instance = convert(raw, schema, schema)
    return [arguments.diagnostic(f) for f in findings(schema, instance, arguments)]
