"""Terraform's built-in functions and operators. Every function and operator has a normal
case, a type-conversion case, an UNKNOWN-propagation case and (where Terraform has one) an
error case; the coverage tests at the end keep it that way as functions are added."""

from __future__ import annotations

import math
import time
from fractions import Fraction

import pytest

from tfgen.terraform.functions import (
    FUNCTIONS,
    MAX_COLLECTION,
    EvaluationError,
    binary,
    call,
    unary,
)
from tfgen.terraform.numbers import is_number, number_text, rounded
from tfgen.terraform.values import UNKNOWN, ListValue, parse_number

U = UNKNOWN


def tf(value: object) -> object:
    """The tables write numbers as Python literals: a float stands for the Terraform number of
    the same literal (`0.1` is 0.1 to 512 bits, not the double nearest 0.1)."""
    if isinstance(value, list):
        return type(value)(tf(item) for item in value)  # a ListValue stays a list
    if isinstance(value, dict):
        return {key: tf(item) for key, item in value.items()}
    if isinstance(value, float) and math.isfinite(value):
        return parse_number(repr(value))
    return value


def typed(value: object) -> object:
    """Comparable form that tells 1 from "1" from True, which == alone does not; a number
    as Terraform prints it."""
    value = tf(value)
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    if isinstance(value, dict):
        return ("dict", {key: typed(item) for key, item in value.items()})
    if is_number(value):
        return ("number", number_text(value))
    return (type(value).__name__, value)


# (function, arguments, expected result)
NORMAL: list[tuple[str, list[object], object]] = [
    ("merge", [{"a": 1, "b": 1}, {"b": 2, "c": 3}], {"a": 1, "b": 2, "c": 3}),
    ("lower", ["HeLLo"], "hello"),
    ("upper", ["hello"], "HELLO"),
    ("trimspace", ["  hello \n\t"], "hello"),
    ("format", ["%s has %d items", "list", 3], "list has 3 items"),
    ("join", [", ", ["a", "b", "c"]], "a, b, c"),
    ("concat", [["a"], ["b", "c"]], ["a", "b", "c"]),
    ("tomap", [{"a": "x", "b": "y"}], {"a": "x", "b": "y"}),
    ("tostring", ["hello"], "hello"),
    ("tonumber", [42], 42),
    ("coalesce", [None, "", "b", "c"], "b"),
    ("lookup", [{"a": "ay", "b": "bee"}, "a", "what?"], "ay"),
    ("length", [["a", "b", "c"]], 3),
    ("range", [1, 10, 3], [1, 4, 7]),
    ("replace", ["1 + 2 + 3", "+", "-"], "1 - 2 - 3"),
    ("toset", [["c", "b", "c"]], ["b", "c"]),  # cty orders a set of strings
    ("tolist", [["a", "b"]], ["a", "b"]),
    ("keys", [{"b": 2, "a": 1}], ["a", "b"]),
    ("values", [{"b": 2, "a": 1}], [1, 2]),
    ("contains", [["a", "b"], "b"], True),
    ("title", ["hello wORLD"], "Hello WORLD"),
    ("substr", ["hello world", 1, 4], "ello"),
    ("split", [",", "a,b,c"], ["a", "b", "c"]),
    ("min", [12, 54, 3], 3),
    ("max", [12, 54, 3], 54),
    ("abs", [-12.4], 12.4),
    ("floor", [4.9], 4),
    ("ceil", [4.1], 5),
    ("element", [["a", "b", "c"], 4], "b"),  # the index wraps around
    ("index", [["a", "b"], "b"], 1),
    ("slice", [["a", "b", "c"], 1, 3], ["b", "c"]),
    ("chunklist", [["a", "b", "c"], 2], [["a", "b"], ["c"]]),
    ("reverse", [[1, 2, 3]], [3, 2, 1]),
    ("distinct", [["a", "b", "a"]], ["a", "b"]),
    ("flatten", [[["a", ["b"]], "c"]], ["a", "b", "c"]),
    ("compact", [["a", "", None, "b"]], ["a", "b"]),
    ("sort", [["b", "a", "C"]], ["C", "a", "b"]),
    ("sum", [[1, 2, 3.5]], 6.5),
    ("alltrue", [[True, True]], True),
    ("anytrue", [[False, True]], True),
    ("zipmap", [["a", "b"], [1, 2]], {"a": 1, "b": 2}),
    ("setunion", [["b"], ["a", "b"]], ["a", "b"]),
    ("setintersection", [["a", "b"], ["b", "c"]], ["b"]),
    ("setsubtract", [["a", "b"], ["b"]], ["a"]),
    ("startswith", ["hello", "he"], True),
    ("endswith", ["hello", "lo"], True),
    ("trim", ["?!hello?!", "!?"], "hello"),
    ("trimprefix", ["helloworld", "hello"], "world"),
    ("trimsuffix", ["helloworld", "world"], "hello"),
    ("strrev", ["hello"], "olleh"),
    ("chomp", ["hello\n\n"], "hello"),
    ("base64encode", ["Hello"], "SGVsbG8="),
    ("base64decode", ["SGVsbG8="], "Hello"),
    ("sensitive", ["a"], "a"),
    ("nonsensitive", ["a"], "a"),
    ("indent", [2, "a\nb"], "a\n  b"),
    ("formatlist", ["<%s>", ["a", "b"]], ["<a>", "<b>"]),
    ("regex", ["[a-z]+", "53abc"], "abc"),
    ("regexall", ["[a-z]+", "a1b"], ["a", "b"]),
    ("jsonencode", [{"b": [1, "x"], "a": None}], '{"a":null,"b":[1,"x"]}'),
    ("jsondecode", ['{"a": [1, true]}'], {"a": [1, True]}),
    ("signum", [-3], -1),
    ("parseint", ["ff", 16], 255),
    ("cidrhost", ["10.12.112.0/20", 16], "10.12.112.16"),
    ("cidrnetmask", ["172.16.0.0/12"], "255.240.0.0"),
    ("cidrsubnet", ["10.1.2.0/24", 4, 15], "10.1.2.240/28"),
]

