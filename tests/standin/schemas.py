"""The provider's schemas as Terraform's plugin protocol describes them, from the facts page:
`resource "openai_batch"`, `data "openai_batch"` and `resource "openai_file"`."""

from __future__ import annotations

import json
from typing import Any

STRING, NUMBER = "string", "number"
TIMESTAMPS = (
    "cancelled_at", "cancelling_at", "completed_at", "created_at", "expired_at", "expires_at",
    "failed_at", "finalizing_at", "in_progress_at",
)  # fmt: skip
ERRORS = ["object", {"data": ["list", ["object", {"code": STRING, "line": NUMBER,
          "message": STRING, "param": STRING}]], "object": STRING}]  # fmt: skip
COUNTS = ["object", {"completed": NUMBER, "failed": NUMBER, "total": NUMBER}]
USAGE = ["object", {"input_tokens": NUMBER, "output_tokens": NUMBER, "total_tokens": NUMBER}]
EXPIRES = {"anchor": STRING, "seconds": NUMBER}

# name -> (cty type, mode): mode is "required", "optional" or "computed"
Attributes = dict[str, tuple[Any, str]]

_BATCH_COMPUTED: Attributes = {
    "id": (STRING, "computed"), "model": (STRING, "computed"), "object": (STRING, "computed"),
    "status": (STRING, "computed"), "error_file_id": (STRING, "computed"),
    "output_file_id": (STRING, "computed"), "errors": (ERRORS, "computed"),
    "request_counts": (COUNTS, "computed"), "usage": (USAGE, "computed"),
    **{name: (NUMBER, "computed") for name in TIMESTAMPS},
}  # fmt: skip

RESOURCES: dict[str, Attributes] = {
    "openai_batch": {
        "completion_window": (STRING, "required"),
        "endpoint": (STRING, "required"),
        "input_file_id": (STRING, "required"),
        "metadata": (["map", STRING], "optional"),
        "output_expires_after": ({"nested": EXPIRES}, "optional"),
        **_BATCH_COMPUTED,
    },
    "openai_file": {
        "file": (STRING, "required"),
        "purpose": (STRING, "required"),
        "id": (STRING, "computed"),
        "bytes": (NUMBER, "computed"),
        "created_at": (NUMBER, "computed"),
        "expires_at": (NUMBER, "computed"),
        "filename": (STRING, "computed"),
        "object": (STRING, "computed"),
        "status": (STRING, "computed"),
    },
}
DATA_SOURCES: dict[str, Attributes] = {
    "openai_batch": {
        "batch_id": (STRING, "required"),
        "completion_window": (STRING, "computed"),
        "endpoint": (STRING, "computed"),
        "input_file_id": (STRING, "computed"),
        "metadata": (["map", STRING], "computed"),
        **_BATCH_COMPUTED,
    },
}


def attribute_message(pb: Any, name: str, kind: Any, mode: str) -> Any:
    flags = {"required": mode == "required", "optional": mode == "optional"}
    flags["computed"] = mode == "computed"
    if isinstance(kind, dict):  # a nested attribute, assigned with `=`
        nested = [
            pb.Schema.Attribute(name=n, type=json.dumps(t).encode(), required=True)
            for n, t in kind["nested"].items()
        ]
        return pb.Schema.Attribute(
            name=name, nested_type=pb.Schema.Object(attributes=nested, nesting=1), **flags
        )
    return pb.Schema.Attribute(name=name, type=json.dumps(kind).encode(), **flags)


def schema_message(pb: Any, attributes: Attributes) -> Any:
    block = pb.Schema.Block(
        attributes=[attribute_message(pb, n, k, m) for n, (k, m) in attributes.items()]
    )
    return pb.Schema(version=0, block=block)
