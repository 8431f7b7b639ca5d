"""The replace function: a literal search, or a /regular expression/ applied as Go's
Regexp.ReplaceAllString does."""

from __future__ import annotations

import re

from tfgen.terraform.functions.bounds import MAX_STRING
from tfgen.terraform.functions.re2_translation import runnable
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register
from tfgen.terraform.values import UNKNOWN

_TEMPLATE_REF = re.compile(r"\$(?:(\$)|\{(\w+)\}|(\w+))")


@register("replace")
def _replace(args: list[object]) -> object:
    a = Args("replace", args, 3, 3)
    text, search, replacement = a.string(0), a.string(1), a.string(2)
    a.done()
    if len(search) > 1 and search[0] == "/" and search[-1] == "/":
        return _regex_replace(text, search[1:-1], replacement)
    count = len(text) + 1 if search == "" else text.count(search)
    if len(text) + count * (len(replacement) - len(search)) > MAX_STRING:
        return UNKNOWN
    return text.replace(search, replacement)


def _regex_replace(text: str, pattern: str, template: str) -> object:
    compiled = runnable(pattern, "replace", len(text))
    if compiled is None:
        return UNKNOWN
    return _replace_all(compiled, text, template)


def _expand(template: str, match: re.Match[str]) -> str:
    """Go's Regexp.Expand: $1, ${1}, $name, ${name}; unknown or unmatched groups are empty."""

    def group(ref: re.Match[str]) -> str:
        if ref.group(1):
            return "$"
        name = ref.group(2) or ref.group(3)
        if name.isdigit():
            number = int(name)
            return (match.group(number) or "") if number <= match.re.groups else ""
        return match.groupdict().get(name) or ""

    return _TEMPLATE_REF.sub(group, template)


def _replace_all(compiled: re.Pattern[str], text: str, template: str) -> object:
    """Go's ReplaceAllString, whose handling of empty matches differs from re.sub."""
    out, last, search, size = [], 0, 0, 0
    for match in compiled.finditer(text):
        start, end = match.span()
        if start < search:
            continue  # Go has already stepped past this position
        out.append(text[last:start])
        if end > last or start == 0:  # Go drops an empty match that abuts the previous one
            out.append(_expand(template, match))
        size += len(out[-1])
        if size > MAX_STRING:
            return UNKNOWN
        last, search = end, end if end > search else search + 1
    return "".join(out) + text[last:]
