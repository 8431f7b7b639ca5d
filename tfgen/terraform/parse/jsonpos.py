"""A position-aware JSON parser (RFC 8259) for Terraform `.tf.json` files.

`json.loads` discards where things are and collapses duplicate keys; diagnostics need the line
and column of every value and object key, and Terraform's JSON syntax needs every member in
source order. The parser is iterative (an explicit stack), so hostile nesting cannot exhaust
Python's recursion limit.

Lines are 1-based and only LF ends a line (so CRLF is one break and a lone CR is plain
whitespace). Columns are 1-based and count characters of the `str`, a tab counting as one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from tfgen.support.collector import collector_paused
from tfgen.terraform.values import parse_number

__all__ = ["MAX_DEPTH", "JsonMember", "JsonSyntaxError", "JsonValue", "Pos", "parse", "to_python"]

MAX_DEPTH = 500


# Slots: a big file makes hundreds of thousands of these, and smaller objects parse faster.
@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column (in characters)."""

    line: int
    column: int


@dataclass(slots=True)
class JsonValue:
    """A parsed value with the span it covers (`end` is exclusive)."""

    kind: str  # "object" | "array" | "string" | "number" | "true" | "false" | "null"
    value: object  # str, a number (tfgen.terraform.numbers), bool, None, or the members
    start: Pos
    end: Pos


@dataclass(slots=True)
class JsonMember:
    """An object member; `key_start` is the key's opening quote, `key_end` is exclusive."""

    key: str
    key_start: Pos
    key_end: Pos
    value: JsonValue


class JsonSyntaxError(ValueError):
    """Malformed JSON, located at the offending character; code is the finding to report
    (valid JSON nested past MAX_DEPTH is `file-too-large`: a limit, not a syntax error)."""

    def __init__(self, message: str, line: int, column: int, code: str = "syntax-error") -> None:
        super().__init__(f"{message} at line {line}, column {column}")
        self.message = message
        self.line = line
        self.column = column
        self.code = code

    def __reduce__(self) -> tuple[type[JsonSyntaxError], tuple[str, int, int, str]]:
        # The default reduce would call __init__ with the formatted text only.
        return (type(self), (self.message, self.line, self.column, self.code))


_WS = re.compile(r"[ \t\n\r]+")
# Strings without escapes are the common case and need no decoding beyond the slice.
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
# An object member whose value is a simple scalar; lastindex says which kind it is (1: the
# value is something else). The lookaheads leave `01`, `1.`, `truex` to the careful path.
_MEMBER = re.compile(
    r'"([^"\\\x00-\x1f]*)"[ \t]*:[ \t]*(?:'
    r'"([^"\\\x00-\x1f]*)"'
    r"|(-?(?:0|[1-9][0-9]*))(?![.eE0-9])"
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)(?![.eE0-9])"
    r"|(true|false|null)(?!\w)"
    r")?"
)
# Unrolled loop so long strings do not go through an alternation per character.
_STRING_BODY = r'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*'
_STRING = re.compile(_STRING_BODY + '"')
_STRING_PREFIX = re.compile(_STRING_BODY)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"\w+")
_HEX = frozenset("0123456789abcdefABCDEF")
_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}

# What the parser expects next.
_VALUE = 0  # any value (top level, or after ':')
_FIRST_ELEMENT = 1  # a value or ']' right after '['
_NEXT_ELEMENT = 2  # a value after ',' in an array
_FIRST_KEY = 3  # a key or '}' right after '{'
_NEXT_KEY = 4  # a key after ',' in an object
_AFTER = 5  # ',' or the closing bracket after a member or element
_END = 6  # nothing but whitespace after the top-level value


class _Frame:
    """An array or object still being read."""

    __slots__ = ("elements", "is_object", "key", "key_end", "key_start", "members", "start")

    def __init__(self, is_object: bool, start: Pos) -> None:
        self.is_object = is_object
        self.start = start
        self.elements: list[JsonValue] = []
        self.members: list[JsonMember] = []
        self.key = ""
        self.key_start = start
        self.key_end = start


