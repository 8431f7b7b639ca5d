"""Terraform's built-in functions and operators, over the plain values of tfgen.values.

Anything that depends on an UNKNOWN is UNKNOWN; anything Terraform would reject raises
EvaluationError. Work stays bounded on hostile input: a result that would be huge (or a
regular expression that could backtrack for too long) is UNKNOWN rather than computed.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Hashable, Iterable
from decimal import ROUND_CEILING, Context, Decimal, InvalidOperation
from typing import NamedTuple

from tfgen.values import UNKNOWN, is_known, to_bool, to_number, to_string, type_name

MAX_COLLECTION = 1024
_MAX_STRING = 1 << 20  # strings are values too: no single result may exceed a megabyte
_MAX_WIDTH = 4096  # largest format width or precision we honour
_REGEX_STEPS = 1e6  # rough backtracking budget for one replace() call
_DECIMAL = Context(prec=34)  # decimal arithmetic keeps 0.1 + 0.2 == 0.3, as Terraform does

Number = int | float
Impl = Callable[[list[object]], object]

FUNCTIONS: dict[str, Impl] = {}


class EvaluationError(Exception):
    """Terraform would reject this call/operation (wrong argument type, bad format verb...).
    Message is one line, Terraform-like."""


class _Pending(Exception):
    """An argument the result depends on is UNKNOWN: the call's answer is UNKNOWN."""


def call(name: str, args: list[object]) -> object:
    """Call a built-in function; a function tfgen does not know yields UNKNOWN."""
    impl = FUNCTIONS.get(name)
    return UNKNOWN if impl is None else impl(args)


def _function(name: str) -> Callable[[Impl], Impl]:
    def register(impl: Impl) -> Impl:
        def run(args: list[object]) -> object:
            try:
                return impl(args)
            except _Pending:
                return UNKNOWN

        FUNCTIONS[name] = run
        return impl

    return register


def _failed(name: str, detail: str) -> EvaluationError:
    return EvaluationError(f'Call to function "{name}" failed: {detail}')


# Numbers ---------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num(value: Number) -> Number:
    """The project's convention: int when integral and |v| < 2**63, float otherwise."""
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if abs(value) < 2**63:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _finite(value: object) -> Number | None:
    """A number as we hold it, or None for a non-number. Beyond float range Terraform still
    knows the value but we cannot: that is UNKNOWN."""
    if not _is_number(value):
        return None
    assert isinstance(value, (int, float))
    number = _num(value)
    if isinstance(number, float) and not math.isfinite(number):
        raise _Pending
    return number


def _dec(value: Number) -> Decimal:
    # repr() is the shortest decimal for a float: the number the user wrote.
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _from_dec(value: Decimal) -> object:
    if not value.is_finite():
        return UNKNOWN
    if value == value.to_integral_value() and abs(value) < 2**63:
        return int(value)
    result = float(value)
    # Terraform's numbers have no overflow; ours do, and then we cannot say what it holds.
    return _num(result) if math.isfinite(result) else UNKNOWN


# Arguments -------------------------------------------------------------------------------


class _Args:
    """One call's arguments: checks the count, converts each as Terraform does, and notes
    UNKNOWNs so that later arguments are still type-checked before the call gives up."""

    def __init__(self, name: str, args: list[object], low: int, high: int | None = None):
        if len(args) < low:
            least = "" if high == low else "at least "
            raise EvaluationError(
                f'Not enough function arguments: Function "{name}" expects {least}{low} argument(s)'
            )
        if high is not None and len(args) > high:
            raise EvaluationError(
                f'Too many function arguments: Function "{name}" expects at most {high} argument(s)'
            )
        self.name, self.args, self.pending = name, args, False

    def bad(self, value: object, expected: str) -> EvaluationError:
        return EvaluationError(
            f"Invalid function argument: {self.name} expects {expected}, got {type_name(value)}"
        )

    def unknown(self, value: object) -> bool:
        if value is UNKNOWN:
            self.pending = True
        return value is UNKNOWN

    def done(self) -> None:
        if self.pending:
            raise _Pending

    def string(self, index: int) -> str:
        return self.as_string(self.args[index])

    def number(self, index: int) -> Number:
        return self.as_number(self.args[index])

    def as_string(self, value: object) -> str:
        if self.unknown(value):
            return ""
        text = to_string(value)
        if not isinstance(text, str):
            raise self.bad(value, "a string")
        return text

    def as_number(self, value: object) -> Number:
        if self.unknown(value):
            return 0
        number = _finite(to_number(value))
        if number is None:
            raise self.bad(value, "a number")
        return number

    def whole(self, index: int) -> int:
        number = self.number(index)
        if isinstance(number, float) and not number.is_integer():
            raise EvaluationError(
                f"Invalid function argument: {self.name} expects a whole number, got {number}"
            )
        return int(number)

    def as_list(self, value: object) -> list[object]:
        if self.unknown(value):
            return []
        if not isinstance(value, list):
            raise self.bad(value, "a list")
        return value

    def as_map(self, value: object) -> dict[str, object]:
        if self.unknown(value):
            return {}
        if not isinstance(value, dict):
            raise self.bad(value, "a map or object")
        return value


