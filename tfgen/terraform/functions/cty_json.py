"""Terraform values as cty writes them in JSON (format's %#v and %q)."""

from __future__ import annotations

import json

from tfgen.terraform.functions.numeric import finite
from tfgen.terraform.numbers import number_text
from tfgen.terraform.values import to_string


def json_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    # Go's encoding/json also escapes HTML-significant characters and line separators.
    for char in "<>&\u2028\u2029":
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def to_json(value: object) -> str:
    """cty's JSON: compact, object keys sorted, numbers without exponent or trailing `.0`."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(to_string(value))
    number = finite(value)
    if number is not None:
        return number_text(number)
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, list):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    assert isinstance(value, dict)
    pairs = (f"{json_string(key)}:{to_json(value[key])}" for key in sorted(value))
    return "{" + ",".join(pairs) + "}"