# Terraform converts arguments to the type a parameter wants, or unifies element types.
CONVERSION: list[tuple[str, list[object], object]] = [
    ("merge", [{"a": 1}, None, {"a": "x"}], {"a": "x"}),  # null skipped; objects keep types
    ("lower", [True], "true"),
    ("upper", [3], "3"),
    ("trimspace", [1.5], "1.5"),
    ("format", ["%d|%s|%s", "12", 1.5, True], "12|1.5|true"),
    ("join", ["-", [1, 2, True]], "1-2-true"),
    ("concat", [[1], ["a", True]], [1, "a", True]),  # tuples keep each element's type
    ("tomap", [{"a": 1, "b": "x", "c": True}], {"a": "1", "b": "x", "c": "true"}),
    ("tostring", [2.0], "2"),
    ("tonumber", ["1.5e3"], 1500),
    ("coalesce", ["", 1], "1"),  # unified to string, so "" is skipped
    ("lookup", [{"1": "one"}, 1], "one"),
    ("length", [{"a": 1, "b": 2}], 2),
    ("range", ["3"], [0, 1, 2]),
    ("replace", [12321, 2, 0], "10301"),
    ("toset", [["1", 1, 2]], ["1", "2"]),
    ("tolist", [["a", 1, False]], ["a", "1", "false"]),
    ("keys", [{"2": 1, "10": 1}], ["10", "2"]),  # keys are strings, sorted as strings
    ("values", [{"a": 1, "b": "x"}], [1, "x"]),  # object attributes keep their own types
    ("contains", [[1, 2], 2.0], True),
    ("title", [False], "False"),
    ("substr", [12345, "1", "2"], "23"),
    ("split", [0, 10203], ["1", "2", "3"]),
    ("min", ["3", 2.5], 2.5),
    ("max", ["10", 9], 10),
    ("abs", ["-3"], 3),
    ("floor", ["-1.5"], -2),
    ("ceil", ["2"], 2),
    ("element", [[1, "a"], 0], "1"),  # a list(any) parameter: the tuple becomes strings
    ("index", [["1", 2], "2"], 1),  # unified to strings; the value itself is not converted
    ("slice", [["a", "b"], "0", "1"], ["a"]),
    ("chunklist", [[1, "a"], "1"], [["1"], ["a"]]),
    ("reverse", [[1, "a"]], ["a", 1]),  # a tuple keeps its element types
    ("distinct", [[1, "1", 1]], ["1"]),
    ("flatten", [[[1], ["a"]]], [1, "a"]),
    ("compact", [[1, ""]], ["1"]),
    ("sort", [[10, 9]], ["10", "9"]),  # sorted as strings
    ("sum", [["1", 2]], 3),
    ("alltrue", [["true", True]], True),
    ("anytrue", [["false"]], False),
    ("zipmap", [[1, 2], ["a", "b"]], {"1": "a", "2": "b"}),
    ("setunion", [[1], ["1"]], ["1"]),
    ("setintersection", [[1, 2], ["2"]], ["2"]),
    ("setsubtract", [[1, 2], ["1"]], ["2"]),
    ("startswith", [123, 1], True),
    ("endswith", [123, 3], True),
    ("trim", [1221, 1], "22"),
    ("trimprefix", [123, 1], "23"),
    ("trimsuffix", [123, 3], "12"),
    ("strrev", [123], "321"),
    ("chomp", [5], "5"),
    ("base64encode", [1], "MQ=="),
    ("base64decode", ["MQ=="], "1"),
    ("sensitive", [1], 1),
    ("nonsensitive", [True], True),
    ("indent", ["2", "a\nb"], "a\n  b"),
    ("formatlist", ["%s=%d", ["a", "b"], "1"], ["a=1", "b=1"]),  # a non-list repeats
    ("regex", ["[0-9]+", 123], "123"),
    ("regexall", ["[0-9]", 12], ["1", "2"]),
    ("jsonencode", [1.5], "1.5"),
    ("jsondecode", ["0.1"], 0.1),
    ("signum", ["-2"], -1),
    ("parseint", ["-101", "2"], -5),
    ("cidrhost", ["10.0.0.0/8", "-1"], "10.255.255.255"),  # negative: from the end
    ("cidrnetmask", ["10.0.0.1/8"], "255.0.0.0"),
    ("cidrsubnet", ["fd00:fd12:3456:7890::/56", "16", "162"], "fd00:fd12:3456:7800:a200::/72"),
]

