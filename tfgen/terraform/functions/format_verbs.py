"""The verbs of format()'s template: %[flags][[index]][width][.precision]verb, parsed into
a Spec, and the errors format() reports."""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from tfgen.terraform.functions.bounds import MAX_WIDTH
from tfgen.terraform.functions.failure import EvaluationError, Pending, failed

_VERB = re.compile(
    r"%(?P<flags>[-+# 0]*)(?:\[(?P<index>[1-9][0-9]*)\])?"
    r"(?P<width>[1-9][0-9]*|\*)?(?:\.(?:\[(?P<pindex>[1-9][0-9]*)\])?(?P<prec>[0-9]*|\*))?"
    r"(?P<verb>[A-Za-z]?)"
)
_VERBS = "vtbdoxXeEfgGsq"


class Spec(NamedTuple):
    raw: str
    offset: int
    flags: str
    argnum: int | None
    width: int | None
    prec: int | None
    verb: str


def go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def format_failed(detail: str) -> EvaluationError:
    return failed("format", detail)


def parse_verb(template: str, offset: int) -> Spec:
    match = _VERB.match(template, offset)
    assert match is not None  # the pattern accepts a lone "%"
    raw, end = match.group(), match.end()
    if not match["verb"]:
        if end >= len(template):
            raise format_failed(f"invalid format string starting at offset {offset}")
        char = go_quote(template[end])
        raise format_failed(f"unrecognized format character {char} at offset {end}")
    if match["verb"] not in _VERBS:
        verb = go_quote(match["verb"])
        raise format_failed(f"unsupported format verb {verb} in {go_quote(raw)}")
    if "*" in (match["width"], match["prec"]):
        raise Pending  # width from an argument: cty's support is version-dependent
    width = int(match["width"]) if match["width"] else None
    prec = int(match["prec"] or 0) if match["prec"] is not None else None
    if match["pindex"] and not match["prec"]:
        prec = None  # `%.[1]s`: an argument index where the precision would be, as cty reads it
    if max(width or 0, prec or 0) > MAX_WIDTH:
        raise Pending
    index = int(match["index"] or match["pindex"] or 0) or None
    return Spec(raw, offset, match["flags"], index, width, prec, match["verb"])