# Strings ---------------------------------------------------------------------------------

_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)


def _joins_previous(text: str, index: int, regional_run: int) -> bool:
    """Does text[index] continue the user-perceived character before it?"""
    char, previous = text[index], text[index - 1]
    if previous == "\u200d" or (previous == "\r" and char == "\n"):
        return True
    if regional_run > 0 and regional_run % 2 == 0:
        return True  # the second flag letter of a pair
    return (
        char == "\u200d"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or unicodedata.category(char) in ("Mn", "Mc", "Me")
    )


def _graphemes(text: str) -> list[str]:
    """Terraform counts characters as grapheme clusters; this covers the common cases."""
    if text.isascii() and "\r\n" not in text:
        return list(text)
    starts, regional_run = [], 0
    for index, char in enumerate(text):
        regional_run = regional_run + 1 if "\U0001f1e6" <= char <= "\U0001f1ff" else 0
        if index == 0 or not _joins_previous(text, index, regional_run):
            starts.append(index)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _simple_case(text: str, convert: Callable[[str], str]) -> str:
    # Go maps rune by rune; Python's "ß".upper() == "SS" would change the length.
    if text.isascii():
        return convert(text)
    return "".join(c if len(convert(c)) != 1 else convert(c) for c in text)


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


def _string_function(name: str, transform: Callable[[str], str]) -> None:
    def impl(args: list[object]) -> object:
        a = _Args(name, args, 1, 1)
        text = a.string(0)
        a.done()
        return transform(text)

    _function(name)(impl)


_string_function("lower", lambda text: _simple_case(text, str.lower))
_string_function("upper", lambda text: _simple_case(text, str.upper))
_string_function("trimspace", lambda text: text.strip(_GO_SPACE))
_string_function("title", _title)


@_function("substr")
def _substr(args: list[object]) -> object:
    a = _Args("substr", args, 3, 3)
    text, offset, length = a.string(0), a.whole(1), a.whole(2)
    a.done()
    chars = _graphemes(text)
    if offset < 0:
        offset = max(offset + len(chars), 0)
    end = len(chars) if length < 0 else offset + length
    return "".join(chars[offset:end])


@_function("split")
def _split(args: list[object]) -> object:
    a = _Args("split", args, 2, 2)
    separator, text = a.string(0), a.string(1)
    a.done()
    count = len(text) if separator == "" else text.count(separator) + 1
    if count > MAX_COLLECTION:
        return UNKNOWN
    return list(text) if separator == "" else text.split(separator)


@_function("join")
def _join(args: list[object]) -> object:
    a = _Args("join", args, 1)
    separator = a.string(0)
    if len(args) == 1:
        raise _failed("join", "at least one list is required")
    items = [a.as_string(item) for value in args[1:] for item in a.as_list(value)]
    a.done()
    if sum(map(len, items)) + len(separator) * len(items) > _MAX_STRING:
        return UNKNOWN
    return separator.join(items)


@_function("replace")
def _replace(args: list[object]) -> object:
    a = _Args("replace", args, 3, 3)
    text, search, replacement = a.string(0), a.string(1), a.string(2)
    a.done()
    if len(search) > 1 and search[0] == "/" and search[-1] == "/":
        return _regex_replace(text, search[1:-1], replacement)
    count = len(text) + 1 if search == "" else text.count(search)
    if len(text) + count * (len(replacement) - len(search)) > _MAX_STRING:
        return UNKNOWN
    return text.replace(search, replacement)


