"""Why a request body fails its endpoint's schema, in one line per mistake.

jsonschema says "is not valid under any of the given schemas" for a `oneOf` of six message
kinds; a user needs `body.messages[0].role is "usr"; expected one of "developer", "system",
"user", ...`. Each error is phrased from its keyword, and an `anyOf`/`oneOf` by its best
branch: the one the `discriminator` (an OpenAPI word the document keeps) names, else the
only one whose type fits, else the closest (fewest errors, then the most specific).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tfgen.checks.suggest import did_you_mean

if TYPE_CHECKING:
    from jsonschema import ValidationError

Schema = Mapping[str, Any]
UNKNOWN_PARAMETER = "input-unknown-parameter"
INVALID_PARAMETER = "input-invalid-parameter"
MISSING_PARAMETER = "input-missing-parameter"
_SHOWN = 40  # characters of a value quoted in a message


@dataclass(frozen=True)
class BodyFinding:
    code: str
    message: str
    path: tuple[str | int, ...]  # inside the body: where the finding points
    about: tuple[str | int, ...]  # the parameter it is about (a missing one is not at path)
    on_key: bool = False  # at the key of path's last step, not at its value


def label(path: tuple[str | int, ...]) -> str:
    """`body.messages[0].role`: the JSON path, as the API's own errors write it."""
    text = "body"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


_JSON_TYPES = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
    type(None): "null",
}
_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "object": "an object",
    "boolean": "a boolean",
    "array": "an array",
    "null": "null",
}


def json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), "a value")