# Results that depend on an UNKNOWN are UNKNOWN; known shapes survive unknown elements.
UNKNOWNS: list[tuple[str, list[object], object]] = [
    ("merge", [{"a": 1}, U], U),
    ("lower", [U], U),
    ("upper", [U], U),
    ("trimspace", [U], U),
    ("format", ["id-%s", U], U),
    ("join", ["-", ["a", U]], U),
    ("concat", [["a"], U], U),
    ("tomap", [{"a": "x", "b": U}], {"a": "x", "b": U}),
    ("tostring", [U], U),
    ("tonumber", [U], U),
    ("coalesce", [None, U, "x"], U),
    ("lookup", [{"a": U, "b": 2}, "a"], U),
    ("length", [[U, U]], 2),
    ("range", [U], U),
    ("replace", ["abc", U, "x"], U),
    ("toset", [["a", U]], U),
    ("tolist", [U], U),
    ("keys", [{"b": U, "a": 1}], ["a", "b"]),
    ("values", [{"b": U, "a": 1}], [1, U]),
    ("contains", [["a", U], "b"], U),
    ("title", [U], U),
    ("substr", ["hello", U, 2], U),
    ("split", [",", U], U),
    ("min", [1, U], U),
    ("max", [U, 1], U),
    ("abs", [U], U),
    ("floor", [U], U),
    ("ceil", [U], U),
    ("element", [U, 0], U),
    ("index", [["a", U], "a"], U),
    ("slice", [["a"], U, 1], U),
    ("chunklist", [U, 1], U),
    ("reverse", [U], U),
    ("distinct", [["a", U]], U),
    ("flatten", [[["a"], U]], U),
    ("compact", [U], U),
    ("sort", [["a", U]], U),
    ("sum", [[1, U]], U),
    ("alltrue", [[True, U]], U),
    ("anytrue", [[False, U]], U),
    ("zipmap", [U, ["a"]], U),
    ("setunion", [["a"], U], U),
    ("setintersection", [U, ["a"]], U),
    ("setsubtract", [["a"], U], U),
    ("startswith", [U, "a"], U),
    ("endswith", ["a", U], U),
    ("trim", [U, " "], U),
    ("trimprefix", [U, "a"], U),
    ("trimsuffix", [U, "a"], U),
    ("strrev", [U], U),
    ("chomp", [U], U),
    ("base64encode", [U], U),
    ("base64decode", [U], U),
    ("sensitive", [U], U),
    ("nonsensitive", [U], U),
    ("indent", [U, "a"], U),
    ("formatlist", ["%s", U], U),
    ("regex", ["a", U], U),
    ("regexall", [U, "a"], U),
    ("jsonencode", [[1, U]], U),
    ("jsondecode", [U], U),
    ("signum", [U], U),
    ("parseint", [U, 10], U),
    ("cidrhost", [U, 1], U),
    ("cidrnetmask", [U], U),
    ("cidrsubnet", ["10.0.0.0/8", U, 1], U),
]