# Regular expressions (RE2 in Terraform, `re` here) ----------------------------------------

_NOT_RE2 = ("(?=", "(?!", "(?<=", "(?<!", "(?>")
_RE2_LETTER_ESCAPES = set("afnrtvdDsSwWbBAxz")
_NOT_PYTHON_IN_CLASS = ("[:", "\\p", "\\P", "\\Q", "\\E", "\\C")
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")
_FLAGS_ONLY = re.compile(r"\(\?[imsU-]*\)")
_GROUP_OPEN = re.compile(r"\((?:\?P<\w+>|\?[imsU-]*:)?")
_TEMPLATE_REF = re.compile(r"\$(?:(\$)|\{(\w+)\}|(\w+))")


def _invalid_regex(detail: str) -> EvaluationError:
    return _failed("replace", f"invalid regular expression: {detail}")


class _Group(NamedTuple):
    risky: bool  # holds a quantifier or an alternation
    depth: int  # deepest nesting of quantifiers inside


class _Regex:
    """An RE2 pattern rewritten for Python's `re`, with a rough measure of how badly it can
    backtrack. `python` is None when the two engines might disagree about the pattern."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.quantifiers, self.branches = pattern, 0, 0
        self.nested = False  # a quantified group holds a quantifier or an alternation
        self.depth = 0  # 1 for a*, 2 for (a*)*, 3 for ((a*)*)* ...
        self.groups: list[_Group] = []  # the groups open at this point of the scan
        self.closed: _Group | None = None  # the group the previous token closed
        self.multiline = re.search(r"\(\?[a-zA-Z]*m", pattern) is not None
        self.python = self._scan()

    def affordable(self, length: int) -> bool:
        """Backtracking tries about length ** (quantifiers + 1) paths; once a quantified
        group holds a quantifier or an alternation ((a+)+, (a|b)*) it is exponential in the
        length, and deeper nesting than that is out of reach whatever the length."""
        budget = math.log(_REGEX_STEPS)
        if self.depth > 2:
            return False
        if self.nested:
            return length * math.log(self.quantifiers + self.branches + 1) <= budget
        return (self.quantifiers + 1) * math.log(length + 1) <= budget

    def _scan(self) -> str | None:
        out, index = [], 0
        while index < len(self.pattern):
            char, closed = self.pattern[index], self.closed
            self.closed = None
            if char in "*+?{":
                piece, index = self._quantifier(index, closed)
            elif char == "\\":
                piece, index = self._escape(index)
            elif char == "[":
                piece, index = self._char_class(index)
            else:
                piece, index = self._other(index)
            if piece is None:
                return None
            out.append(piece)
        return "".join(out)

    def _mark(self, risky: bool, depth: int) -> None:
        if self.groups:
            top = self.groups[-1]
            self.groups[-1] = _Group(top.risky or risky, max(top.depth, depth))

    def _quantifier(self, index: int, closed: _Group | None) -> tuple[str | None, int]:
        end = index + 1
        if self.pattern[index] == "{":
            repeat = _REPEAT.match(self.pattern, index)
            if repeat is None:
                return "\\{", end  # RE2 reads a stray brace literally; so must Python
            if any(int(n or 0) > 1000 for n in repeat.groups()):
                raise _invalid_regex("invalid repeat count")
            end = repeat.end()
        if self.pattern.startswith("?", end):
            end += 1  # lazy form: still one quantifier
        depth = closed.depth + 1 if closed else 1
        self.quantifiers, self.depth = self.quantifiers + 1, max(self.depth, depth)
        self.nested = self.nested or (closed is not None and closed.risky)
        self._mark(True, depth)
        return self.pattern[index:end], end

    def _escape(self, index: int) -> tuple[str | None, int]:
        char = self.pattern[index + 1 : index + 2]
        following = self.pattern[index + 2 : index + 3]
        if char == "":
            raise _invalid_regex("trailing backslash at end of expression")
        if char in "123456789":
            if following and following in "01234567":
                return None, index  # RE2 reads an octal escape, Python a backreference
            raise _invalid_regex(f"invalid escape sequence: \\{char}")
        if char in "pPQEC" or (char == "x" and following == "{"):
            return None, index  # RE2 syntax Python lacks
        if not char.isascii() or (char.isalpha() and char not in _RE2_LETTER_ESCAPES):
            raise _invalid_regex(f"invalid escape sequence: \\{char}")
        return ("\\Z" if char == "z" else "\\" + char), index + 2

    def _char_class(self, index: int) -> tuple[str | None, int]:
        end = index + 1
        end += self.pattern.startswith("^", end)
        end += self.pattern.startswith("]", end)
        while end < len(self.pattern) and self.pattern[end] != "]":
            if self.pattern[end : end + 2] in _NOT_PYTHON_IN_CLASS:
                return None, end  # POSIX and Unicode classes: Python has neither
            end += 2 if self.pattern[end] == "\\" else 1
        if end >= len(self.pattern):
            raise _invalid_regex("missing closing ]")
        return self.pattern[index : end + 1], end + 1

    def _other(self, index: int) -> tuple[str | None, int]:
        char = self.pattern[index]
        if char == "(":
            return self._open_group(index)
        if char == ")" and self.groups:
            self.closed = self.groups.pop()
            self._mark(self.closed.risky, self.closed.depth)
        elif char == "|":
            self.branches += 1
            self._mark(True, 0)
        elif char == "$" and not self.multiline:
            return "\\Z", index + 1  # RE2's $ is the very end; Python's also before a final \n
        return char, index + 1

    def _open_group(self, index: int) -> tuple[str | None, int]:
        if self.pattern.startswith(_NOT_RE2, index):
            raise _invalid_regex("lookaround and atomic groups are not supported")
        flags = _FLAGS_ONLY.match(self.pattern, index)
        opener = flags or _GROUP_OPEN.match(self.pattern, index)
        if opener is None or "U" in opener.group() or self.pattern.startswith("(?<", index):
            return None, index  # ungreedy mode, or (?<name>) that only newer RE2 reads
        if opener.group() == "(" and self.pattern.startswith("(?", index):
            raise _invalid_regex("invalid or unsupported Perl syntax")
        if flags is None:
            self.groups.append(_Group(False, 0))
        return opener.group(), opener.end()


def _compile(pattern: str) -> re.Pattern[str] | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nested-set FutureWarnings are RE2-valid syntax
        try:
            return re.compile(pattern, re.ASCII)
        except (re.error, OverflowError, RecursionError):
            return None  # Python refuses; RE2 might not, so we cannot call it an error


def _regex_replace(text: str, pattern: str, template: str) -> object:
    translated = _Regex(pattern)
    if translated.python is None or not translated.affordable(len(text)):
        return UNKNOWN
    compiled = _compile(translated.python)
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
        if size > _MAX_STRING:
            return UNKNOWN
        last, search = end, end if end > search else search + 1
    return "".join(out) + text[last:]


# format() --------------------------------------------------------------------------------

_VERB = re.compile(
    r"%(?P<flags>[-+# 0]*)(?:\[(?P<index>[1-9][0-9]*)\])?"
    r"(?P<width>[1-9][0-9]*|\*)?(?:\.(?P<prec>[0-9]*|\*))?(?P<verb>[A-Za-z]?)"
)
_VERBS = "vtbdoxXeEfgGsq"


class _Spec(NamedTuple):
    raw: str
    offset: int
    flags: str
    argnum: int | None
    width: int | None
    prec: int | None
    verb: str


def _go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _format_failed(detail: str) -> EvaluationError:
    return _failed("format", detail)


def _parse_verb(template: str, offset: int) -> _Spec:
    match = _VERB.match(template, offset)
    assert match is not None  # the pattern accepts a lone "%"
    raw, end = match.group(), match.end()
    if not match["verb"]:
        if end >= len(template):
            raise _format_failed(f"invalid format string starting at offset {offset}")
        char = _go_quote(template[end])
        raise _format_failed(f"unrecognized format character {char} at offset {end}")
    if match["verb"] not in _VERBS:
        verb = _go_quote(match["verb"])
        raise _format_failed(f"unsupported format verb {verb} in {_go_quote(raw)}")
    if "*" in (match["width"], match["prec"]):
        raise _Pending  # width from an argument: cty's support is version-dependent
    width = int(match["width"]) if match["width"] else None
    prec = int(match["prec"] or 0) if match["prec"] is not None else None
    if max(width or 0, prec or 0) > _MAX_WIDTH:
        raise _Pending
    index = int(match["index"]) if match["index"] else None
    return _Spec(raw, offset, match["flags"], index, width, prec, match["verb"])


@_function("format")
def _format(args: list[object]) -> object:
    a = _Args("format", args, 1)
    template = a.string(0)
    a.done()
    values = args[1:]
    if not all(is_known(value) for value in values):
        return UNKNOWN
    return _render(template, values)


def _render(template: str, values: list[object]) -> str:
    out, position, next_arg, highest = [], 0, 1, 0
    while (start := template.find("%", position)) >= 0:
        out.append(template[position:start])
        if template.startswith("%%", start):
            out.append("%")
            position = start + 2
            continue
        spec = _parse_verb(template, start)
        number = spec.argnum or next_arg
        if number > len(values):
            raise _format_failed(
                f"not enough arguments for {_go_quote(spec.raw)} at {start}: "
                f"need index {number} but have {len(values)} total"
            )
        out.append(_format_value(spec, values[number - 1]))
        next_arg, highest = number + 1, max(highest, number)
        position = start + len(spec.raw)
    out.append(template[position:])
    if highest < len(values):
        used = f"only {highest} used by format string" if highest else "no verbs in format string"
        raise _format_failed(f"too many arguments; {used}")
    return "".join(out)


def _format_value(spec: _Spec, value: object) -> str:
    where = f"unsupported value for {_go_quote(spec.raw)} at {spec.offset}"
    if value is None and spec.verb != "v":
        raise _format_failed(f"{where}: null value cannot be formatted")
    if spec.verb == "v":
        return _pad(_format_v(spec, value), spec)
    if spec.verb == "t":
        flag = to_bool(value)
        if not isinstance(flag, bool):
            raise _format_failed(f"{where}: bool required")
        return "true" if flag else "false"
    if spec.verb in "sq":
        text = to_string(value)
        if not isinstance(text, str):
            raise _format_failed(f"{where}: string required")
        if spec.prec:
            text = "".join(_graphemes(text)[: spec.prec])
        return _pad(_json_string(text) if spec.verb == "q" else text, spec)
    number = _finite(to_number(value))
    if number is None:
        raise _format_failed(f"{where}: a number is required")
    return _format_number(spec, number, where)


def _format_v(spec: _Spec, value: object) -> str:
    if "#" not in spec.flags and isinstance(value, str):
        return value
    number = _finite(value)
    if "#" not in spec.flags and number is not None:
        return _shortest_g(number)
    return _json(value)


def _pad(text: str, spec: _Spec) -> str:
    gap = (spec.width or 0) - len(_graphemes(text))
    if gap <= 0:
        return text
    if "-" in spec.flags:
        return text + " " * gap
    return ("0" if "0" in spec.flags else " ") * gap + text


def _format_number(spec: _Spec, number: Number, where: str) -> str:
    sign = "-" if number < 0 else "+" if "+" in spec.flags else " " if " " in spec.flags else ""
    if spec.verb in "bdoxX":
        if isinstance(number, float) and not number.is_integer():
            raise _format_failed(f"{where}: an integer is required")
        return _format_integer(spec, int(number), sign)
    if spec.verb in "gG" and spec.prec is None:
        body = _shortest_g(abs(number))
        body = body.upper() if spec.verb == "G" else body
    elif spec.verb == "f":
        body = format(_dec(abs(number)), f".{6 if spec.prec is None else spec.prec}f")
    else:
        body = format(float(abs(number)), f".{6 if spec.prec is None else spec.prec}{spec.verb}")
    return _assemble(sign, "", body, spec, zero_pad=True)


def _format_integer(spec: _Spec, number: int, sign: str) -> str:
    digits = format(abs(number), spec.verb)
    if spec.prec is not None:
        digits = "" if spec.prec == 0 and number == 0 else digits.zfill(spec.prec)
    prefix = {"b": "0b", "o": "0", "x": "0x", "X": "0X"}.get(spec.verb, "")
    prefix = prefix if "#" in spec.flags else ""
    return _assemble(sign, prefix, digits, spec, zero_pad=spec.prec is None)


def _assemble(sign: str, prefix: str, digits: str, spec: _Spec, zero_pad: bool) -> str:
    gap = (spec.width or 0) - len(sign) - len(prefix) - len(digits)
    if gap <= 0:
        return sign + prefix + digits
    if "-" in spec.flags:
        return sign + prefix + digits + " " * gap
    if "0" in spec.flags and zero_pad:
        return sign + prefix + "0" * gap + digits
    return " " * gap + sign + prefix + digits


def _shortest_g(number: Number) -> str:
    """Go's big.Float Text('g', -1): shortest digits, exponent form outside 1e-4 .. 1e6."""
    sign, digits, exponent = _dec(number).as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits)).rstrip("0") or "0"
    exponent += len(digits) - len(text)
    point = len(text) + exponent  # digits before the decimal point
    minus = "-" if sign else ""
    if text == "0":
        return "0"
    if not -4 <= point - 1 < 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{minus}{mantissa}e{'+' if point > 0 else '-'}{abs(point - 1):02d}"
    if point <= 0:
        return f"{minus}0.{'0' * -point}{text}"
    if point >= len(text):
        return minus + text + "0" * (point - len(text))
    return f"{minus}{text[:point]}.{text[point:]}"


