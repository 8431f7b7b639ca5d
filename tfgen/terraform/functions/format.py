"""The format function: Go's fmt verbs over Terraform values, as cty's stdlib does it."""

from __future__ import annotations

from tfgen.terraform.functions.cty_json import json_string, to_json
from tfgen.terraform.functions.format_numbers import format_number, shortest_g
from tfgen.terraform.functions.format_verbs import Spec, format_failed, go_quote, parse_verb
from tfgen.terraform.functions.graphemes import graphemes
from tfgen.terraform.functions.numeric import finite
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register
from tfgen.terraform.values import UNKNOWN, is_known, to_bool, to_number, to_string


@register("format")
def _format(args: list[object]) -> object:
    a = Args("format", args, 1)
    template = a.string(0)
    a.done()
    values = args[1:]
    if not all(is_known(value) for value in values):
        return UNKNOWN
    if any(value is None for value in values):
        return None  # Terraform's format of a null argument is null, whatever the verb
    return _render(template, values)


def _render(template: str, values: list[object]) -> str:
    out, position, next_arg, highest = [], 0, 1, 0
    while (start := template.find("%", position)) >= 0:
        out.append(template[position:start])
        if template.startswith("%%", start):
            out.append("%")
            position = start + 2
            continue
        spec = parse_verb(template, start)
        number = spec.argnum or next_arg
        if number > len(values):
            raise format_failed(
                f"not enough arguments for {go_quote(spec.raw)} at {start}: "
                f"need index {number} but have {len(values)} total"
            )
        out.append(_format_value(spec, values[number - 1]))
        next_arg, highest = number + 1, max(highest, number)
        position = start + len(spec.raw)
    out.append(template[position:])
    if highest < len(values):
        used = f"only {highest} used by format string" if highest else "no verbs in format string"
        raise format_failed(f"too many arguments; {used}")
    return "".join(out)


def _format_value(spec: Spec, value: object) -> str:
    where = f"unsupported value for {go_quote(spec.raw)} at {spec.offset}"
    if spec.verb == "v":
        return _pad(_format_v(spec, value), spec)
    if spec.verb == "t":
        flag = to_bool(value)
        if not isinstance(flag, bool):
            raise format_failed(f"{where}: bool required")
        return "true" if flag else "false"
    if spec.verb in "sq":
        text = to_string(value)
        if not isinstance(text, str):
            raise format_failed(f"{where}: string required")
        if spec.prec:
            text = "".join(graphemes(text)[: spec.prec])
        return _pad(json_string(text) if spec.verb == "q" else text, spec)
    number = finite(to_number(value))
    if number is None:
        raise format_failed(f"{where}: a number is required")
    return format_number(spec, number, where)


def _format_v(spec: Spec, value: object) -> str:
    if "#" not in spec.flags and isinstance(value, str):
        return value
    number = finite(value)
    if "#" not in spec.flags and number is not None:
        return shortest_g(number)
    return to_json(value)


def _pad(text: str, spec: Spec) -> str:
    gap = (spec.width or 0) - len(graphemes(text))
    if gap <= 0:
        return text
    if "-" in spec.flags:
        return text + " " * gap
    return ("0" if "0" in spec.flags else " ") * gap + text
