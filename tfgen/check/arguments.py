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

from tfgen.check.locate import locate
from tfgen.codes import severity_of
from tfgen.convert import convert, resolve
from tfgen.diagnostics import Diagnostic
from tfgen.evaluate import Named, Scope, evaluate
from tfgen.model import Attribute, Block
from tfgen.suggest import did_you_mean
from tfgen.values import UNKNOWN, render, type_name

Schema = Mapping[str, Any]
_MAX_SOURCES = 3  # keep the message on one readable line
ADVISE = "x-tfgen-advise"


def _advise(validator: Any, advice: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """A recommendation, reported as a warning: the API accepts the value, but it looks wrong."""
    # An empty value already fails minLength; advice on it would only repeat that.
    if isinstance(instance, str) and instance and not re.search(advice["pattern"], instance):
        yield ValidationError(advice["message"])


_Validator = validators.extend(Draft202012Validator, {ADVISE: _advise})  # type: ignore[no-untyped-call]
_VALIDATORS: dict[int, Any] = {}


def _validator(schema: Schema) -> Any:
    # Schemas are loaded once per process, so their identity is a safe cache key.
    if id(schema) not in _VALIDATORS:
        _VALIDATORS[id(schema)] = _Validator(schema)
    return _VALIDATORS[id(schema)]


@dataclass(frozen=True)
class _Error:
    """The parts of a jsonschema error that a message needs, with usable types."""

    keyword: str
    expected: Any  # the keyword's value in the schema
    instance: Any
    schema: Schema  # the subschema holding the keyword
    path: list[Any]  # from the block's arguments down to the offending value
    on_key: bool  # raised by propertyNames: the instance is a key, not a value
    message: str

    @classmethod
    def of(cls, error: ValidationError) -> _Error:
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        return cls(
            str(error.validator),
            error.validator_value,
            error.instance,
            schema,
            list(error.absolute_path),
            "propertyNames" in error.relative_schema_path,
            error.message,
        )

    @property
    def code(self) -> str:
        return str(self.schema.get("x-tfgen-code", "invalid-value"))


@dataclass
class _Context:
    block: Block
    schema: Schema
    attributes: dict[str, Attribute]
    raw: dict[str, object]  # values before Terraform's conversions, for messages
    sources: dict[str, list[Named]]  # the variables and locals each argument's value came from


def check_arguments(block: Block, schema: Schema, scope: Scope) -> list[Diagnostic]:
    attributes: dict[str, Attribute] = {}
    for attribute in block.body.attributes:
        attributes.setdefault(attribute.name, attribute)
    props = schema.get("properties", {})
    raw: dict[str, object] = {}
    sources: dict[str, list[Named]] = {}
    for name, attribute in attributes.items():
        if resolve(props.get(name, {}), schema).get("x-tfgen-meta"):
            raw[name] = UNKNOWN  # meta-arguments are Terraform's business, not the provider's
            continue
        with scope.tracing() as used:
            value = evaluate(attribute.expr, scope)
        sources[name] = used
        if value is not None:  # null means "not set", as in Terraform
            raw[name] = value
    context = _Context(block, schema, attributes, raw, sources)
    found: dict[Diagnostic, None] = {}  # jsonschema repeats some findings (one per missing key)
    for error in _validator(schema).iter_errors(convert(raw, schema, schema)):
        found.update(dict.fromkeys(_diagnose(_Error.of(error), context)))
    return list(found)


def _diagnose(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    if error.instance is UNKNOWN and error.keyword != "not":
        return  # never an error on a value Terraform only knows later
    yield from _KEYWORDS.get(error.keyword, _generic)(error, ctx)


def _make(
    ctx: _Context, code: str, message: str, path: list[Any], attribute: str | None = None
) -> Diagnostic:
    name = path[0] if path else None
    attr = ctx.attributes.get(name) if isinstance(name, str) else None
    span = locate(attr, path[1:]) if attr else ctx.block.span
    used = ctx.sources.get(name, []) if isinstance(name, str) else []
    if used:
        message += "; from " + ", ".join(n.describe() for n in used[:_MAX_SOURCES])
    return Diagnostic(
        span,
        severity_of(code),
        code,
        message,
        ctx.block.address,
        attribute if attribute is not None else _attribute_path(ctx.schema, path),
    )


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


def _shown(value: object, ctx: _Context, path: list[Any]) -> str:
    """The value as Terraform sends it, and as written when conversion changed its type."""
    original: Any = ctx.raw
    for step in path:
        original = original.get(step) if isinstance(original, dict) else None
    text = render(value)
    if original is not None and type_name(original) != type_name(value):
        text += f" (converted from {type_name(original)} {render(original)})"
    return text


Handler = Callable[[_Error, _Context], Iterator[Diagnostic]]


def _required(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    for key in (k for k in error.expected if k not in error.instance):
        if error.path:
            message = f'{_label(ctx, error.path)} is missing required key "{key}"'
        else:
            message = f'missing required argument "{key}"'
        yield _make(
            ctx,
            "missing-argument",
            message,
            error.path,
            _attribute_path(ctx.schema, [*error.path, key]),
        )


def _additional(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    props = error.schema.get("properties", {})
    allowed = [k for k, v in props.items() if not resolve(v, ctx.schema).get("readOnly")]
    for key in (k for k in error.instance if k not in props):
        path = error.path
        if path:
            message = (
                f'{_label(ctx, path)} has no key "{key}"{did_you_mean(key, allowed)}'
                f" (allowed: {', '.join(allowed)})"
            )
        else:
            message = f'unsupported argument "{key}"{did_you_mean(key, allowed)}'
        yield _make(
            ctx, "unknown-argument", message, [*path, key], ".".join([*map(str, path), key])
        )


def _computed(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    message = f'"{error.path[-1]}" is computed by the provider and cannot be set'
    yield _make(ctx, error.code, message, error.path)


def _enum(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    allowed = error.expected if error.keyword == "enum" else [error.expected]
    listing = ", ".join(render(a) for a in allowed)
    message = f"{_label(ctx, error.path)} is {_shown(error.instance, ctx, error.path)}; "
    if len(allowed) == 1:
        message += f"only {listing} is allowed"
    else:
        hint = did_you_mean(error.instance, allowed) if isinstance(error.instance, str) else ""
        message += f"{hint[2:]} (allowed: {listing})" if hint else f"allowed: {listing}"
    yield _make(ctx, error.code, message, error.path)


_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "object": "a map or object",
    "boolean": "a bool",
}


def _type(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    wanted = _TYPE_WORDS.get(str(error.expected), str(error.expected))
    message = (
        f"{_label(ctx, error.path) or 'value'} must be {wanted}, "
        f"got {type_name(error.instance)} {render(error.instance)}"
    )
    yield _make(ctx, "invalid-type", message, error.path)


def _length(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    label, where = _label(ctx, error.path), error.path
    if error.on_key:
        # jsonschema reports a bad key at its parent's path; point at the key itself.
        label, where = f"{label} key {render(error.instance, 24)}", [*error.path, error.instance]
    if error.keyword == "minLength":
        message = (
            f"{label} must not be empty"
            if error.expected == 1
            else f"{label} is shorter than {error.expected} characters"
        )
    else:
        message = f"{label} is {len(error.instance)} characters; at most {error.expected} allowed"
    yield _make(ctx, error.code, message, where, _attribute_path(ctx.schema, error.path))


def _count(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    noun = error.schema.get("x-tfgen-noun", "entry")
    message = (
        f"{_label(ctx, error.path)} has {len(error.instance)} {noun}s; "
        f"at most {error.expected} allowed"
    )
    yield _make(ctx, error.code, message, error.path)


def _range(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    if low is not None and high is not None:
        bounds = f"from {low} to {high}"
    else:
        bounds = f"at least {low}" if low is not None else f"at most {high}"
    message = (
        f"{_label(ctx, error.path)} is {_shown(error.instance, ctx, error.path)}; must be {bounds}"
    )
    yield _make(ctx, error.code, message, error.path)


def _advice(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    message = f"{_label(ctx, error.path)} {render(error.instance)} {error.expected['message']}"
    yield _make(ctx, error.expected["code"], message, error.path)


def _generic(error: _Error, ctx: _Context) -> Iterator[Diagnostic]:
    yield _make(ctx, error.code, f"{_label(ctx, error.path)}: {error.message}", error.path)


_KEYWORDS: dict[str, Handler] = {
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