def _json_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    # Go's encoding/json also escapes HTML-significant characters and line separators.
    for char in "<>&\u2028\u2029":
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def _json(value: object) -> str:
    """cty's JSON: compact, object keys sorted, numbers without exponent or trailing `.0`."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(to_string(value))
    number = _finite(value)
    if number is not None:
        return format(_dec(number), "f")
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, list):
        return "[" + ",".join(_json(item) for item in value) + "]"
    assert isinstance(value, dict)
    pairs = (f"{_json_string(key)}:{_json(value[key])}" for key in sorted(value))
    return "{" + ",".join(pairs) + "}"


# Collections -----------------------------------------------------------------------------


def _kind(value: object) -> str:
    return "number" if _is_number(value) else type_name(value)


def _unify(values: list[object], problem: str) -> list[object]:
    """Convert elements to one type as Terraform does: with a string among the primitives,
    everything becomes a string; otherwise mixed kinds have no common type (the problem)."""
    collections = {_kind(v) for v in values if isinstance(v, (list, dict))}
    primitives = {_kind(v) for v in values if isinstance(v, (str, int, float))}
    unknown = any(v is UNKNOWN for v in values)
    if len(collections) > 1 or (collections and primitives):
        raise EvaluationError(problem)
    if "string" in primitives and len(primitives) > 1:
        return [to_string(v) for v in values]
    if len(primitives) > 1 and not unknown:
        raise EvaluationError(problem)  # bool and number: neither converts to the other
    if unknown and primitives and primitives != {"string"}:
        # An UNKNOWN may be a string, which would turn these into strings: not ours to guess.
        return [UNKNOWN if isinstance(v, (int, float)) else v for v in values]
    return values


def _key(value: object) -> Hashable:
    """A hashable stand-in honouring Terraform equality: 1 == 1.0, but true != 1."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, list):
        return ("list", tuple(_key(item) for item in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, _key(v)) for k, v in value.items())))
    return (_kind(value), value)


