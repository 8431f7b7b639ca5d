"""A block's arguments checked against its JSON Schema, each error mapped to a Diagnostic.

The rules are the schema's; this module only knows how to phrase each JSON Schema keyword
as a one-line message and where in the source the offending value sits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from tfgen.check.locate import attribute_span, locate
from tfgen.codes import severity_of
from tfgen.convert import convert, resolve
from tfgen.diagnostics import Diagnostic, Severity
from tfgen.evaluate import Scope, evaluate
from tfgen.model import Attribute, Block
from tfgen.suggest import did_you_mean
from tfgen.values import UNKNOWN, render, type_name

Schema = Mapping[str, Any]
ADVISE = "x-tfgen-advise"


def _advise(validator: Any, advice: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """A recommendation, reported as a warning: the API accepts the value, but it looks wrong."""
    # An empty value already fails minLength; advice on it would only repeat that.
    if isinstance(instance, str) and instance and not re.search(advice["pattern"], instance):
        yield ValidationError(advice["message"])


_Validator = validators.extend(Draft202012Validator, {ADVISE: _advise})


_VALIDATORS: dict[int, Any] = {}


def _validator(schema: Schema) -> Any:
    # Schemas are loaded once per process, so their identity is a safe cache key.
    if id(schema) not in _VALIDATORS:
        _VALIDATORS[id(schema)] = _Validator(schema)
    return _VALIDATORS[id(schema)]


@dataclass
class _Context:
    block: Block
    schema: Schema
    attributes: dict[str, Attribute]
    raw: dict[str, object]


def check_arguments(block: Block, schema: Schema, scope: Scope) -> list[Diagnostic]:
    attributes: dict[str, Attribute] = {}
    for attribute in block.body.attributes:
        attributes.setdefault(attribute.name, attribute)
    props = schema.get("properties", {})
    raw: dict[str, object] = {}
    for name, attribute in attributes.items():
        if resolve(props.get(name, {}), schema).get("x-tfgen-meta"):
            raw[name] = UNKNOWN  # meta-arguments are Terraform's business, not the provider's
            continue
        value = evaluate(attribute.expr, scope)
        if value is not None:  # null means "not set", as in Terraform
            raw[name] = value
    instance = convert(raw, schema, schema)
    context = _Context(block, schema, attributes, raw)
    validator = _validator(schema)
    found: dict[Diagnostic, None] = {}  # jsonschema repeats some findings (one per missing key)
    for error in validator.iter_errors(instance):
        found.update(dict.fromkeys(_diagnose(error, context)))
    return list(found)


def _diagnose(error: ValidationError, ctx: _Context) -> Iterator[Diagnostic]:
    if error.instance is UNKNOWN and error.validator != "not":
        return  # never an error on a value Terraform only knows later
    path = list(error.absolute_path)
    handler = _KEYWORDS.get(str(error.validator), _generic)
    yield from handler(error, ctx, path)


def _make(ctx: _Context, code: str, message: str, path: list[Any],
          attribute: str | None = None, severity: Severity | None = None) -> Diagnostic:
    name = path[0] if path else None
    attr = ctx.attributes.get(name) if isinstance(name, str) else None
    span = locate(attr, path[1:]) if attr else ctx.block.span
    return Diagnostic(span, severity or severity_of(code), code, message, ctx.block.address,
                      attribute if attribute is not None else _attribute_path(ctx.schema, path))


def _attribute_path(schema: Schema, path: list[Any]) -> str | None:
    """Dotted path of fixed attribute names; a map's keys are not part of it."""
    names: list[str] = []
    node = schema
    for step in path:
        props = resolve(node, schema).get("properties", {})
        if step not in props:
            break
        names.append(str(step))
        node = props[step]
    return ".".join(names) or None


def _label(ctx: _Context, path: list[Any]) -> str:
    """`output_expires_after.seconds`, `metadata["team"]`: how the user would write the path."""
    fixed = _attribute_path(ctx.schema, path) or ""
    depth = fixed.count(".") + 1 if fixed else 0
    return fixed + "".join(f"[{render(step)}]" for step in path[depth:])


def _code(error: ValidationError, fallback: str) -> str:
    return str(error.schema.get("x-tfgen-code", fallback)) if isinstance(error.schema, dict) \
        else fallback


