"""String functions: lower, upper, title, trimspace, substr, split, join."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from tfgen.terraform.functions.bounds import MAX_COLLECTION, MAX_STRING
from tfgen.terraform.functions.failure import failed
from tfgen.terraform.functions.graphemes import graphemes
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register, register_one_argument
from tfgen.terraform.types import STRING, converts_to_string, element_type
from tfgen.terraform.values import UNKNOWN, ListValue

_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)


# Go's one-rune mappings where Python's full mapping has more than one character.
_GO_LOWER = {"\u0130": "i"}


def _simple_case(text: str, convert: Callable[[str], str]) -> str:
    # Go maps rune by rune; Python's "ß".upper() == "SS" would change the length.
    if text.isascii():
        return convert(text)
    special = _GO_LOWER if convert is str.lower else {}
    return "".join(special.get(c) or (c if len(convert(c)) != 1 else convert(c)) for c in text)


def _is_word_separator(char: str) -> bool:
    if char.isascii():
        return not (char.isalnum() or char == "_")
    category = unicodedata.category(char)
    return not (category[0] == "L" or category == "Nd") and char.isspace()


def _title(text: str) -> str:
    """Go's strings.Title: capitalise after each separator, leave the rest alone."""
    out, after_separator = [], True
    for char in text:
        out.append(_simple_case(char, str.title) if after_separator else char)
        after_separator = _is_word_separator(char)
    return "".join(out)


register_one_argument("lower", Args.as_string, lambda text: _simple_case(text, str.lower))
register_one_argument("upper", Args.as_string, lambda text: _simple_case(text, str.upper))
register_one_argument("trimspace", Args.as_string, lambda text: text.strip(_GO_SPACE))
register_one_argument("title", Args.as_string, _title)


@register("substr")
def _substr(args: list[object]) -> object:
    a = Args("substr", args, 3, 3)
    text, offset, length = a.string(0), a.whole(1), a.whole(2)
    a.done()
    chars = graphemes(text)
    from_end = offset < 0
    if from_end:
        offset = max(offset + len(chars), 0)
    # As Terraform 1.11 answers: a length of 0 counted from the end runs to the end.
    end = len(chars) if length < 0 or (length == 0 and from_end) else offset + length
    return "".join(chars[offset:end])


@register("split")
def _split(args: list[object]) -> object:
    a = Args("split", args, 2, 2)
    separator, text = a.string(0), a.string(1)
    a.done()
    count = len(text) if separator == "" else text.count(separator) + 1
    if count > MAX_COLLECTION:
        return UNKNOWN
    return ListValue(text if separator == "" else text.split(separator), STRING)


@register("join")
def _join(args: list[object]) -> object:
    a = Args("join", args, 1)
    separator = a.string(0)
    if len(args) == 1:
        raise failed("join", "at least one list is required")
    lists = [a.as_list(value) for value in args[1:]]
    items = [a.as_string(item) for value in lists for item in value]
    a.done()
    if not all(converts_to_string(element_type(value)) for value in lists):
        raise failed("join", "the lists must hold strings")
    if sum(map(len, items)) + len(separator) * len(items) > MAX_STRING:
        return UNKNOWN
    return separator.join(items)
