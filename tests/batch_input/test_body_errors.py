"""Each JSON Schema keyword's failure in one line, and alternatives phrased by their best
branch, on small schemas written here (the API's own are in test_bodies)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from tfgen.batch_input.body_errors import Phrasing, label, shown

MESSAGE = {
    "oneOf": [
        {"type": "object", "properties": {"role": {"enum": ["user"]}, "content": {"type": "string"}}, "required": ["role", "content"]},
        {"type": "object", "properties": {"role": {"const": "tool"}, "id": {"type": "string"}}, "required": ["role", "id"]},
    ],
    "discriminator": {"propertyName": "role"},
}  # fmt: skip


def phrased(schema: dict[str, Any], instance: object) -> list[tuple[str, str, tuple[Any, ...]]]:
    root = {"$defs": {}, **schema}
    errors = Draft202012Validator(root).iter_errors(instance)
    return [(f.code, f.message, f.path) for f in Phrasing(root, "/v1/x").findings(errors)]


def test_paths_read_like_the_api_s() -> None:
    assert label(("messages", 0, "role")) == "body.messages[0].role"
    assert label(()) == "body"
    assert shown("x" * 100) == '"' + "x" * 36 + "..."


def test_an_unknown_parameter_gets_did_you_mean() -> None:
    schema = {"properties": {"temperature": {}}, "additionalProperties": False}
    [(code, message, path)] = phrased(schema, {"temprature": 1})
    assert code == "input-unknown-parameter" and path == ("temprature",)
    assert message == 'body.temprature is not a parameter of /v1/x; did you mean "temperature"?'


def test_a_nested_unknown_key_names_its_object() -> None:
    schema = {"properties": {"a": {"properties": {"b": {}}, "additionalProperties": False}}}
    [(_, message, _)] = phrased(schema, {"a": {"c": 1}})
    assert message == "body.a.c is not a parameter of body.a's keys"


def test_the_discriminator_names_the_branch() -> None:
    [(code, message, path)] = phrased(MESSAGE, {"role": "tool"})
    assert (code, path) == ("input-missing-parameter", ())
    assert message == "body has no id, which is required"


def test_a_value_the_discriminator_does_not_know_lists_every_branch_s() -> None:
    [(code, message, path)] = phrased(MESSAGE, {"role": "usr", "content": "hi"})
    assert (code, path) == ("input-invalid-parameter", ("role",))
    assert message == 'body.role is "usr"; expected one of "user", "tool"; did you mean "user"?'


def test_without_its_property_the_closest_branch_is_phrased() -> None:
    # Both branches miss as much; the first one's mistake is the more specific (deeper).
    assert [m for _, m, _ in phrased(MESSAGE, {"content": 5})] == [
        "body.content is an integer (5); expected a string",
        "body has no role, which is required",
    ]


def test_no_branch_of_the_right_type_is_a_type_error() -> None:
    schema = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert phrased(schema, "100") == [
        ("input-invalid-parameter", 'body is a string ("100"); expected an integer or null', ())
    ]


def test_the_one_branch_of_the_right_type_is_phrased() -> None:
    schema = {"anyOf": [{"type": "number", "maximum": 2}, {"type": "null"}]}
    assert phrased(schema, 3) == [
        ("input-invalid-parameter", "body is 3; it must be at most 2", ())
    ]


def test_a_one_of_that_two_branches_match_says_so() -> None:
    [(_, message, _)] = phrased({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 5)
    assert message.startswith("body: 5 is valid under each of")


def test_a_wrong_type_is_said_once() -> None:
    schema = {"properties": {"s": {"type": "string", "enum": ["4", "8"]}}}
    assert [m for _, m, _ in phrased(schema, {"s": 8})] == [
        "body.s is an integer (8); expected a string"
    ]


def test_sizes_bounds_patterns_and_not() -> None:
    assert phrased({"minItems": 1}, [])[0][1] == "body has 0 items; at least 1 item allowed"
    assert (
        phrased({"maxLength": 2}, "abc")[0][1]
        == "body has 3 characters; at most 2 characters allowed"
    )
    assert phrased({"minLength": 1}, "")[0][1] == "body is empty; it needs at least 1 character"
    assert phrased({"exclusiveMinimum": 0}, 0)[0][1] == "body is 0; it must be more than 0"
    assert phrased({"pattern": "^a"}, "b")[0][1] == 'body is "b"; it must match ^a'
    both = {"not": {"required": ["a", "b"]}}
    assert phrased(both, {"a": 1, "b": 2})[0][1] == "body sets a and b; give only one of them"
    assert phrased({"not": {"type": "string"}}, "x")[0][1] == (
        "body is a value this parameter does not take"
    )


def test_an_enum_of_one_says_only() -> None:
    assert phrased({"const": "auto"}, "x")[0][1] == 'body is "x"; only "auto" is allowed'


def test_a_keyword_without_words_of_its_own_keeps_jsonschema_s() -> None:
    [(code, message, _)] = phrased({"uniqueItems": True}, [1, 1])
    assert code == "input-invalid-parameter" and message.startswith("body: [1, 1] has non-unique")