def _shown(value: object, ctx: _Context, path: list[Any]) -> str:
    """The value as Terraform sends it, and as written when conversion changed its type."""
    original: Any = ctx.raw
    for step in path:
        original = original.get(step) if isinstance(original, dict) else None
    text = render(value)
    if original is not None and type_name(original) != type_name(value):
        text += f" (converted from {type_name(original)} {render(original)})"
    return text


def _required(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    missing = [k for k in error.validator_value if k not in error.instance]
    for key in missing:
        if path:
            message = f'{_label(ctx, path)} is missing required key "{key}"'
        else:
            message = f'missing required argument "{key}"'
        yield _make(ctx, "missing-argument", message, path, _attribute_path(ctx.schema, [*path, key]))


def _additional(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    allowed = [k for k, v in resolve(error.schema, ctx.schema).get("properties", {}).items()
               if not resolve(v, ctx.schema).get("readOnly")]
    for key in error.instance:
        if key in allowed or key in error.schema.get("properties", {}):
            continue
        where = f"{_label(ctx, path)} has no key" if path else "unsupported argument"
        message = f'{where} "{key}"{did_you_mean(key, allowed)}'
        if path:
            message += f" (allowed: {', '.join(allowed)})"
        yield _make(ctx, "unknown-argument", message, [*path, key], ".".join([*map(str, path), key]))


def _computed(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    yield _make(ctx, _code(error, "computed-attribute"),
                f'"{path[-1]}" is computed by the provider and cannot be set', path)


def _enum(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    value = error.instance
    listing = ", ".join(render(a) for a in allowed)
    message = f"{_label(ctx, path)} is {_shown(value, ctx, path)}; "
    if len(allowed) == 1:
        message += f"only {listing} is allowed"
    else:
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        message += f"{hint[2:]} (allowed: {listing})" if hint else f"allowed: {listing}"
    yield _make(ctx, _code(error, "invalid-value"), message, path)


def _type(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    wanted = {"string": "a string", "integer": "a whole number", "number": "a number",
              "object": "a map or object", "boolean": "a bool"}.get(str(error.validator_value),
                                                                    str(error.validator_value))
    label = _label(ctx, path) or "value"
    message = f"{label} must be {wanted}, got {type_name(error.instance)} {render(error.instance)}"
    yield _make(ctx, "invalid-type", message, path)


def _length(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    value = error.instance
    limit = error.validator_value
    if "propertyNames" in error.relative_schema_path:
        # jsonschema reports a bad key at its parent's path; point at the key itself.
        label, where = f"{_label(ctx, path)} key {render(_clip(value))}", [*path, value]
    else:
        label, where = _label(ctx, path), path
    if error.validator == "minLength":
        message = f"{label} must not be empty" if limit == 1 else f"{label} is shorter than {limit}"
    else:
        message = f"{label} is {len(value)} characters; at most {limit} allowed"
    yield _make(ctx, _code(error, "invalid-value"), message, where,
                _attribute_path(ctx.schema, path))


def _count(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    noun = error.schema.get("x-tfgen-noun", "entry")
    count = len(error.instance)
    message = f"{_label(ctx, path)} has {count} {noun}s; at most {error.validator_value} allowed"
    yield _make(ctx, _code(error, "invalid-value"), message, path)


def _range(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    bounds = f"from {low} to {high}" if low is not None and high is not None else \
        (f"at least {low}" if low is not None else f"at most {high}")
    message = f"{_label(ctx, path)} is {_shown(error.instance, ctx, path)}; must be {bounds}"
    yield _make(ctx, _code(error, "invalid-value"), message, path)


def _advice(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    advice = error.validator_value
    message = f"{_label(ctx, path)} {render(error.instance)} {advice['message']}"
    yield _make(ctx, advice["code"], message, path)


def _generic(error: ValidationError, ctx: _Context, path: list[Any]) -> Iterator[Diagnostic]:
    yield _make(ctx, _code(error, "invalid-value"), f"{_label(ctx, path)}: {error.message}", path)


def _clip(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "..."


_KEYWORDS: dict[str, Callable[[ValidationError, _Context, list[Any]], Iterator[Diagnostic]]] = {
    "required": _required,
    "additionalProperties": _additional,
    "not": _computed,
    "enum": _enum,
    "const": _enum,
    "type": _type,
    "minLength": _length,
    "maxLength": _length,
    "maxProperties": _count,
    "minimum": _range,
    "maximum": _range,
    ADVISE: _advice,
}
