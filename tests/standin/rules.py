"""The OpenAI API's rules for the stand-in provider, written from ../shared/openai-batch-facts.md
and independent of tfgen's schemas (this is what tfgen is measured against).

Each rule is a named function of a decoded configuration: it returns the path of the attribute
at fault and a message, or None. An unknown value (UNKNOWN) is never a fault: Terraform only
learns it at apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

UNKNOWN = object()  # what a msgpack unknown decodes to

Path = tuple[str, ...]
Fault = tuple[Path, str] | None
Rule = Callable[[dict[str, Any]], Fault]

ENDPOINTS = (
    "/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions",
    "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos",
)  # fmt: skip
PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")


def _known(value: Any) -> bool:
    if value is UNKNOWN:
        return False
    if isinstance(value, dict):
        return all(_known(v) for v in value.values())
    return True


def completion_window_is_24h(config: dict[str, Any]) -> Fault:
    value = config.get("completion_window")
    if _known(value) and value is not None and value != "24h":
        return ("completion_window",), 'completion_window must be "24h"'
    return None


def endpoint_is_supported(config: dict[str, Any]) -> Fault:
    value = config.get("endpoint")
    if _known(value) and value is not None and value not in ENDPOINTS:
        return ("endpoint",), f"endpoint {value!r} is not a supported batch endpoint"
    return None


def input_file_id_is_not_empty(config: dict[str, Any]) -> Fault:
    if config.get("input_file_id") == "":
        return ("input_file_id",), "input_file_id must not be empty"
    return None


def metadata_within_limits(config: dict[str, Any]) -> Fault:
    metadata = config.get("metadata")
    if not isinstance(metadata, dict):
        return None
    if len(metadata) > 16:
        return ("metadata",), "metadata holds at most 16 pairs"
    for key, value in metadata.items():
        if len(key) > 64:
            return ("metadata", key), "a metadata key is at most 64 characters"
        if isinstance(value, str) and len(value) > 512:
            return ("metadata", key), "a metadata value is at most 512 characters"
    return None


def output_expires_after_anchor(config: dict[str, Any]) -> Fault:
    expires = config.get("output_expires_after")
    anchor = expires.get("anchor") if isinstance(expires, dict) else None
    if isinstance(anchor, str) and anchor != "created_at":
        return ("output_expires_after", "anchor"), 'anchor must be "created_at"'
    return None


def output_expires_after_seconds(config: dict[str, Any]) -> Fault:
    expires = config.get("output_expires_after")
    seconds = expires.get("seconds") if isinstance(expires, dict) else None
    if isinstance(seconds, (int, float)) and not (
        seconds == int(seconds) and 3600 <= seconds <= 2_592_000
    ):
        return ("output_expires_after", "seconds"), "seconds must be a whole number, 3600-2592000"
    return None


def batch_id_is_not_empty(config: dict[str, Any]) -> Fault:
    if config.get("batch_id") == "":
        return ("batch_id",), "batch_id must not be empty"
    return None


def purpose_is_supported(config: dict[str, Any]) -> Fault:
    value = config.get("purpose")
    if _known(value) and value is not None and value not in PURPOSES:
        return ("purpose",), f"purpose {value!r} is not one the API accepts"
    return None


RULES: dict[str, list[Rule]] = {
    "openai_batch": [
        completion_window_is_24h,
        endpoint_is_supported,
        input_file_id_is_not_empty,
        metadata_within_limits,
        output_expires_after_anchor,
        output_expires_after_seconds,
    ],
    "data.openai_batch": [batch_id_is_not_empty],
    "openai_file": [purpose_is_supported],
}