def parse(text: str) -> JsonValue:
    """Parse one JSON document, keeping the position of every value and key."""
    # The tree is acyclic, yet building hundreds of thousands of objects triggers many full
    # collections that scan all of them; pausing the collector makes big files ~2x faster.
    with collector_paused():
        return _parse(text)


_new = object.__new__
# The member descriptors dataclass created for the slots.
_set_line = Pos.__dict__["line"].__set__
_set_column = Pos.__dict__["column"].__set__


def _pos(line: int, column: int) -> Pos:
    # The frozen dataclass __init__ goes through object.__setattr__ for each field, the single
    # biggest cost of a parse; writing the slots directly makes the whole parse ~20% faster.
    pos: Pos = _new(Pos)
    _set_line(pos, line)
    _set_column(pos, column)
    return pos


def _parse(text: str) -> JsonValue:
    n = len(text)
    # A leftover BOM is not a column: column 1 is the character after it.
    i = ls = 1 if text.startswith("\ufeff") else 0  # ls: index where the current line starts
    line = 1
    stack: list[_Frame] = []
    state = _VALUE
    root: JsonValue | None = None
    pos = _pos
    ws_match = _WS.match
    member_match = _MEMBER.match
    plain_match = _PLAIN_STRING.match
    number_match = _NUMBER.match
    while True:
        if i < n and text[i] in " \t\n\r":
            j = ws_match(text, i).end()  # type: ignore[union-attr]  # text[i] is whitespace
            # Raw newlines can only occur in whitespace, so only here do lines advance.
            breaks = text.count("\n", i, j)
            if breaks:
                line += breaks
                ls = text.rfind("\n", i, j) + 1
            i = j
        if i >= n:
            if root is not None:
                return root
            raise _error(text, i, "unexpected end of input" if stack else "empty input")
        c = text[i]

        if state <= _NEXT_ELEMENT:
            if c == '"':
                m = plain_match(text, i)
                if m is not None:
                    s = m.group(1)
                    j = m.end()
                else:
                    s, j = _escaped_string(text, i)
                val = JsonValue("string", s, pos(line, i - ls + 1), pos(line, j - ls + 1))
                i = j
            elif c in "-0123456789":
                m = number_match(text, i)
                if m is None:
                    raise _number_error(text, i)
                j = m.end()
                if j < n and text[j] in "0123456789.eE":
                    _check_number_end(text, i, j, m.lastindex)
                number = m.group()
                num = parse_number(number)
                val = JsonValue("number", num, pos(line, i - ls + 1), pos(line, j - ls + 1))
                i = j
            elif c == "{" or c == "[":
                if len(stack) >= MAX_DEPTH:
                    raise _error(
                        text, i, f"nesting deeper than {MAX_DEPTH} levels", "file-too-large"
                    )
                stack.append(_Frame(c == "{", pos(line, i - ls + 1)))
                i += 1
                state = _FIRST_KEY if c == "{" else _FIRST_ELEMENT
                continue
            elif c == "]":
                if state == _NEXT_ELEMENT:
                    raise _trailing_comma(text, i, "]")
                if state != _FIRST_ELEMENT:
                    raise _error(text, i, "expected a JSON value, got ']'")
                frame = stack.pop()
                i += 1
                val = JsonValue("array", frame.elements, frame.start, pos(line, i - ls + 1))
            else:
                w = _WORD.match(text, i)
                word = w.group() if w is not None else ""
                if word not in _LITERALS:
                    raise _value_error(text, i, word)
                j = i + len(word)
                val = JsonValue(word, _LITERALS[word], pos(line, i - ls + 1), pos(line, j - ls + 1))
                i = j

        elif state <= _NEXT_KEY:
            frame = stack[-1]
            # Fast path: an unescaped key, the colon and, when it is a simple scalar, the value,
            # all in one match; anything else continues on the general path below.
            m = member_match(text, i)
            if m is not None:
                frame.key = m.group(1)
                frame.key_start = pos(line, i - ls + 1)
                frame.key_end = pos(line, m.end(1) + 2 - ls)
                kind = m.lastindex or 1  # group 1 always takes part
                i = m.end()
                if kind == 1:
                    state = _VALUE
                    continue
                a, b = m.span(kind)
                if kind == 2:  # the group excludes the quotes
                    val = JsonValue("string", m.group(2), pos(line, a - ls), pos(line, b + 2 - ls))
                elif kind == 5:
                    word = m.group(5)
                    start = pos(line, a + 1 - ls)
                    val = JsonValue(word, _LITERALS[word], start, pos(line, b + 1 - ls))
                else:
                    number = m.group(kind)
                    num = parse_number(number)
                    val = JsonValue("number", num, pos(line, a + 1 - ls), pos(line, b + 1 - ls))
            elif c == "}":
                if state == _NEXT_KEY:
                    raise _trailing_comma(text, i, "}")
                stack.pop()
                i += 1
                val = JsonValue("object", frame.members, frame.start, pos(line, i - ls + 1))
            else:
                if c != '"':
                    if c == "'":
                        raise _error(text, i, "strings must use double quotes, not single quotes")
                    raise _unexpected(text, i, f"expected a string key, got {_describe(c)}")
                m = plain_match(text, i)
                if m is not None:
                    key = m.group(1)
                    j = m.end()
                else:
                    key, j = _escaped_string(text, i)
                frame.key = key
                frame.key_start = pos(line, i - ls + 1)
                frame.key_end = pos(line, j - ls + 1)
                i = j
                if i < n and text[i] in " \t\n\r":
                    j = ws_match(text, i).end()  # type: ignore[union-attr]
                    breaks = text.count("\n", i, j)
                    if breaks:
                        line += breaks
                        ls = text.rfind("\n", i, j) + 1
                    i = j
                if i >= n:
                    raise _error(text, i, "unexpected end of input")
                if text[i] != ":":
                    raise _unexpected(text, i, "expected ':' after object key")
                i += 1
                state = _VALUE
                continue

        elif state == _AFTER:
            frame = stack[-1]
            if c == ",":
                i += 1
                state = _NEXT_KEY if frame.is_object else _NEXT_ELEMENT
                continue
            if frame.is_object:
                if c != "}":
                    raise _unexpected(text, i, "expected ',' or '}' after object member")
                i += 1
                val = JsonValue("object", frame.members, frame.start, pos(line, i - ls + 1))
            else:
                if c != "]":
                    raise _unexpected(text, i, "expected ',' or ']' after array element")
                i += 1
                val = JsonValue("array", frame.elements, frame.start, pos(line, i - ls + 1))
            stack.pop()

        else:
            raise _unexpected(text, i, "extra data after the JSON value")

        # `val` is complete: hand it to the enclosing container, if any.
        if stack:
            frame = stack[-1]
            if frame.is_object:
                frame.members.append(JsonMember(frame.key, frame.key_start, frame.key_end, val))
            else:
                frame.elements.append(val)
            # Saves a trip round the loop in the common "value," case.
            if i < n and text[i] == ",":
                i += 1
                state = _NEXT_KEY if frame.is_object else _NEXT_ELEMENT
            else:
                state = _AFTER
        else:
            root = val
            state = _END