def _no_single_type(kind: str) -> str:
    return f"Invalid function argument: cannot convert tuple to {kind} of any single type"


@_function("merge")
def _merge(args: list[object]) -> object:
    a = _Args("merge", args, 0)
    result: dict[str, object] = {}
    for value in args:
        if value is not None:
            result.update(a.as_map(value))
    a.done()
    return result


@_function("concat")
def _concat(args: list[object]) -> object:
    a = _Args("concat", args, 1)
    lists = [a.as_list(value) for value in args]
    a.done()
    if sum(map(len, lists)) > MAX_COLLECTION:
        return UNKNOWN
    return [item for items in lists for item in items]


@_function("tomap")
def _tomap(args: list[object]) -> object:
    a = _Args("tomap", args, 1, 1)
    if args[0] is None:
        return None
    mapping = a.as_map(args[0])
    a.done()
    problem = "Invalid function argument: cannot convert object to map of any single type"
    return dict(zip(mapping, _unify(list(mapping.values()), problem), strict=True))


@_function("tolist")
def _tolist(args: list[object]) -> object:
    a = _Args("tolist", args, 1, 1)
    if args[0] is None:
        return None
    items = a.as_list(args[0])
    a.done()
    return _unify(items, _no_single_type("list"))


@_function("toset")
def _toset(args: list[object]) -> object:
    a = _Args("toset", args, 1, 1)
    if args[0] is None:
        return None
    items = _unify(a.as_list(args[0]), _no_single_type("set"))
    a.done()
    if not is_known(items):
        return UNKNOWN  # an unknown element may equal another: even the size is unknown
    seen: dict[Hashable, object] = {}
    for item in items:
        seen.setdefault(_key(item), item)
    return list(seen.values())