class Phrasing:
    """Phrases the errors of one endpoint's schema (root: the document with its $defs)."""

    def __init__(self, root: Schema, endpoint: str) -> None:
        self.root = root
        self.endpoint = endpoint

    def findings(self, errors: Iterator[ValidationError]) -> list[BodyFinding]:
        found: dict[tuple[str, str], BodyFinding] = {}
        listed = list(errors)
        # A value of the wrong type fails its other keywords too: say only what is wrong first.
        mistyped = {_path(e) for e in listed if e.validator == "type"}
        for error in listed:
            if error.validator != "type" and _path(error) in mistyped:
                continue
            for finding in self.phrase(error):
                found.setdefault((finding.code, finding.message), finding)
        return list(found.values())

    def phrase(self, error: ValidationError) -> Iterator[BodyFinding]:
        handler = _HANDLERS.get(str(error.validator), Phrasing._generic)
        yield from handler(self, error)

    # -- keywords --------------------------------------------------------------

    def _unknown(self, error: ValidationError) -> Iterator[BodyFinding]:
        instance = _given(error) if isinstance(_given(error), dict) else {}
        yield from self.unknown_keys(_schema_of(error), _path(error), list(instance))

    def unknown_keys(
        self, schema: Schema, path: tuple[str | int, ...], keys: list[str]
    ) -> list[BodyFinding]:
        """The keys among keys that schema (closed) does not declare anywhere in it.

        A declared key whose value failed is also "unevaluated"; its own error says why."""
        known = sorted(self.names(schema))
        where = f"{label(path)}'s keys" if path else self.endpoint
        found = []
        for key in (k for k in keys if k not in known):
            message = f"{label((*path, key))} is not a parameter of {where}"
            hint = did_you_mean(key, known)
            found.append(
                BodyFinding(UNKNOWN_PARAMETER, message + hint, (*path, key), (*path, key), True)
            )
        return found

    def _required(self, error: ValidationError) -> Iterator[BodyFinding]:
        instance = _given(error) if isinstance(_given(error), dict) else {}
        path = _path(error)
        for key in (k for k in _expected(error) if k not in instance):
            message = f"{label(path)} has no {key}, which is required"
            yield BodyFinding(MISSING_PARAMETER, message, path, (*path, key))

    def _type(self, error: ValidationError) -> Iterator[BodyFinding]:
        expected = _expected(error)
        kinds = expected if isinstance(expected, list) else [expected]
        yield self._wrong_type(error, [str(k) for k in kinds])

    def _wrong_type(self, error: ValidationError, kinds: list[str]) -> BodyFinding:
        wanted = " or ".join(dict.fromkeys(_TYPE_WORDS.get(k, k) for k in kinds))
        path = _path(error)
        message = (
            f"{label(path)} is {json_type(_given(error))} ({shown(_given(error))}); "
            f"expected {wanted}"
        )
        return BodyFinding(INVALID_PARAMETER, message, path, path)

    def _enum(self, error: ValidationError) -> Iterator[BodyFinding]:
        allowed = _expected(error) if error.validator == "enum" else [_expected(error)]
        yield self._one_of_values(_path(error), _given(error), list(allowed))

    def _one_of_values(
        self, path: tuple[str | int, ...], value: object, allowed: list[object]
    ) -> BodyFinding:
        listing = ", ".join(shown(a) for a in allowed[:12]) + (", ..." if len(allowed) > 12 else "")
        strings = [a for a in allowed if isinstance(a, str)]
        hint = did_you_mean(value, strings) if isinstance(value, str) else ""
        expected = (
            f"only {listing} is allowed" if len(allowed) == 1 else f"expected one of {listing}"
        )
        message = f"{label(path)} is {shown(value)}; {expected}{hint}"
        return BodyFinding(INVALID_PARAMETER, message, path, path)

    def _bound(self, error: ValidationError) -> Iterator[BodyFinding]:
        words = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
            "multipleOf": "a multiple of",
        }
        path = _path(error)
        bound = f"{words[str(error.validator)]} {_expected(error)}"
        message = f"{label(path)} is {shown(_given(error))}; it must be {bound}"
        yield BodyFinding(INVALID_PARAMETER, message, path, path)

    def _size(self, error: ValidationError) -> Iterator[BodyFinding]:
        keyword, limit = str(error.validator), _expected(error)
        noun = {"Length": "character", "Items": "item", "Properties": "key"}[keyword[3:]]
        count = len(_given(error))
        if count == 0 and keyword == "minLength":
            message = f"{label(_path(error))} is empty; it needs at least {limit:,} character"
            yield BodyFinding(
                INVALID_PARAMETER, message + ("" if limit == 1 else "s"), _path(error), _path(error)
            )
            return
        side = "at least" if keyword.startswith("min") else "at most"
        plural = "" if limit == 1 else "s"
        message = f"{label(_path(error))} has {count:,} {noun}{'' if count == 1 else 's'}; "
        message += f"{side} {limit:,} {noun}{plural} allowed"
        yield BodyFinding(INVALID_PARAMETER, message, _path(error), _path(error))

    def _pattern(self, error: ValidationError) -> Iterator[BodyFinding]:
        path = _path(error)
        message = f"{label(path)} is {shown(_given(error))}; it must match {_expected(error)}"
        yield BodyFinding(INVALID_PARAMETER, message, path, path)

    def _not(self, error: ValidationError) -> Iterator[BodyFinding]:
        refused = _expected(error)
        path = _path(error)
        if isinstance(refused, dict) and set(refused) == {"required"}:
            names = " and ".join(refused["required"])
            message = f"{label(path)} sets {names}; give only one of them"
        else:
            message = f"{label(path)} is a value this parameter does not take"
        yield BodyFinding(INVALID_PARAMETER, message, path, path)

    def _alternatives(self, error: ValidationError) -> Iterator[BodyFinding]:
        branches = [self.resolve(b) for b in _expected(error)]
        by_branch: dict[int, list[ValidationError]] = {}
        for sub in error.context or ():
            by_branch.setdefault(int(next(iter(sub.schema_path))), []).append(sub)
        chosen = self._discriminated(error, branches)
        if isinstance(chosen, BodyFinding):
            yield chosen
            return
        if chosen is None:
            fitting = [i for i, b in enumerate(branches) if _fits(_given(error), b, self)]
            if not fitting:
                kinds = [k for b in branches for k in _types(b, self)]
                yield self._wrong_type(error, kinds) if kinds else next(self._generic(error))
                return
            failed = [i for i in fitting if i in by_branch]
            # The closest branch: fewest errors, then the most specific (deepest) one.
            chosen = min(failed, key=lambda i: _distance(by_branch[i]), default=None)
        if chosen is None or chosen not in by_branch:  # a oneOf that more than one matches
            yield from self._generic(error)
            return
        for sub in by_branch[chosen]:
            yield from self.phrase(sub)

    def _discriminated(
        self, error: ValidationError, branches: list[Schema]
    ) -> int | BodyFinding | None:
        """The branch the discriminator names; a finding when the value names none."""
        name = (_schema_of(error).get("discriminator") or {}).get("propertyName")
        instance = _given(error)
        # Without the property the discriminator decides nothing: some branches leave it out.
        if not isinstance(name, str) or not isinstance(instance, dict) or name not in instance:
            return None
        values: list[object] = []
        for index, branch in enumerate(branches):
            allowed = self.values_of(branch, name)
            if _given(error).get(name) in allowed:
                return index
            values.extend(v for v in allowed if v not in values)
        return self._one_of_values((*_path(error), name), instance[name], values)

    def _generic(self, error: ValidationError) -> Iterator[BodyFinding]:
        message = " ".join(str(error.message).split())
        if len(message) > 120:
            message = message[:117] + "..."
        path = _path(error)
        yield BodyFinding(INVALID_PARAMETER, f"{label(path)}: {message}", path, path)

    # -- the schema ------------------------------------------------------------

    def resolve(self, schema: object) -> Schema:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 64:
            target: Any = self.root
            for part in str(schema["$ref"])[2:].split("/"):
                target = target[part]
            schema, seen = target, seen + 1
        return schema if isinstance(schema, dict) else {}

    def names(self, schema: object, depth: int = 0) -> set[str]:
        """Every property name schema declares, through $ref, allOf, anyOf and oneOf."""
        resolved = self.resolve(schema)
        found = set(resolved.get("properties", {}))
        if depth < 16:
            for keyword in ("allOf", "anyOf", "oneOf"):
                for branch in resolved.get(keyword, ()):
                    found |= self.names(branch, depth + 1)
        return found

    def values_of(self, schema: Schema, name: str) -> list[object]:
        prop = self.resolve(self.resolve(schema).get("properties", {}).get(name, {}))
        if "const" in prop:
            return [prop["const"]]
        return list(prop.get("enum", ()))


