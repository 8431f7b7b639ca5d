"""The position-aware JSON parser: positions, strictness, limits, and agreement with `json`."""

from __future__ import annotations

import dataclasses
import gc
import json
import pickle
import random
import time
from fractions import Fraction

import pytest

from tfgen.terraform.numbers import number_text
from tfgen.terraform.parse.jsonpos import (
    JsonMember,
    JsonSyntaxError,
    JsonValue,
    Pos,
    parse,
    to_python,
)
from tfgen.terraform.values import UNKNOWN, parse_number


def members(value: JsonValue) -> list[JsonMember]:
    assert value.kind == "object"
    assert isinstance(value.value, list)
    return [m for m in value.value if isinstance(m, JsonMember)]


def elements(value: JsonValue) -> list[JsonValue]:
    assert value.kind == "array"
    assert isinstance(value.value, list)
    return [v for v in value.value if isinstance(v, JsonValue)]


def member(value: JsonValue, key: str) -> JsonMember:
    found = [m for m in members(value) if m.key == key]
    assert len(found) == 1, key
    return found[0]


def span(start: Pos, end: Pos) -> tuple[int, int, int, int]:
    return (start.line, start.column, end.line, end.column)


def fails(text: str) -> JsonSyntaxError:
    with pytest.raises(JsonSyntaxError) as info:
        parse(text)
    return info.value


# --- positions ---------------------------------------------------------------------------

NESTED = (
    "{\n"  # 1
    '  "resource": {\n'  # 2
    '    "openai_batch": {\n'  # 3
    '      "job": {\n'  # 4
    '        "count": 3,\n'  # 5
    '        "tags": ["a", true],\n'  # 6
    '        "note": "x\\u00e9y",\n'  # 7
    '        "ratio": -1.5e2\n'  # 8
    "      }\n"  # 9
    "    }\n"  # 10
    "  }\n"  # 11
    "}\n"  # 12
)


def test_positions_of_nested_keys_and_values() -> None:
    root = parse(NESTED)
    assert span(root.start, root.end) == (1, 1, 12, 2)

    resource = member(root, "resource")
    assert span(resource.key_start, resource.key_end) == (2, 3, 2, 13)
    assert span(resource.value.start, resource.value.end) == (2, 15, 11, 4)

    batch = member(resource.value, "openai_batch")
    assert span(batch.key_start, batch.key_end) == (3, 5, 3, 19)
    assert span(batch.value.start, batch.value.end) == (3, 21, 10, 6)

    job = member(batch.value, "job")
    assert span(job.key_start, job.key_end) == (4, 7, 4, 12)
    assert span(job.value.start, job.value.end) == (4, 14, 9, 8)

    count = member(job.value, "count")
    assert span(count.key_start, count.key_end) == (5, 9, 5, 16)
    assert span(count.value.start, count.value.end) == (5, 18, 5, 19)
    assert (count.value.kind, count.value.value) == ("number", 3)

    tags = member(job.value, "tags")
    assert span(tags.key_start, tags.key_end) == (6, 9, 6, 15)
    assert span(tags.value.start, tags.value.end) == (6, 17, 6, 28)
    a, true = elements(tags.value)
    assert (a.kind, a.value, span(a.start, a.end)) == ("string", "a", (6, 18, 6, 21))
    assert (true.kind, true.value, span(true.start, true.end)) == ("true", True, (6, 23, 6, 27))

    note = member(job.value, "note")
    assert span(note.key_start, note.key_end) == (7, 9, 7, 15)
    assert (note.value.value, span(note.value.start, note.value.end)) == ("xéy", (7, 17, 7, 27))

    ratio = member(job.value, "ratio")
    assert span(ratio.key_start, ratio.key_end) == (8, 9, 8, 16)
    assert (ratio.value.value, span(ratio.value.start, ratio.value.end)) == (-150.0, (8, 18, 8, 24))


def test_positions_when_key_colon_and_value_are_on_separate_lines() -> None:
    root = parse('{\n"a"\n:\n"b"\n,\n"c" :\n\n  [ ]\n}')
    a, c = members(root)
    assert span(a.key_start, a.key_end) == (2, 1, 2, 4)
    assert span(a.value.start, a.value.end) == (4, 1, 4, 4)
    assert span(c.key_start, c.key_end) == (6, 1, 6, 4)
    assert span(c.value.start, c.value.end) == (8, 3, 8, 6)
    assert root.end == Pos(9, 2)