def to_python(value: JsonValue) -> object:
    """Convert to plain Python like `json.loads` does (a duplicate key keeps its last value)."""
    # Containers are created empty and filled from a work list, so depth costs no recursion.
    pending: list[tuple[JsonValue, dict[str, object] | list[object]]] = []

    def shallow(v: JsonValue) -> object:
        if v.kind == "object":
            d: dict[str, object] = {}
            pending.append((v, d))
            return d
        if v.kind == "array":
            a: list[object] = []
            pending.append((v, a))
            return a
        return v.value

    result = shallow(value)
    while pending:
        v, target = pending.pop()
        assert isinstance(v.value, list)
        if isinstance(target, dict):
            for member in v.value:
                assert isinstance(member, JsonMember)
                target[member.key] = shallow(member.value)
        else:
            for element in v.value:
                assert isinstance(element, JsonValue)
                target.append(shallow(element))
    return result


# Error paths: rare, so they recompute positions from scratch instead of slowing the scan.


def _error(text: str, index: int, message: str, code: str = "syntax-error") -> JsonSyntaxError:
    line = text.count("\n", 0, index) + 1
    line_start = text.rfind("\n", 0, index) + 1
    if line_start == 0 and text.startswith("\ufeff"):
        line_start = 1
    return JsonSyntaxError(message, line, index - line_start + 1, code)