# (function, arguments, a fragment of the one-line message)
ERRORS: list[tuple[str, list[object], str]] = [
    ("merge", [{"a": 1}, ["b"]], "merge expects a map or object, got tuple"),
    ("lower", [["a"]], "lower expects a string, got tuple"),
    ("upper", [{"a": 1}], "Invalid function argument: upper expects a string, got object"),
    ("trimspace", [None], "trimspace expects a string, got null"),
    ("format", ["%d", 1.5], "an integer is required"),
    ("join", ["-", [["a"]]], "join expects a string, got tuple"),
    ("concat", [["a"], "b"], "concat expects a list, got string"),
    ("tomap", [{"a": 1, "b": True}], "cannot convert object to map of any single type"),
    ("tostring", [[1]], "tostring expects a string, got tuple"),
    ("tonumber", ["twelve"], "tonumber expects a number, got string"),
    ("coalesce", [None, None], "no non-null, non-empty-string arguments"),
    ("lookup", [{"a": 1}, "x"], 'lookup: key "x" not found and no default given'),
    ("length", [5], "length expects a string, list or map, got number"),
    ("range", [0, 10, 0], "step must not be zero"),
    ("replace", ["abc", "/(?=b)/", "x"], "invalid regular expression"),
    ("toset", [{"a": 1}], "toset expects a list, got object"),
    ("tolist", ["abc"], "tolist expects a list, got string"),
    ("keys", [["a"]], "keys expects a map or object, got tuple"),
    ("values", ["a"], "values expects a map or object, got string"),
    ("contains", ["abc", "a"], "contains expects a list, got string"),
    ("title", [], 'Function "title" expects 1 argument(s)'),
    ("substr", ["hello", 1.5, 1], "substr expects a whole number, got 1.5"),
    ("split", [",", "a", "b"], 'Function "split" expects at most 2 argument(s)'),
    ("min", [], 'Function "min" expects at least 1 argument(s)'),
    ("max", [[1, 2]], "max expects a number, got tuple"),
    ("abs", [True], "abs expects a number, got bool"),
    ("floor", ["x"], "floor expects a number, got string"),
    ("ceil", [None], "ceil expects a number, got null"),
    ("element", [[], 0], "cannot use element function with an empty list"),
    ("index", [["a"], "b"], "item not found"),
    ("slice", [["a"], 0, 2], "to index must be less than or equal to the length"),
    ("chunklist", [["a"], -1], "the size argument must be positive"),
    ("reverse", ["abc"], "reverse expects a list, got string"),
    ("distinct", ["a"], "distinct expects a list, got string"),
    ("flatten", [{"a": 1}], "flatten expects a list, got object"),
    ("compact", [[["a"]]], "compact expects a list of strings"),
    ("sort", [[["a"]]], "not a string"),
    ("sum", [[]], "cannot sum an empty list"),
    ("alltrue", [["yes"]], "alltrue expects a bool, got string"),
    ("anytrue", [[1]], "anytrue expects a bool, got number"),
    ("zipmap", [["a"], [1, 2]], "number of keys and number of values must be the same"),
    ("setunion", ["a"], "setunion expects a list, got string"),
    ("setintersection", [{"a": 1}], "setintersection expects a list, got object"),
    ("setsubtract", [["a"]], "expects at least 2 argument(s)"),
    ("startswith", [["a"], "a"], "startswith expects a string, got tuple"),
    ("endswith", ["a", None], "endswith expects a string, got null"),
    ("trim", ["a"], "expects 2 argument(s)"),
    ("trimprefix", [{"a": 1}, "a"], "trimprefix expects a string, got object"),
    ("trimsuffix", ["a", ["a"]], "trimsuffix expects a string, got tuple"),
    ("strrev", [["a"]], "strrev expects a string, got tuple"),
    ("chomp", [None], "chomp expects a string, got null"),
    ("base64encode", [["a"]], "base64encode expects a string, got tuple"),
    ("base64decode", ["%%%"], "not valid base64"),
    ("sensitive", [], "expects 1 argument(s)"),
    ("nonsensitive", [1, 2], "expects at most 1 argument(s)"),
    ("indent", ["x", "a"], "indent expects a number, got string"),
    ("formatlist", ["%s", ["a"], ["b", "c"]], "must have the same length"),
    ("regex", ["b", "a"], "pattern did not match"),
    ("regexall", ["(?<=a)b", "ab"], "invalid"),  # RE2 has no lookbehind
    ("jsonencode", [], "expects 1 argument(s)"),
    ("jsondecode", ["{"], "not valid JSON"),
    ("signum", ["x"], "signum expects a number, got string"),
    ("parseint", ["z", 10], "cannot parse"),
    ("cidrhost", ["x", 1], "invalid CIDR expression"),
    ("cidrnetmask", ["::/64"], "only IPv4"),
    ("cidrsubnet", ["10.0.0.0/30", 4, 1], "insufficient address space"),
]


def _id(case: tuple[object, ...]) -> str:
    return str(case[0])


@pytest.mark.parametrize(("name", "args", "expected"), NORMAL, ids=map(_id, NORMAL))
def test_normal_case(name: str, args: list[object], expected: object) -> None:
    assert typed(call(name, tf(args))) == typed(expected)


@pytest.mark.parametrize(("name", "args", "expected"), CONVERSION, ids=map(_id, CONVERSION))
def test_type_conversion(name: str, args: list[object], expected: object) -> None:
    assert typed(call(name, tf(args))) == typed(expected)


@pytest.mark.parametrize(("name", "args", "expected"), UNKNOWNS, ids=map(_id, UNKNOWNS))
def test_unknown_propagates(name: str, args: list[object], expected: object) -> None:
    assert typed(call(name, tf(args))) == typed(expected)


# Further errors Terraform raises, beyond the one per function above.
MORE_ERRORS: list[tuple[str, list[object], str]] = [
    ("tolist", [[1, True]], "cannot convert tuple to list of any single type"),
    ("toset", [[["a"], "b"]], "cannot convert tuple to set of any single type"),
    ("coalesce", [True, 1], "all arguments must have the same type"),
    ("join", ["-"], "at least one list is required"),
    ("join", ["-", ["a", None]], "join expects a string, got null"),
    ("lookup", [["a"], "0"], "lookup expects a map or object, got tuple"),
    ("substr", ["abc", 0, "x"], "substr expects a number, got string"),
    ("range", [1, "a"], "range expects a number, got string"),
    ("replace", ["abc", "/a{1001}/", ""], "invalid repeat count"),
    ("replace", ["abc", "/(/", ""], "invalid regular expression"),
    ("regex", ["[a", "a"], "invalid regular expression"),
    ("signum", [0.5], "expects a whole number"),  # Terraform converts it to a Go int
    ("element", [["a"], 2**63], "expects a whole number"),
    ("element", [["a", "b"], -1], "negative index"),  # ... but a tuple does not
    ("range", [5, 1, 1], "the other way"),
]


