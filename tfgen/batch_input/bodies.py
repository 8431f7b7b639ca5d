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

from tfgen.batch_input.body_errors import INVALID_PARAMETER, BodyFinding, Phrasing
from tfgen.support.accelerators import accelerator

Schema = Mapping[str, Any]


@dataclass
class _Endpoint:
    endpoint: str
    root: dict[str, Any]  # the body's schema, with the $defs it refers to
    quick: Callable[[object], bool] | None  # jsonschema-rs: True when the body is valid
    full: Any = None  # jsonschema's validator, made for the first body that fails

    def findings(self, body: dict[str, Any]) -> list[BodyFinding]:
        if self.quick is not None:
            try:
                if self.quick(body):
                    return []
            except (ValueError, TypeError, OverflowError):
                pass  # a value it cannot hold (an integer past 64 bits): ask jsonschema
        if self.full is None:
            from jsonschema import Draft202012Validator

            self.full = Draft202012Validator(self.root)
        try:
            return Phrasing(self.root, self.endpoint).findings(self.full.iter_errors(body))
        except RecursionError:
            message = "body is nested too deeply for tfgen to check it"
            return [BodyFinding(INVALID_PARAMETER, message, (), ())]


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
        quick = library.validator_for(root).is_valid if library is not None else None
        return _Endpoint(endpoint, root, quick)


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
