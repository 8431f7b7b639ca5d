"""regex and regexall: RE2 patterns, through the translation replace uses."""

from __future__ import annotations

import re

from tfgen.terraform.functions.bounds import MAX_COLLECTION
from tfgen.terraform.functions.failure import Pending, failed
from tfgen.terraform.functions.re2_translation import runnable
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.types import STRING
from tfgen.terraform.values import ListValue


def _compiled(a: Args) -> tuple[re.Pattern[str], str]:
    pattern, text = a.string(0), a.string(1)
    a.done()
    compiled = runnable(pattern, a.name, len(text))
    if compiled is None:
        raise Pending  # a pattern tfgen cannot run as RE2 would
    return compiled, text


def _result(compiled: re.Pattern[str], match: re.Match[str]) -> object:
    """What Terraform returns for one match: the text, its groups, or its named groups."""
    if compiled.groupindex:
        return {name: match.group(name) or "" for name in compiled.groupindex}
    if compiled.groups:
        return [group or "" for group in match.groups()]
    return match.group()


def _match_type(compiled: re.Pattern[str]) -> TypeSpec:
    if compiled.groupindex:
        return TypeSpec("map", element=STRING)
    return TypeSpec("list", element=STRING) if compiled.groups else STRING


@register("regex")
def _regex(args: list[object]) -> object:
    compiled, text = _compiled(Args("regex", args, 2, 2))
    match = compiled.search(text)
    if match is None:
        raise failed("regex", "pattern did not match any part of the given string")
    return _result(compiled, match)


@register("regexall")
def _regexall(args: list[object]) -> object:
    compiled, text = _compiled(Args("regexall", args, 2, 2))
    found = ListValue(element=_match_type(compiled))
    for match in compiled.finditer(text):
        found.append(_result(compiled, match))
        if len(found) > MAX_COLLECTION:
            raise Pending
    return found