@pytest.mark.parametrize(
    ("name", "args", "fragment"), ERRORS + MORE_ERRORS, ids=map(_id, ERRORS + MORE_ERRORS)
)
def test_terraform_error(name: str, args: list[object], fragment: str) -> None:
    with pytest.raises(EvaluationError) as raised:
        call(name, tf(args))
    assert fragment in str(raised.value)
    assert "\n" not in str(raised.value)


# More of each function's contract, where Terraform's behaviour has corners.
DETAILS: list[tuple[str, list[object], object]] = [
    ("merge", [], {}),
    ("lookup", [{"a": 1}, "b", None], None),
    ("lookup", [{"a": 1, "b": U}, "a"], 1),  # only the value looked up needs to be known
    ("lookup", [U, "a", "default"], U),
    ("length", ["héllo"], 5),
    ("length", ["e\u0301"], 1),  # a grapheme cluster, as Terraform counts
    ("length", [{"a": U}], 1),
    ("length", [U], U),
    ("range", [3], [0, 1, 2]),
    ("range", [3, 0], [3, 2, 1]),
    ("range", [0, 1, 0.25], [0, 0.25, 0.5, 0.75]),
    ("range", [0, 0.5, 0.1], [0, 0.1, 0.2, 0.3, 0.4]),
    ("range", [MAX_COLLECTION], list(range(MAX_COLLECTION))),
    ("range", [MAX_COLLECTION + 1], U),
    ("concat", [list(range(MAX_COLLECTION)), [1]], U),
    ("concat", [[U], ["a"]], [U, "a"]),
    ("coalesce", ["a", U], "a"),
    ("coalesce", [1, U], U),  # U might be a string, which would make the result "1"
    ("coalesce", [U, None], U),
    ("tomap", [{"a": 1, "b": U}], {"a": U, "b": U}),  # same reason: a string U converts 1
    ("tomap", [None], None),
    ("toset", [[1, 1.0, 2]], [1, 2]),
    ("tolist", [["a", U, 1]], ["a", U, "1"]),
    ("contains", [["1"], 1], False),  # no conversion, as for ==
    ("contains", [[1, U], 1], U),
    ("keys", [U], U),
    ("substr", ["hello world", -5, -1], "world"),
    ("substr", ["hello world", 6, 10], "world"),
    ("substr", ["hello", 10, 1], ""),
    ("substr", ["🤔🤷", 0, 1], "🤔"),
    # What Terraform 1.11 answers (checked with its CLI): a zero length from the end runs on.
    ("substr", ["abcdef", -3, 0], "def"),
    ("substr", ["abcdef", 1, 0], ""),
    ("substr", ["abcdef", -9, 2], "ab"),
    ("lower", ["\u0130"], "i"),  # Go's one-rune mapping, not Python's "i\u0307"
    ("element", [ListValue(["a", "b", "c"]), -1], "c"),  # a list counts back from its end
    ("element", [ListValue(["a", "b", "c"]), -5], "b"),
    ("split", [",", ""], [""]),
    ("split", ["", "abc"], ["a", "b", "c"]),
    ("split", ["", "x" * (MAX_COLLECTION + 1)], U),
    ("title", ["hello-world_foo bar"], "Hello-World_foo Bar"),
    ("upper", ["straße"], "STRAßE"),  # rune by rune, as Go does
    ("trimspace", ["\u00a0x\u3000"], "x"),
    ("join", ["-", ["a"], ["b", "c"]], "a-b-c"),
    ("join", ["-", []], ""),
    ("min", [1, 1.5], 1),
    ("floor", [-0.5], -1),
    ("tostring", [None], None),
    ("tonumber", [None], None),
    ("nosuchfunction", [1], U),
    # Terraform counts grapheme clusters (Unicode's \X), as the regex package finds them.
    ("length", ["a\u200db"], 2),
    ("length", ["\u1100\u1161\u11a8"], 1),  # Hangul jamo: one syllable
    ("length", ["\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"], 1),
    ("strrev", ["e\u0301x"], "xe\u0301"),
    # RE2's Unicode classes, with \w, \d and \s still ASCII beside them.
    ("regexall", ["\\pL+", "\u0130ab1 \u00e9"], ["\u0130ab", "\u00e9"]),
    ("replace", ["a1\u00e9", "/\\pL/", "_"], "_1_"),
    ("regex", ["[\\pL\\d]+", "\u00e91x!"], "\u00e91x"),
    ("regex", ["\\p{Greek}\\w", "x\u03b1\u03b2b"], "\u03b2b"),
    ("regex", ["\\w+", "\u00e91x"], "1x"),
]


@pytest.mark.parametrize(("name", "args", "expected"), DETAILS, ids=map(_id, DETAILS))
def test_function_details(name: str, args: list[object], expected: object) -> None:
    assert typed(call(name, tf(args))) == typed(expected)