@_function("keys")
def _keys(args: list[object]) -> object:
    a = _Args("keys", args, 1, 1)
    mapping = a.as_map(args[0])
    a.done()
    return sorted(mapping)


@_function("values")
def _values(args: list[object]) -> object:
    a = _Args("values", args, 1, 1)
    mapping = a.as_map(args[0])
    a.done()
    return [mapping[key] for key in sorted(mapping)]


@_function("contains")
def _contains(args: list[object]) -> object:
    a = _Args("contains", args, 2, 2)
    items = a.as_list(args[0])
    a.done()
    if not (is_known(items) and is_known(args[1])):
        return UNKNOWN
    return any(_equal(item, args[1]) is True for item in items)


@_function("length")
def _length(args: list[object]) -> object:
    a = _Args("length", args, 1, 1)
    value = args[0]
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, str):
        return len(_graphemes(value))
    if isinstance(value, (list, dict)):
        return len(value)
    raise a.bad(value, "a string, list or map")


@_function("lookup")
def _lookup(args: list[object]) -> object:
    a = _Args("lookup", args, 2, 3)
    mapping, key = a.as_map(args[0]), a.string(1)
    a.done()
    if key in mapping:
        return mapping[key]
    if len(args) == 3:
        return args[2]
    raise EvaluationError(f'lookup: key "{key}" not found and no default given')