def _path(error: ValidationError) -> tuple[str | int, ...]:
    return tuple(error.absolute_path)


# jsonschema types these as "maybe unset"; on an error from iter_errors they are always set.
def _expected(error: ValidationError) -> Any:
    return error.validator_value


def _given(error: ValidationError) -> Any:
    return error.instance


def _schema_of(error: ValidationError) -> Schema:
    return error.schema if isinstance(error.schema, Mapping) else {}


def _distance(errors: list[ValidationError]) -> tuple[int, int]:
    return len(errors), -max(len(e.absolute_path) for e in errors)


def _types(schema: Schema, phrasing: Phrasing, depth: int = 0) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if depth < 8:
        for keyword in ("anyOf", "oneOf", "allOf"):
            if keyword in schema:
                return [
                    k
                    for b in schema[keyword]
                    for k in _types(phrasing.resolve(b), phrasing, depth + 1)
                ]
    return []


def _fits(value: object, schema: Schema, phrasing: Phrasing) -> bool:
    kinds = _types(schema, phrasing)
    if not kinds:
        return True
    actual = {
        bool: "boolean",
        str: "string",
        list: "array",
        dict: "object",
        type(None): "null",
    }.get(type(value))
    if actual is None:  # a number
        integral = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        return "number" in kinds or (integral and "integer" in kinds)
    return actual in kinds


_HANDLERS: dict[str, Callable[[Phrasing, ValidationError], Iterator[BodyFinding]]] = {
    "unevaluatedProperties": Phrasing._unknown,
    "additionalProperties": Phrasing._unknown,
    "required": Phrasing._required,
    "type": Phrasing._type,
    "enum": Phrasing._enum,
    "const": Phrasing._enum,
    "minimum": Phrasing._bound,
    "maximum": Phrasing._bound,
    "exclusiveMinimum": Phrasing._bound,
    "exclusiveMaximum": Phrasing._bound,
    "multipleOf": Phrasing._bound,
    "minLength": Phrasing._size,
    "maxLength": Phrasing._size,
    "minItems": Phrasing._size,
    "maxItems": Phrasing._size,
    "minProperties": Phrasing._size,
    "maxProperties": Phrasing._size,
    "pattern": Phrasing._pattern,
    "not": Phrasing._not,
    "anyOf": Phrasing._alternatives,
    "oneOf": Phrasing._alternatives,
}
