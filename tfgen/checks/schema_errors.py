"""JSON Schema errors phrased as one-line findings, for any document tfgen checks.

The rules are the schema's; this module knows how to say each keyword's failure in words a
Terraform user reads, with "did you mean" and the allowed values. Where a finding points in
the source is the caller's business: Terraform blocks and YAML specs locate paths differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tfgen.checks.convert import resolve
from tfgen.checks.quick_schema import passes
from tfgen.checks.suggest import closest, did_you_mean
from tfgen.terraform.values import UNKNOWN, quote, type_name

if TYPE_CHECKING:
    from jsonschema import ValidationError

Schema = Mapping[str, Any]
ADVISE = "x-tfgen-advise"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    path: list[Any]  # the value (or key) the finding is about
    attribute: list[Any]  # the path the `attribute` field names (a missing key, say)
    suggestion: str | None = None  # the "did you mean": what the key or value should be


class Wording(Protocol):
    """How one kind of document names its paths and shows its values."""

    top: str  # what a top-level key is called: "argument", "key"

    def label(self, path: list[Any]) -> str: ...

    def shown(self, value: object, path: list[Any]) -> str: ...


def _ill_advised(advice: Any, instance: object) -> bool:
    """A recommendation, reported as a warning: the API accepts the value, but it looks wrong."""
    # An empty value already fails minLength; advice on it would only repeat that.
    return (
        isinstance(instance, str) and bool(instance) and not re.search(advice["pattern"], instance)
    )


# tfgen's own keywords, for validators other than jsonschema's.
KEYWORDS = {ADVISE: _ill_advised}


def _advise(validator: Any, advice: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if _ill_advised(advice, instance):
        from jsonschema import ValidationError

        yield ValidationError(advice["message"])


_VALIDATORS: dict[int, Any] = {}


def validator(schema: Schema) -> Any:
    # jsonschema is imported only here (about 70 ms): with the quick check, a run whose
    # blocks are all valid never needs it.
    from jsonschema import Draft202012Validator, validators

    # Schemas are loaded once per process, so their identity is a safe cache key.
    if id(schema) not in _VALIDATORS:
        extended = validators.extend(Draft202012Validator, {ADVISE: _advise})  # type: ignore[no-untyped-call]
        _VALIDATORS[id(schema)] = extended(schema)
    return _VALIDATORS[id(schema)]


def findings(schema: Schema, instance: object, wording: Wording) -> list[Finding]:
    if passes(schema, instance, KEYWORDS):
        return []  # most instances are valid: the phrased errors are worked out for the rest
    return explain(schema, instance, wording)


def explain(schema: Schema, instance: object, wording: Wording) -> list[Finding]:
    """Every finding on instance, phrased: what findings gives when the quick check fails."""
    found: dict[tuple[str, str, str], Finding] = {}
    for error in validator(schema).iter_errors(instance):
        for finding in _phrase(_Error.of(error), schema, wording):
            # jsonschema repeats some errors (one per missing key): keep each finding once.
            found.setdefault((finding.code, finding.message, repr(finding.path)), finding)
    return list(found.values())


@dataclass(frozen=True)
class _Error:
    """The parts of a jsonschema error that a message needs, with usable types."""

    keyword: str
    expected: Any  # the keyword's value in the schema
    instance: Any
    schema: Schema  # the subschema holding the keyword
    path: list[Any]
    on_key: bool  # raised by propertyNames: the instance is a key, not a value
    message: str
    branches: tuple[ValidationError, ...]  # for anyOf/oneOf: why each alternative failed

    @classmethod
    def of(cls, error: ValidationError) -> _Error:
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        on_key = "propertyNames" in error.relative_schema_path
        return cls(
            str(error.validator),
            error.validator_value,
            error.instance,
            schema,
            list(error.absolute_path),
            on_key,
            error.message,
            tuple(error.context or ()),
        )

    @property
    def code(self) -> str:
        return str(self.schema.get("x-tfgen-code", "invalid-value"))


def _phrase(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    if error.instance is UNKNOWN and error.keyword != "not":
        return  # never an error on a value Terraform only knows later
    yield from _KEYWORDS.get(error.keyword, _generic)(error, root, wording)


def fixed_path(schema: Schema, path: list[Any]) -> list[Any]:
    """The leading steps of path that are names (of a closed object); a map's keys are not."""
    names: list[Any] = []
    node = schema
    for step in path:
        current = resolve(node, schema)
        props = current.get("properties", {})
        if step in props:
            names.append(step)
            node = props[step]
            continue
        if current.get("additionalProperties") is False:
            names.append(step)  # an unknown name is still a name, not a map key
        break
    return names


Handler = Callable[[_Error, Schema, Wording], Iterator[Finding]]


