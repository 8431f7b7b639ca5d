"""More string functions: startswith, endswith, strrev, chomp, trim, trimprefix,
trimsuffix, indent, base64encode, base64decode, formatlist, and the identity functions
sensitive and nonsensitive (tfgen does not track sensitivity: it never changes a value)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

from tfgen.terraform.functions.failure import failed
from tfgen.terraform.functions.graphemes import graphemes
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import call, register, register_one_argument
from tfgen.terraform.types import STRING
from tfgen.terraform.values import UNKNOWN, ListValue


def _two_strings(name: str, compute: Callable[[str, str], object]) -> None:
    @register(name)
    def impl(args: list[object]) -> object:
        a = Args(name, args, 2, 2)
        first, second = a.string(0), a.string(1)
        a.done()
        return compute(first, second)


_two_strings("startswith", lambda text, prefix: text.startswith(prefix))
_two_strings("endswith", lambda text, suffix: text.endswith(suffix))
_two_strings("trim", lambda text, cutset: text.strip(cutset))
_two_strings("trimprefix", lambda text, prefix: text.removeprefix(prefix))
_two_strings("trimsuffix", lambda text, suffix: text.removesuffix(suffix))


def _base64decode(text: str) -> object:
    try:
        decoded = base64.b64decode(text, validate=True)
        return decoded.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise failed("base64decode", "the given value is not valid base64 of UTF-8") from None


register_one_argument("strrev", Args.as_string, lambda text: "".join(reversed(graphemes(text))))
register_one_argument("chomp", Args.as_string, lambda text: text.rstrip("\r\n"))
register_one_argument(
    "base64encode", Args.as_string, lambda text: base64.b64encode(text.encode()).decode()
)
register_one_argument("base64decode", Args.as_string, _base64decode)
register_one_argument("sensitive", lambda a, value: value, lambda value: value)
register_one_argument("nonsensitive", lambda a, value: value, lambda value: value)


@register("indent")
def _indent(args: list[object]) -> object:
    a = Args("indent", args, 2, 2)
    spaces, text = a.whole(0), a.string(1)
    a.done()
    return text.replace("\n", "\n" + " " * max(spaces, 0))


@register("formatlist")
def _formatlist(args: list[object]) -> object:
    a = Args("formatlist", args, 1)
    lengths = {len(v) for v in args[1:] if isinstance(v, list)}
    if any(v is UNKNOWN for v in args):
        return UNKNOWN
    if len(lengths) > 1:
        raise failed("formatlist", "all arguments that are lists must have the same length")
    count = lengths.pop() if lengths else 1
    rows = ListValue(element=STRING)
    for index in range(count):
        row = [v[index] if isinstance(v, list) else v for v in args]
        rows.append(call("format", row))
    a.done()
    return rows