def test_crlf_is_one_line_break_and_tab_is_one_column() -> None:
    root = parse('{\r\n\t"a":\t1,\r\n\t"b": [\r\n\t\ttrue\r\n\t]\r\n}')
    a, b = members(root)
    assert span(a.key_start, a.key_end) == (2, 2, 2, 5)
    assert span(a.value.start, a.value.end) == (2, 7, 2, 8)
    assert span(b.key_start, b.key_end) == (3, 2, 3, 5)
    assert span(b.value.start, b.value.end) == (3, 7, 5, 3)
    (true,) = elements(b.value)
    assert span(true.start, true.end) == (4, 3, 4, 7)
    assert span(root.start, root.end) == (1, 1, 6, 2)


def test_lone_cr_is_whitespace_but_not_a_line_break() -> None:
    _, two = elements(parse("[1,\r2]"))
    assert span(two.start, two.end) == (1, 5, 1, 6)
    (a,) = members(parse('{"a":\r1}'))
    assert span(a.value.start, a.value.end) == (1, 7, 1, 8)


def test_columns_count_characters_not_bytes() -> None:
    (key,) = members(parse('{"é😀": ["😀", 1]}'))
    assert span(key.key_start, key.key_end) == (1, 2, 1, 6)
    emoji, one = elements(key.value)
    assert span(emoji.start, emoji.end) == (1, 9, 1, 12)
    assert span(one.start, one.end) == (1, 14, 1, 15)


def test_leftover_bom_is_skipped_without_taking_a_column() -> None:
    root = parse("\ufeff[1]")
    assert span(root.start, root.end) == (1, 1, 1, 4)
    assert elements(root)[0].start == Pos(1, 2)
    err = fails("\ufeff[1,]")
    assert (err.message, err.line, err.column) == ("trailing comma before ']'", 1, 3)


def test_top_level_scalars_and_surrounding_whitespace() -> None:
    value = parse(' \n  "x" \n')
    assert (value.kind, value.value, span(value.start, value.end)) == ("string", "x", (2, 3, 2, 6))
    assert parse("null") == JsonValue("null", None, Pos(1, 1), Pos(1, 5))
    assert parse("false") == JsonValue("false", False, Pos(1, 1), Pos(1, 6))


def test_duplicate_keys_are_all_kept_in_source_order() -> None:
    root = parse('{"a": 1, "b": 2, "a": {"x": 0}, "a": 3}')
    assert [(m.key, m.key_start.column) for m in members(root)] == [
        ("a", 2),
        ("b", 10),
        ("a", 18),
        ("a", 33),
    ]
    assert [m.value.kind for m in members(root)] == ["number", "number", "object", "number"]


def test_to_python_keeps_the_last_duplicate_like_json_loads() -> None:
    text = '{"a": 1, "b": [true, null], "a": {"c": "d"}}'
    assert to_python(parse(text)) == {"a": {"c": "d"}, "b": [True, None]}
    assert list(to_python(parse(text))) == list(json.loads(text))  # type: ignore[call-overload]


def test_to_python_handles_the_deepest_nesting_allowed() -> None:
    text = '{"a": ' * 250 + "[" * 250 + "1" + "]" * 250 + "}" * 250
    assert to_python(parse(text)) == json.loads(text)


def test_pos_is_frozen_and_hashable() -> None:
    pos = parse("[1]").start
    assert pos == Pos(1, 1)
    assert hash(pos) == hash(Pos(1, 1))
    assert repr(pos) == "Pos(line=1, column=1)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        pos.line = 2  # type: ignore[misc]


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0", "0"),
        ("12345678901234567890123", "12345678901234567890123"),
        ("1.5", "1.5"),
        ("-0.0", "-0"),  # Go keeps the sign of a zero, and Terraform prints it
        ("0.25", "0.25"),
        ("1e3", "1000"),
        ("1E+3", "1000"),
        ("2.5e-3", "0.0025"),
        ("-4E2", "-400"),
        ("1e400", "1" + "0" * 400),
    ],
)
def test_numbers_are_terraform_numbers(text: str, shown: str) -> None:
    """Read as cty reads them (512-bit binary) and shown as Terraform shows them."""
    value = parse(text)
    assert value.kind == "number"
    assert number_text(value.value) == shown  # type: ignore[arg-type]
    assert span(value.start, value.end) == (1, 1, 1, len(text) + 1)
    # The same numbers as object members take the one-match fast path.
    (m,) = members(parse('{"n": ' + text + "}"))
    assert m.value.value == value.value
    assert span(m.value.start, m.value.end) == (1, 7, 1, 7 + len(text))