FORMATS: list[tuple[list[object], object]] = [
    (["%s", 42], "42"),
    (["%s", 1.5], "1.5"),
    (["%5d|%-5d|%05d", 3, 4, -5], "    3|4    |-0005"),
    (["%+d % d", 5, 5], "+5  5"),
    (["%f", 1], "1.000000"),
    (["%.2f", 3.14159], "3.14"),
    (["%8.3f|", -3.14159], "  -3.142|"),
    (["%q", 'say "hi"'], '"say \\"hi\\""'),
    (["%q", "<a>"], '"\\u003ca\\u003e"'),  # Go's JSON escapes HTML characters
    (["%v|%v|%v", "a", 12, True], "a|12|true"),
    (["%v", 1234567], "1.234567e+06"),  # cty prints %v numbers in %g's shortest form
    (["%v", 0.0001], "0.0001"),
    (["%v", None], None),  # a null argument makes the whole result null
    (["x%sy", None], None),
    (["%.[1]s|%.1s", "ab", "cd"], "ab|c"),
    (["%v", {"b": [1, "x"], "a": None}], '{"a":null,"b":[1,"x"]}'),
    (["%v", [0.5, 1e-07]], "[0.5,0.0000001]"),  # JSON numbers never use an exponent
    (["%#v", "a"], '"a"'),
    (["%t", "true"], "true"),
    (["%x %X %o %b %#x", 255, 255, 8, 5, 255], "ff FF 10 101 0xff"),
    (["%e", 123456], "1.234560e+05"),
    (["%g %.3g", 1e21, 1234.5], "1e+21 1.23e+03"),
    (["100%%"], "100%"),
    (["%[2]s-%[1]s", "a", "b"], "b-a"),
    (["%.2s|%5s|%-5s|", "abc", "ab", "ab"], "ab|   ab|ab   |"),
    (["%s", U], U),
    (["%s", [1, U]], U),
    ([U, "a"], U),
    (["%*d", 5, 1], U),  # width from an argument: not emulated
    (["%9999d", 1], U),  # absurd widths are not built
]


@pytest.mark.parametrize(("args", "expected"), FORMATS, ids=[str(c[0][0]) for c in FORMATS])
def test_format_verbs(args: list[object], expected: object) -> None:
    assert call("format", tf(args)) == expected


FORMAT_ERRORS: list[tuple[list[object], str]] = [
    (["%s"], "not enough arguments"),
    (["%s", 1, 2], "too many arguments; only 1 used by format string"),
    (["hello", 1], "too many arguments; no verbs in format string"),
    (["%z", 1], 'unsupported format verb "z"'),
    (["%", 1], "invalid format string"),
    (["%!", 1], "unrecognized format character"),
    (["%s", [1]], "string required"),
    (["%d", "abc"], "a number is required"),
    (["%t", 1], "bool required"),
]


@pytest.mark.parametrize(
    ("args", "fragment"), FORMAT_ERRORS, ids=[str(c[0][0]) for c in FORMAT_ERRORS]
)
def test_format_errors(args: list[object], fragment: str) -> None:
    with pytest.raises(EvaluationError, match="format") as raised:
        call("format", tf(args))
    assert fragment in str(raised.value)


REPLACEMENTS: list[tuple[list[object], object]] = [
    (["a-b_c", "/[-_]/", "."], "a.b.c"),
    (["abc123", "/([a-z]+)([0-9]+)/", "$2-$1"], "123-abc"),
    (["abc", "/(?P<mid>b)/", "[${mid}]"], "a[b]c"),
    (["abc", "/(b)/", "$1x|${1}x"], "a|bxc"),  # Go reads $1x as a group named "1x"
    (["cost", "/o/", "$$"], "c$st"),
    (["baaac", "/a*/", "-"], "-b-c-"),  # Go's empty-match rule, not re.sub's "-b--c-"
    (["ab", "//", "-"], "-a-b-"),
    (["x\n", "/x$/", "y"], "x\n"),  # RE2's $ is the very end of the text
    (["x\ny", "/(?m)^y$/", "z"], "x\nz"),
    (["AbC", "/(?i)abc/", "x"], "x"),
    (["a1é", "/\\w/", "."], "..é"),  # RE2's \w is ASCII
    (["a/b", "/", "|"], "a|b"),  # a lone slash is a plain string
    (["abc", "/[[:alpha:]]/", "x"], U),  # RE2 syntax Python lacks: not guessed
    (["abc", "/(?<n>b)/", "x"], U),
    (["a" * 40 + "!", "/(a+)+$/", ""], U),  # catastrophic backtracking is not attempted
    (["a" * 10, "/(a+)+$/", ""], ""),  # ... though short inputs are cheap enough
]


@pytest.mark.parametrize(
    ("args", "expected"), REPLACEMENTS, ids=[str(c[0][1]) for c in REPLACEMENTS]
)
def test_replace_regular_expressions(args: list[object], expected: object) -> None:
    assert call("replace", args) == expected