def _describe(c: str) -> str:
    return f"'{c}'" if c.isprintable() else f"U+{ord(c):04X}"


def _unexpected(text: str, index: int, message: str) -> JsonSyntaxError:
    if text[index] == "/":
        return _error(text, index, "comments are not allowed in JSON")
    return _error(text, index, message)


def _trailing_comma(text: str, close: int, bracket: str) -> JsonSyntaxError:
    # Only whitespace separates the comma from the bracket, so it is the last comma before it.
    return _error(text, text.rfind(",", 0, close), f"trailing comma before '{bracket}'")


def _escaped_string(text: str, start: int) -> tuple[str, int]:
    m = _STRING.match(text, start)
    if m is None:
        raise _string_error(text, start)
    # The regex has validated every escape, so json.loads cannot fail; it also keeps lone
    # surrogates and combines pairs exactly as the standard library does.
    decoded: str = json.loads(m.group())
    return decoded, m.end()


def _string_error(text: str, start: int) -> JsonSyntaxError:
    k = _STRING_PREFIX.match(text, start).end()  # type: ignore[union-attr]  # '"' matches
    if k >= len(text):
        return _error(text, start, "unterminated string")
    c = text[k]
    if c == "\\":
        if k + 1 >= len(text):
            return _error(text, start, "unterminated string")
        e = text[k + 1]
        if e == "u":
            digits = text[k + 2 : k + 6]
            bad = next((d for d in digits if d not in _HEX), None)
            if bad is None:  # fewer than four hex digits before the end
                return _error(text, start, "unterminated string")
            return _error(text, k, "invalid \\u escape: expected 4 hex digits")
        if e.isprintable() and not e.isspace():
            return _error(text, k, f"invalid escape '\\{e}'")
        return _error(text, k, f"invalid escape: backslash followed by U+{ord(e):04X}")
    return _error(text, k, f"unescaped control character U+{ord(c):04X} in string")


def _number_error(text: str, start: int) -> JsonSyntaxError:
    if text.startswith("-Infinity", start):
        return _error(text, start, "-Infinity is not allowed in JSON")
    return _error(text, start + 1, "expected a digit after '-'")


def _check_number_end(text: str, start: int, end: int, groups: int | None) -> None:
    """Reject `01`, `1.` and `1e` rather than reading them as a number plus junk."""
    c = text[end]
    if c.isdigit():  # only a lone leading zero stops the integer part before a digit
        zero = start + 1 if text[start] == "-" else start
        raise _error(text, zero, "leading zeros are not allowed")
    if groups is None and c == ".":
        raise _error(text, end + 1, "expected a digit after '.'")
    if c in "eE" and (groups is None or groups == 1):
        k = end + 1
        if k < len(text) and text[k] in "+-":
            k += 1
        raise _error(text, k, "expected a digit in the exponent")


def _value_error(text: str, index: int, word: str) -> JsonSyntaxError:
    if word in ("NaN", "Infinity"):
        return _error(text, index, f"{word} is not allowed in JSON")
    if word:
        return _error(text, index, f"invalid literal '{word}'")
    c = text[index]
    if c == "'":
        return _error(text, index, "strings must use double quotes, not single quotes")
    if c == "+":
        return _error(text, index, "numbers cannot start with '+'")
    if c == ".":
        return _error(text, index, "numbers need a digit before '.'")
    return _unexpected(text, index, f"expected a JSON value, got {_describe(c)}")