def test_whole_numbers_are_ints_and_fractions_exact() -> None:
    whole, half, zero = elements(parse("[1e3, 0.5, -0.0]"))
    assert type(whole.value) is int and whole.value == 1000
    assert half.value == Fraction(1, 2)
    assert zero.value == 0 and number_text(zero.value) == "-0"  # type: ignore[arg-type]


# --- strings -----------------------------------------------------------------------------


def test_string_escapes_and_surrogates() -> None:
    assert parse(r'"\" \\ \/ \b \f \n \r \t"').value == '" \\ / \b \f \n \r \t'
    assert parse(r'"\u00e9\u4E2D"').value == "é中"
    assert parse(r'"\ud83d\ude00"').value == "😀"
    assert parse(r'"\ud800"').value == "\ud800"  # a lone surrogate is kept, as json does
    assert parse(r'"a\udc00b"').value == "a\udc00b"
    (m,) = members(parse(r'{"k\u0041": "v\n"}'))
    assert (m.key, m.value.value) == ("kA", "v\n")
    assert span(m.key_start, m.key_end) == (1, 2, 1, 11)
    assert span(m.value.start, m.value.end) == (1, 13, 1, 18)


# --- errors ------------------------------------------------------------------------------

ERRORS = [
    # trailing commas: reported at the comma
    ('{"a": 1,}', "trailing comma before '}'", 1, 8),
    ("[1,\n]", "trailing comma before ']'", 1, 3),
    ('{\r\n  "a": 1,\r\n}', "trailing comma before '}'", 2, 9),
    # comments
    ('{\n  // note\n  "a": 1\n}', "comments are not allowed in JSON", 2, 3),
    ("[1 /* x */]", "comments are not allowed in JSON", 1, 4),
    ("[/* x */]", "comments are not allowed in JSON", 1, 2),
    ("{} // x", "comments are not allowed in JSON", 1, 4),
    # single quotes
    ("{'a': 1}", "strings must use double quotes, not single quotes", 1, 2),
    ("['a']", "strings must use double quotes, not single quotes", 1, 2),
    # numbers
    ("01", "leading zeros are not allowed", 1, 1),
    ('{"n": -012}', "leading zeros are not allowed", 1, 8),
    ("+1", "numbers cannot start with '+'", 1, 1),
    ("[.5]", "numbers need a digit before '.'", 1, 2),
    ("1.", "expected a digit after '.'", 1, 3),
    ('{"n": 1.}', "expected a digit after '.'", 1, 9),
    ("1.e5", "expected a digit after '.'", 1, 3),
    ("1e", "expected a digit in the exponent", 1, 3),
    ("[2.5E+]", "expected a digit in the exponent", 1, 7),
    ("-", "expected a digit after '-'", 1, 2),
    ("[-x]", "expected a digit after '-'", 1, 3),
    ("NaN", "NaN is not allowed in JSON", 1, 1),
    ('{"a": Infinity}', "Infinity is not allowed in JSON", 1, 7),
    ("[-Infinity]", "-Infinity is not allowed in JSON", 1, 2),
    # literals
    ("tru", "invalid literal 'tru'", 1, 1),
    ("[True]", "invalid literal 'True'", 1, 2),
    ('{"a": nullx}', "invalid literal 'nullx'", 1, 7),
    # strings
    ('"a\tb"', "unescaped control character U+0009 in string", 1, 3),
    ('[\n "a\nb"]', "unescaped control character U+000A in string", 2, 4),
    ('{"k\x00": 1}', "unescaped control character U+0000 in string", 1, 4),
    ('"\\q"', "invalid escape '\\q'", 1, 2),
    ('{"a": "x\\a"}', "invalid escape '\\a'", 1, 9),
    ('"\\ "', "invalid escape: backslash followed by U+0020", 1, 2),
    ('"\\u12G4"', "invalid \\u escape: expected 4 hex digits", 1, 2),
    ('["\\u12"]', "invalid \\u escape: expected 4 hex digits", 1, 3),
    ('{"a": "abc', "unterminated string", 1, 7),
    ('"\\u12', "unterminated string", 1, 1),
    ('"abc\\', "unterminated string", 1, 1),
    # structure
    ('{"a": 1 "b": 2}', "expected ',' or '}' after object member", 1, 9),
    ("[1 2]", "expected ',' or ']' after array element", 1, 4),
    ('{"a" 1}', "expected ':' after object key", 1, 6),
    ('{"a"\n\n  1}', "expected ':' after object key", 3, 3),
    ("{a: 1}", "expected a string key, got 'a'", 1, 2),
    ("{,}", "expected a string key, got ','", 1, 2),
    ('{"a": }', "expected a JSON value, got '}'", 1, 7),
    ("[,1]", "expected a JSON value, got ','", 1, 2),
    ("]", "expected a JSON value, got ']'", 1, 1),
    ("[\x01]", "expected a JSON value, got U+0001", 1, 2),
    # trailing data
    ("{} x", "extra data after the JSON value", 1, 4),
    ("1 2", "extra data after the JSON value", 1, 3),
    ("[1]\n]", "extra data after the JSON value", 2, 1),
    # end of input: reported just after the last character
    ("", "empty input", 1, 1),
    ("  \n ", "empty input", 2, 2),
    ('{"a": [1, 2', "unexpected end of input", 1, 12),
    ('{"a"', "unexpected end of input", 1, 5),
    ('{"a":', "unexpected end of input", 1, 6),
    ("[\n", "unexpected end of input", 2, 1),
    ('{"a": 1,\r\n', "unexpected end of input", 2, 1),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), ERRORS)