@pytest.mark.parametrize(
    "pattern", ["/(?=b)/", "/(?<!a)b/", "/(?#note)b/", "/(a)\\1/", "/\\Z/", "/\\é/", "/[a/"]
)
def test_replace_rejects_what_re2_rejects(pattern: str) -> None:
    with pytest.raises(EvaluationError, match="invalid regular expression"):
        call("replace", ["abc", pattern, "x"])


def test_redos_pattern_returns_quickly() -> None:
    started = time.perf_counter()
    assert call("replace", ["a" * 5000 + "!", "/(a|aa)*$/", ""]) is UNKNOWN
    assert call("replace", ["a" * 5000 + "!", "/a*a*a*a*$/", ""]) is UNKNOWN
    assert time.perf_counter() - started < 0.05


@pytest.mark.parametrize("args", [[100000], [0, 1e9, 1], [0, 1, 1e-9]])
def test_huge_range_is_unknown_and_fast(args: list[object]) -> None:
    started = time.perf_counter()
    assert call("range", args) is UNKNOWN
    assert time.perf_counter() - started < 0.05


def test_every_function_is_callable_through_the_table() -> None:
    assert FUNCTIONS["upper"](["x"]) == "X"
    assert FUNCTIONS["upper"]([U]) is UNKNOWN


# Operators ------------------------------------------------------------------------------

# (operator, left, right, expected)
BINARY: list[tuple[str, object, object, object]] = [
    ("+", 1, 2, 3),
    ("-", 5, 7, -2),
    ("*", 6, 7, 42),
    ("/", 7, 2, 3.5),
    ("%", 7, 3, 1),
    ("==", [1, {"a": "x"}], [1, {"a": "x"}], True),
    ("!=", "a", "b", True),
    ("<", 1, 2, True),
    (">", 1, 2, False),
    ("<=", 2, 2, True),
    (">=", 1, 2, False),
    ("&&", True, False, False),
    ("||", False, True, True),
]

BINARY_CONVERSION: list[tuple[str, object, object, object]] = [
    ("+", "1", 2.5, 3.5),
    ("-", "10", "4", 6),
    ("*", "0.5", 4, 2),  # integral results are ints
    ("/", "6", 2, 3),
    ("%", "-7", 3, -1),  # the sign follows the dividend, like Go's math.Mod
    ("==", 1, 1.0, True),  # numbers compare by value ...
    ("!=", "1", 1, True),  # ... but nothing else converts
    ("<", "10", 9, False),  # numerically, not as strings
    (">", "2.5", 2, True),
    ("<=", "-1", 0, True),
    (">=", 3, "3", True),
    ("&&", "true", True, True),
    ("||", "false", "false", False),
]

BINARY_UNKNOWN: list[tuple[str, object, object, object]] = [
    ("+", U, 1, U),
    ("-", 1, U, U),
    ("*", U, U, U),
    ("/", U, 0, U),
    ("%", 5, U, U),
    ("==", U, 1, U),
    ("!=", None, U, U),
    ("<", U, 1, U),
    (">", 1, U, U),
    ("<=", U, 1, U),
    (">=", 1, U, U),
    ("&&", True, U, U),
    ("||", U, False, U),
]

BINARY_ERRORS: list[tuple[str, object, object, str]] = [
    ("+", "a", 1, "Unsuitable value for left operand: a number is required"),
    ("-", 1, True, "Unsuitable value for right operand: a number is required"),
    ("*", None, 2, "argument must not be null"),
    ("/", 0, 0, "can't divide zero by zero"),  # 1/0 is +Inf, and 5 % 0 is 5
    ("%", True, 2, "a number is required"),
    ("<", "a", "b", "a number is required"),
    (">", [1], 1, "a number is required"),
    ("<=", U, "x", "right operand: a number is required"),  # known operands are checked
    (">=", {}, 1, "a number is required"),
    ("&&", 1, True, "Unsuitable value for left operand: a bool is required"),
    ("||", False, "yes", "right operand: a bool is required"),
]


def _op_id(case: tuple[object, ...]) -> str:
    return str(case[0])


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    BINARY + BINARY_CONVERSION + BINARY_UNKNOWN,
    ids=map(_op_id, BINARY + BINARY_CONVERSION + BINARY_UNKNOWN),
)
def test_binary(op: str, left: object, right: object, expected: object) -> None:
    assert typed(binary(op, tf(left), tf(right))) == typed(expected)


@pytest.mark.parametrize(
    ("op", "left", "right", "fragment"), BINARY_ERRORS, ids=map(_op_id, BINARY_ERRORS)
)
def test_binary_errors(op: str, left: object, right: object, fragment: str) -> None:
    with pytest.raises(EvaluationError) as raised:
        binary(op, tf(left), tf(right))
    assert fragment in str(raised.value)


