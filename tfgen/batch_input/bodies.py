"""Each request body checked against its endpoint's schema, from OpenAI's API description.

`schemas/request-bodies.schema.json` holds the batch endpoints' body schemas, extracted from
OpenAI's OpenAPI document by `scripts/extract_request_bodies.py`. jsonschema-rs says whether a
body is valid in about a microsecond; only a body that fails goes through jsonschema, whose
errors body_errors phrases, so a file of valid bodies costs little more than reading it. The
API description does not say which model takes which parameters, so no rule here does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tfgen.batch_input.body_errors import INVALID_PARAMETER, BodyFinding, Phrasing, label
from tfgen.support.accelerators import accelerator
from tfgen.terraform.values import UNKNOWN

Schema = Mapping[str, Any]


@dataclass
class _Endpoint:
    endpoint: str
    root: dict[str, Any]  # the body's schema, with the $defs it refers to
    fast: Any  # jsonschema-rs's validator, or None
    full: Any = None  # jsonschema's validator, made for the first body that fails

    def findings(self, body: dict[str, Any]) -> list[BodyFinding]:
        phrasing = Phrasing(self.root, self.endpoint)
        try:
            found = self._fast_findings(body, phrasing)
            if found is not None:
                return found
            if _holds_unknown(body):
                return []  # an integer of more digits than tfgen reads: nothing to judge it by
            return phrasing.findings(self._validator().iter_errors(body))
        except RecursionError:
            message = "body is nested too deeply for tfgen to check it"
            return [BodyFinding(INVALID_PARAMETER, message, (), ())]

    def _fast_findings(self, body: dict[str, Any], phrasing: Phrasing) -> list[BodyFinding] | None:
        """None where jsonschema-rs cannot answer: not installed, or a value it cannot hold
        (or an error it places where jsonschema's keywords do not)."""
        if self.fast is None:
            return None
        try:
            if self.fast.is_valid(body):
                return []
            errors, unknown = self._located(body, phrasing)
            found = [*unknown, *phrasing.findings(iter(errors))]
        except (ValueError, TypeError, OverflowError, LookupError):
            return None
        # A closed object under unevaluatedProperties names its unknown keys twice.
        return list({(f.code, f.message): f for f in found}.values())

    def _validator(self) -> Any:
        if self.full is None:
            from jsonschema import Draft202012Validator

            self.full = Draft202012Validator(self.root)
        return self.full

    def _located(
        self, body: dict[str, Any], phrasing: Phrasing
    ) -> tuple[list[Any], list[BodyFinding]]:
        """jsonschema's errors at the places jsonschema-rs found failing, and only there.

        jsonschema takes about 1 ms for a whole chat body, mostly to work out which keys
        `unevaluatedProperties` has seen; the keyword that failed, on the value it failed
        on, takes microseconds. Unknown keys are named by jsonschema-rs itself.
        """
        errors: list[Any] = []
        unknown: list[BodyFinding] = []
        for located in self.fast.iter_errors(body):
            where = tuple(located.instance_path)
            *holder, keyword = located.schema_path
            schema = _pointer(self.root, holder)
            value = _pointer(body, where)
            if keyword in ("unevaluatedProperties", "additionalProperties"):
                keys = list(getattr(located.kind, "unexpected", ()))
                unknown.extend(phrasing.unknown_keys(schema, where, keys))
                continue
            # The keyword's own error: the holder's other keywords report theirs separately.
            everything = self._validator().evolve(schema=schema).iter_errors(value)
            found = [e for e in everything if e.validator == keyword and not e.path]
            for error in found:
                error.path.extendleft(reversed(where))
            if not found:  # the two libraries disagree: keep jsonschema-rs's own words
                message = " ".join(str(located.message).split())[:120]
                unknown.append(
                    BodyFinding(INVALID_PARAMETER, f"{label(where)}: {message}", where, where)
                )
            errors.extend(found)
        return errors, unknown


def _holds_unknown(body: object) -> bool:
    stack = [body]
    while stack:
        value = stack.pop()
        if value is UNKNOWN:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _pointer(document: Any, steps: Any) -> Any:
    """The value at steps inside document, following a `$ref` step to its target."""
    value = document
    for step in steps:
        if step == "$ref" and isinstance(value, dict):
            value = _pointer(document, str(value["$ref"])[2:].split("/"))
        else:
            value = value[step]
    return value


class Bodies:
    """The body checks of one run: each endpoint's schema is compiled the first time it is used."""

    def __init__(self, document: Schema) -> None:
        self.document = document
        self.endpoints: Mapping[str, Schema] = document.get("x-tfgen-endpoints", {})
        self._compiled: dict[str, _Endpoint] = {}

    def findings(self, endpoint: str, body: dict[str, Any]) -> list[BodyFinding]:
        if endpoint not in self.endpoints:
            return []
        if endpoint not in self._compiled:
            self._compiled[endpoint] = self._compile(endpoint)
        return self._compiled[endpoint].findings(body)

    def _compile(self, endpoint: str) -> _Endpoint:
        root = {
            "$schema": self.document.get("$schema"),
            "$defs": self.document.get("$defs", {}),
            **self.endpoints[endpoint],
        }
        library = accelerator("jsonschema_rs")
        return _Endpoint(endpoint, root, library.validator_for(root) if library else None)


def body_positions(raw: bytes) -> Callable[[tuple[str | int, ...], bool], int]:
    """For one request line: the column of a path inside its body (1 when it is not found).

    Only lines with a finding get here, so the line is parsed again, with positions."""
    from tfgen.terraform.parse.jsonpos import JsonMember, JsonSyntaxError, JsonValue, parse

    try:
        root: JsonValue | None = parse(raw.decode())
    except (JsonSyntaxError, ValueError, RecursionError):
        root = None

    def member(value: JsonValue, key: str) -> JsonMember | None:
        members = value.value if value.kind == "object" and isinstance(value.value, list) else []
        # The last of repeated keys, as json.loads keeps it.
        return next(
            (m for m in reversed(members) if isinstance(m, JsonMember) and m.key == key), None
        )

    def column(path: tuple[str | int, ...], on_key: bool) -> int:
        if root is None:
            return 1
        found = member(root, "body")
        if found is None:
            return 1
        value, key_column = found.value, found.key_start.column
        for step in path:
            if isinstance(step, int):
                items = (
                    value.value if value.kind == "array" and isinstance(value.value, list) else []
                )
                if not 0 <= step < len(items) or not isinstance(items[step], JsonValue):
                    return value.start.column
                value = items[step]
                continue
            found = member(value, step)
            if found is None:
                return value.start.column
            value, key_column = found.value, found.key_start.column
        return key_column if on_key else value.start.column

    return column