@_function("coalesce")
def _coalesce(args: list[object]) -> object:
    _Args("coalesce", args, 1)
    problem = _failed("coalesce", "all arguments must have the same type")
    for value in _unify(args, str(problem)):
        if value is UNKNOWN:
            return UNKNOWN
        if value is not None and value != "":
            return value
    raise _failed("coalesce", "no non-null, non-empty-string arguments")


@_function("range")
def _range(args: list[object]) -> object:
    a = _Args("range", args, 1, 3)
    numbers = [_dec(a.as_number(value)) for value in args]
    a.done()
    start, limit = (Decimal(0), numbers[0]) if len(numbers) == 1 else numbers[:2]
    step = numbers[2] if len(numbers) == 3 else Decimal(1 if limit >= start else -1)
    if step == 0:
        raise _failed("range", "step must not be zero")
    quotient = _DECIMAL.divide(_DECIMAL.subtract(limit, start), step)
    count = max(quotient.to_integral_value(rounding=ROUND_CEILING), Decimal(0))
    if count > MAX_COLLECTION:
        return UNKNOWN
    return [_from_dec(_DECIMAL.add(start, _DECIMAL.multiply(step, n))) for n in range(int(count))]


# Conversions and numbers -----------------------------------------------------------------


@_function("tostring")
def _tostring(args: list[object]) -> object:
    a = _Args("tostring", args, 1, 1)
    if args[0] is None:
        return None
    text = a.string(0)
    a.done()
    return text


@_function("tonumber")
def _tonumber(args: list[object]) -> object:
    a = _Args("tonumber", args, 1, 1)
    if args[0] is None:
        return None
    number = a.number(0)
    a.done()
    return number


def _numeric_function(name: str, many: bool, op: Callable[[list[Number]], Number]) -> None:
    def impl(args: list[object]) -> object:
        a = _Args(name, args, 1, None if many else 1)
        numbers = [a.as_number(value) for value in args]
        a.done()
        return _num(op(numbers))

    _function(name)(impl)


_numeric_function("min", True, min)
_numeric_function("max", True, max)
_numeric_function("abs", False, lambda n: abs(n[0]))
_numeric_function("floor", False, lambda n: math.floor(n[0]))
_numeric_function("ceil", False, lambda n: math.ceil(n[0]))


# Operators -------------------------------------------------------------------------------