BINARY_DETAILS: list[tuple[str, object, object, object]] = [
    ("+", 0.1, 0.2, 0.3),  # Terraform's arbitrary precision, not binary floating point
    ("*", 0.1, 1.5, 0.15),
    ("/", 1, 3, rounded(Fraction(1, 3))),  # 157 digits, as Terraform shows it
    ("%", 5.5, 2, 1.5),
    ("%", 7, -3, 1),
    ("*", 2**62, 4, 2**64),  # exact: 512 bits of mantissa
    ("==", True, 1, False),
    ("==", None, None, True),
    ("==", [1, U], [2, U], False),  # one known difference settles it
    ("==", [1, U], [1, 2], U),
    ("==", {"a": 1}, {"b": 1}, False),
    ("==", [1], [1, 1], False),
    ("&&", False, U, False),  # a known false settles && ...
    ("&&", U, False, False),
    ("||", True, U, True),  # ... and a known true settles ||
    ("||", U, True, True),
]


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"), BINARY_DETAILS, ids=map(_op_id, BINARY_DETAILS)
)
def test_binary_details(op: str, left: object, right: object, expected: object) -> None:
    assert typed(binary(op, tf(left), tf(right))) == typed(expected)


# (operator, operand, expected)
UNARY: list[tuple[str, object, object]] = [
    ("-", 3, -3),
    ("!", True, False),
    ("-", "2.5", -2.5),
    ("!", "false", True),
    ("-", U, U),
    ("!", U, U),
]

UNARY_ERRORS: list[tuple[str, object, str]] = [
    ("-", True, "a number is required"),
    ("-", "abc", "a number is required"),
    ("!", 1, "a bool is required"),
    ("!", None, "argument must not be null"),
]


@pytest.mark.parametrize(("op", "operand", "expected"), UNARY, ids=map(_op_id, UNARY))
def test_unary(op: str, operand: object, expected: object) -> None:
    assert typed(unary(op, tf(operand))) == typed(expected)


@pytest.mark.parametrize(("op", "operand", "fragment"), UNARY_ERRORS, ids=map(_op_id, UNARY_ERRORS))
def test_unary_errors(op: str, operand: object, fragment: str) -> None:
    with pytest.raises(EvaluationError) as raised:
        unary(op, tf(operand))
    assert fragment in str(raised.value)


def test_unsupported_operators_are_errors() -> None:
    with pytest.raises(EvaluationError):
        binary("**", 1, 2)
    with pytest.raises(EvaluationError):
        unary("~", 1)


# Coverage of the tables themselves ------------------------------------------------------


def test_every_function_has_all_four_cases() -> None:
    for table in (NORMAL, CONVERSION, UNKNOWNS, ERRORS):
        assert {case[0] for case in table} == set(FUNCTIONS)


def test_every_operator_has_all_four_cases() -> None:
    operators = {"+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"}
    for table in (BINARY, BINARY_CONVERSION, BINARY_UNKNOWN):
        assert {case[0] for case in table} == operators
    # == and != accept any two values: Terraform has no error case for them.
    assert {case[0] for case in BINARY_ERRORS} == operators - {"==", "!="}
    assert {case[0] for case in UNARY} == {case[0] for case in UNARY_ERRORS} == {"-", "!"}


INF = float("inf")


@pytest.mark.parametrize(
    ("op", "left", "right", "fragment"),
    [
        ("%", INF, 2, "can't use modulo with infinity"),  # Terraform panics: an error
        ("%", 5, -INF, "can't use modulo with infinity"),
        ("+", INF, -INF, "can't compute sum of opposing infinities"),
        ("-", INF, INF, "can't subtract infinity from itself"),
        ("*", 0, INF, "can't multiply zero by infinity"),
        ("/", INF, INF, "infinity by infinity"),
    ],
)
def test_arithmetic_that_makes_no_number_is_an_error(
    op: str, left: object, right: object, fragment: str
) -> None:
    with pytest.raises(EvaluationError, match=fragment):
        binary(op, left, right)


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    [("%", INF, 0, INF), ("/", INF, 0, INF), ("-", INF, 1, INF), ("*", INF, -2, -INF)],
)
def test_arithmetic_with_an_infinity(op: str, left: object, right: object, expected: float) -> None:
    assert binary(op, left, right) == expected


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("floor", [INF], INF),
        ("ceil", [-INF], -INF),
        ("abs", [-INF], INF),
        ("max", [INF, 2], INF),
        ("min", [-INF, 0], -INF),
        ("element", [["a"], -1], "a"),  # Go's remainder of -1 by 1 is 0
        ("element", [["a", "b", "c"], -3], "a"),
        ("element", [ListValue(["a", "b"]), -1], "b"),  # a list counts back from its end
    ],
)
def test_functions_that_take_an_infinity_or_a_negative_index(
    name: str, args: list[object], expected: object
) -> None:
    assert call(name, args) == expected


@pytest.mark.parametrize(
    ("name", "args"), [("signum", [INF]), ("element", [["a", "b"], -1]), ("substr", ["a", INF, 1])]
)
def test_an_infinity_or_a_negative_tuple_index_is_an_error(name: str, args: list[object]) -> None:
    with pytest.raises(EvaluationError):
        call(name, args)


def test_dividing_by_a_negative_zero_gives_the_other_infinity() -> None:
    assert binary("/", 5, parse_number("-0")) == -INF