def _required(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    for key in (k for k in error.expected if k not in error.instance):
        if error.path:
            message = f'{wording.label(error.path)} is missing required key "{key}"'
        else:
            message = f'missing required {wording.top} "{key}"'
        yield Finding("missing-argument", message, error.path, [*error.path, key])


def _additional(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    props = error.schema.get("properties", {})
    allowed = [k for k, v in props.items() if not resolve(v, root).get("readOnly")]
    for key in (k for k in error.instance if k not in props):
        hint = did_you_mean(key, allowed)
        if error.path:
            # Terraform converts an object to the attribute's type and drops the extra key
            # without a word: not an error, but almost always a typo.
            message = (
                f"{wording.label(error.path)} has no key {quote(key)}{hint}: Terraform "
                f"ignores it (allowed: {', '.join(allowed)})"
            )
            code = "ignored-object-key"
        else:
            message, code = f"unsupported {wording.top} {quote(key)}{hint}", "unknown-argument"
        suggestion = closest(key, allowed) if hint else None
        yield Finding(code, message, [*error.path, key], [*error.path, key], suggestion)


def _computed(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    message = f'"{error.path[-1]}" is computed by the provider and cannot be set'
    yield Finding(error.code, message, error.path, error.path)


def _enum(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    allowed = error.expected if error.keyword == "enum" else [error.expected]
    listing = ", ".join(quote(a) for a in allowed)
    message = f"{wording.label(error.path)} is {wording.shown(error.instance, error.path)}; "
    suggestion = None
    if len(allowed) == 1:
        message += f"only {listing} is allowed"
    else:
        hint = did_you_mean(error.instance, allowed) if isinstance(error.instance, str) else ""
        message += f"{hint[2:]} (allowed: {listing})" if hint else f"allowed: {listing}"
        suggestion = closest(error.instance, [str(a) for a in allowed]) if hint else None
    yield Finding(error.code, message, error.path, error.path, suggestion)


_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "object": "a map or object",
    "boolean": "a bool",
    "array": "a list",
}


def _type(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    expected = error.expected if isinstance(error.expected, list) else [error.expected]
    wanted = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
    message = (
        f"{wording.label(error.path) or 'value'} must be {wanted}, "
        f"got {type_name(error.instance)} {quote(error.instance)}"
    )
    yield Finding("invalid-type", message, error.path, error.path)


def _length(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    label, where = wording.label(error.path), error.path
    if error.on_key:
        # jsonschema reports a bad key at its parent's path; point at the key itself.
        label, where = f"{label} key {quote(error.instance, 24)}", [*error.path, error.instance]
    if error.keyword == "minLength":
        message = (
            f"{label} must not be empty"
            if error.expected == 1
            else f"{label} is shorter than {error.expected} characters"
        )
    else:
        message = f"{label} is {len(error.instance)} characters; at most {error.expected} allowed"
    yield Finding(error.code, message, where, error.path)


def _count(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    noun = error.schema.get("x-tfgen-noun", "entry")
    message = (
        f"{wording.label(error.path)} has {len(error.instance)} {noun}s; "
        f"at most {error.expected} allowed"
    )
    yield Finding(error.code, message, error.path, error.path)


def _range(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    if low is not None and high is not None:
        bounds = f"from {low} to {high}"
    else:
        bounds = f"at least {low}" if low is not None else f"at most {high}"
    shown = wording.shown(error.instance, error.path)
    message = f"{wording.label(error.path)} is {shown}; must be {bounds}"
    yield Finding(error.code, message, error.path, error.path)


def _pattern(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    hint = error.schema.get("x-tfgen-hint", f"must match {error.expected}")
    label, where = wording.label(error.path), error.path
    if error.on_key:
        label, where = f"{label} key", [*error.path, error.instance]
    message = f"{label} {quote(error.instance)} is not allowed: {hint}"
    yield Finding(error.code, message, where, where)


def _alternatives(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    """anyOf/oneOf: the schema's own sentence, else why the first alternative failed."""
    sentence = error.schema.get("x-tfgen-message")
    if sentence:
        yield Finding(error.code, f"{wording.label(error.path)} {sentence}", error.path, error.path)
        return
    first = [e for e in error.branches if list(e.relative_schema_path)[:1] == [0]]
    if not first:
        yield from _generic(error, root, wording)
    for branch in first:
        yield from _phrase(_Error.of(branch), root, wording)


def _advice(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    message = f"{wording.label(error.path)} {quote(error.instance)} {error.expected['message']}"
    yield Finding(error.expected["code"], message, error.path, error.path)


def _generic(error: _Error, root: Schema, wording: Wording) -> Iterator[Finding]:
    yield Finding(
        error.code, f"{wording.label(error.path)}: {error.message}", error.path, error.path
    )


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
    "pattern": _pattern,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    ADVISE: _advice,
}