def test_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    err = fails(text)
    assert (err.message, err.line, err.column) == (message, line, column)
    assert str(err) == f"{message} at line {line}, column {column}"


def _no_constants(name: str) -> object:
    raise ValueError(name)


def test_every_error_case_is_also_rejected_by_json() -> None:
    # json.loads accepts NaN and Infinity unless told not to; RFC 8259 does not.
    for text, *_ in ERRORS:
        with pytest.raises(ValueError):
            json.loads(text, parse_constant=_no_constants)


def test_syntax_error_is_a_value_error_and_pickles() -> None:
    err = fails("[1,]")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.line, copy.column, str(copy)) == (
        err.message,
        err.line,
        err.column,
        str(err),
    )


def test_integer_beyond_the_digit_limit_is_an_unknown_number() -> None:
    """Valid JSON (was: a syntax error): a number beyond tfgen's range, so unknown."""
    digits = "9" * 5000
    assert parse(digits).value is UNKNOWN
    (m,) = members(parse('{"n": ' + digits + "}"))
    assert m.value.kind == "number" and m.value.value is UNKNOWN
    (e,) = elements(parse("[" + digits + "]"))
    assert e.value is UNKNOWN


# --- nesting limit -----------------------------------------------------------------------


def test_500_levels_of_nesting_are_accepted() -> None:
    value = parse("[" * 500 + "]" * 500)
    depth = 0
    while value.value:
        (value,) = elements(value)
        depth += 1
    assert depth == 499


@pytest.mark.parametrize(
    ("text", "column"),
    [("[" * 100_000, 501), ('{"a": ' * 100_000, 3001), ("[{}, " + "[" * 600, 505)],
)
def test_deeper_nesting_is_a_syntax_error_not_a_recursion_error(text: str, column: int) -> None:
    started = time.perf_counter()
    err = fails(text)
    assert time.perf_counter() - started < 2
    assert (err.message, err.line, err.column) == ("nesting deeper than 500 levels", 1, column)


def test_parse_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    parse("[1]")
    assert gc.isenabled()
    fails("[1,]")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("[1]")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- agreement with json.loads -----------------------------------------------------------

TF_JSON = """{
  "//": "generated",
  "terraform": {"required_providers": {"openai": {"source": "example/openai", "version": ">= 1.0"}}},
  "variable": {"model": {"type": "string", "default": "gpt-4o-mini"}},
  "resource": {
    "openai_batch": {
      "nightly": {
        "input_file_id": "${openai_file.input.id}",
        "endpoint": "/v1/chat/completions",
        "completion_window": "24h",
        "metadata": {"team": "ml", "cost_center": 1234, "ratio": 0.5, "on": true, "off": false},
        "depends_on": ["openai_file.input"],
        "lifecycle": {"prevent_destroy": false, "ignore_changes": []},
        "count": 0,
        "note": null
      }
    }
  }
}
"""

