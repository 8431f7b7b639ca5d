"""jsonencode and jsondecode, with Terraform's numbers on both sides."""

from __future__ import annotations

import json

from tfgen.terraform.functions.cty_json import to_json
from tfgen.terraform.functions.failure import failed
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register, register_one_argument
from tfgen.terraform.values import UNKNOWN, is_known, parse_number


@register("jsonencode")
def _jsonencode(args: list[object]) -> object:
    Args("jsonencode", args, 1, 1)
    return to_json(args[0]) if is_known(args[0]) else UNKNOWN


def _jsondecode(text: str) -> object:
    try:
        return json.loads(text, parse_float=parse_number, parse_int=parse_number)
    except (ValueError, RecursionError):
        raise failed("jsondecode", "the given text is not valid JSON") from None


register_one_argument("jsondecode", Args.as_string, _jsondecode)