def _equal(left: object, right: object) -> object:
    """Terraform's ==: True, False or UNKNOWN; no conversion but 1 == 1.0."""
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if _is_number(left) and _is_number(right):
        return left == right
    if type(left) is not type(right):
        return False
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and _all_equal(zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        same_keys = left.keys() == right.keys()
        return same_keys and _all_equal((left[k], right[k]) for k in left)
    return left == right


def _all_equal(pairs: Iterable[tuple[object, object]]) -> object:
    result: object = True
    for left, right in pairs:
        outcome = _equal(left, right)
        if outcome is False:
            return False  # one known difference settles it, whatever else is unknown
        result = UNKNOWN if outcome is UNKNOWN else result
    return result


def _operand(value: object, side: str) -> object:
    """A number for arithmetic or comparison, converting numeric strings; or UNKNOWN."""
    if value is UNKNOWN:
        return UNKNOWN
    if value is None:
        raise EvaluationError(
            f"Invalid operand: Unsuitable value for {side} operand: argument must not be null"
        )
    try:
        number = _finite(to_number(value))
    except _Pending:
        return UNKNOWN
    if number is None:
        raise EvaluationError(
            f"Invalid operand: Unsuitable value for {side} operand: a number is required"
        )
    return number


def _flag(value: object, side: str) -> object:
    if value is UNKNOWN:
        return UNKNOWN
    flag = to_bool(value)
    if not isinstance(flag, bool):
        detail = "argument must not be null" if value is None else "a bool is required"
        raise EvaluationError(f"Invalid operand: Unsuitable value for {side} operand: {detail}")
    return flag


def _arithmetic(op: str, left: Number, right: Number) -> object:
    if op in "/%" and right == 0:
        raise EvaluationError("Division by zero")
    if isinstance(left, int) and isinstance(right, int):
        return _integer_arithmetic(op, left, right)
    if op == "%":
        try:
            return _from_dec(_DECIMAL.remainder(_dec(left), _dec(right)))
        except InvalidOperation:  # a quotient beyond 34 digits: floats are all we have
            return _num(math.fmod(left, right))
    operation = {
        "+": _DECIMAL.add,
        "-": _DECIMAL.subtract,
        "*": _DECIMAL.multiply,
        "/": _DECIMAL.divide,
    }[op]
    return _from_dec(operation(_dec(left), _dec(right)))


def _integer_arithmetic(op: str, left: int, right: int) -> object:
    if op == "%":
        remainder = abs(left) % abs(right)  # like Go's math.Mod: the sign follows the dividend
        return remainder if left >= 0 else -remainder
    if op == "/":
        if left % right:
            return _from_dec(_DECIMAL.divide(Decimal(left), Decimal(right)))
        return _num(left // right)
    return _num(left + right if op == "+" else left - right if op == "-" else left * right)


_COMPARE: dict[str, Callable[[Number, Number], bool]] = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def binary(op: str, left: object, right: object) -> object:
    """Apply a binary operator as Terraform does; UNKNOWN in, UNKNOWN out (bar && and ||)."""
    if op in ("==", "!="):
        equal = _equal(left, right)
        return equal if equal is UNKNOWN or op == "==" else not equal
    if op in ("&&", "||"):
        return _logical(op, _flag(left, "left"), _flag(right, "right"))
    if op not in ("+", "-", "*", "/", "%") and op not in _COMPARE:
        raise EvaluationError(f"Unsupported operator: {op}")
    a, b = _operand(left, "left"), _operand(right, "right")
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    assert isinstance(a, (int, float)) and isinstance(b, (int, float))
    return _COMPARE[op](a, b) if op in _COMPARE else _arithmetic(op, a, b)


def _logical(op: str, left: object, right: object) -> object:
    # A known false (for &&) or true (for ||) settles it whatever the other side is.
    decisive = op == "||"
    if left is decisive or right is decisive:
        return decisive
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    return not decisive


def unary(op: str, operand: object) -> object:
    """Apply `-` (numbers) or `!` (bools); UNKNOWN stays UNKNOWN."""
    if op == "!":
        flag = _flag(operand, "unary")
        return flag if flag is UNKNOWN else not flag
    if op != "-":
        raise EvaluationError(f"Unsupported operator: {op}")
    number = _operand(operand, "unary")
    if number is UNKNOWN:
        return UNKNOWN
    assert isinstance(number, (int, float))
    return _num(-number)