VALID = [
    "{}",
    "[]",
    "0",
    "-0",
    "-0.0",
    "1.5",
    "1E-2",
    "-123",
    "12345678901234567890123",
    "3.141592653589793",
    "1e400",
    "true",
    "false",
    "null",
    '""',
    '"plain"',
    r'"esc \" \\ \/ \b \f \n \r \t"',
    r'"\u00e9\u4e2d\u0000"',
    r'"\ud83d\ude00"',
    r'"\ud800 lone \udc00"',
    '"raw é 中 😀 \u2028 \x7f"',
    '{"a": 1, "a": 2}',
    '{"a": {"a": {"a": []}}}',
    "[1, [2, [3, [4, []]]]]",
    '{"": ""}',
    " \t\r\n [ 1 , 2 ] \r\n",
    "[\r\n1\r,\r2]",
    '{"k":"v","n":null,"t":true,"f":false,"x":1.0,"y":-1e-7,"z":[{}]}',
    "[1e5, 1E+5, 0.0, -0.5e-0, 10, -10.25]",
    '{"k\\"ey": "va\\\\lue", "\\u0041": [true, false, null]}',
    '{\n\t"a" :\t[ "x" , { "b" : -1 } ] ,\n\t"c" : { }\n}',
    TF_JSON,
]


def as_terraform(text: str) -> object:
    """json.loads, with numbers as Terraform reads them."""
    return json.loads(text, parse_float=parse_number, parse_int=parse_number)


def assert_same_as_json(text: str) -> None:
    ours, theirs = to_python(parse(text)), as_terraform(text)
    assert ours == theirs or (ours != ours and theirs != theirs)
    # repr tells 1 from 1.0 and -0.0 from 0.0, and shows key order
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("text", VALID)
def test_agrees_with_json_loads(text: str) -> None:
    assert_same_as_json(text)


def _random_value(rng: random.Random, depth: int) -> object:
    pick = rng.randrange(10 if depth < 5 else 7)
    if pick == 0:
        return rng.choice([True, False, None])
    if pick == 1:
        return rng.randint(-(10**20), 10**20)
    if pick == 2:
        return rng.choice([0, -1, 7, 0.0, -0.0, 1e-9, 2.5e300, rng.uniform(-1e6, 1e6)])
    if pick <= 6:
        alphabet = 'ab Z_-:"\\/\n\t\x00\x1f\x7fé中😀\u2028'
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
    if pick <= 8:
        return {_random_key(rng): _random_value(rng, depth + 1) for _ in range(rng.randrange(5))}
    return [_random_value(rng, depth + 1) for _ in range(rng.randrange(5))]


def _random_key(rng: random.Random) -> str:
    return rng.choice(["a", "b", "name", "", 'k"q', "tab\t", "é", "😀", "x y"])


def _offsets(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _check_spans(text: str, value: JsonValue) -> None:
    """Every value's span and every key's span must cut out exactly that JSON text."""
    starts = _offsets(text)

    def cut(start: Pos, end: Pos) -> str:
        return text[
            starts[start.line - 1] + start.column - 1 : starts[end.line - 1] + end.column - 1
        ]

    work = [value]
    while work:
        v = work.pop()
        assert repr(as_terraform(cut(v.start, v.end))) == repr(to_python(v))
        if v.kind == "object":
            for m in members(v):
                assert json.loads(cut(m.key_start, m.key_end)) == m.key
                work.append(m.value)
        elif v.kind == "array":
            work.extend(elements(v))


def test_random_documents_agree_with_json_and_spans_cut_out_their_text() -> None:
    rng = random.Random(8259)
    layouts: list[dict[str, object]] = [
        {},
        {"indent": 2},
        {"indent": "\t"},
        {"separators": (",", ":")},
        {"separators": (" ,\r\n", " :\t"), "ensure_ascii": False},
        {"indent": 1, "ensure_ascii": False},
    ]
    for n in range(300):
        text = json.dumps(_random_value(rng, 0), **layouts[n % len(layouts)])  # type: ignore[arg-type]
        if n % 7 == 0:
            text = text.replace("\n", "\r\n")
        assert_same_as_json(text)
        _check_spans(text, parse(text))


def test_spans_of_the_fixed_documents() -> None:
    for text in VALID:
        _check_spans(text, parse(text))
