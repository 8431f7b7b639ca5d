"""The type a failed expression still has: what makes `false ? 1 + [] : [1]` an error."""

from __future__ import annotations

import pytest

from tfgen.diagnostics import Span
from tfgen.terraform.parse.hcl import parse_expression
from tfgen.terraform.static_types import static_type


def kind(text: str) -> str:
    return static_type(parse_expression(text, Span.point("main.tf", 1, 1))).kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + []", "number"),  # an operator always makes its own type
        ("!5", "bool"),
        ("-x", "number"),
        ('"a${[]}b"', "string"),  # so does a template of more than one part
        ('"%{ if x }a%{ endif }"', "string"),
        ('"${1 + []}"', "number"),  # a template of one interpolation is that value
        ("[1 + [], true]", "tuple"),
        ('true ? 1 + [] : "a"', "string"),
        ("upper([])", "any"),  # a failed call, index or attribute has no type at all
        ("[][0]", "any"),
        ("var.x", "any"),
    ],
)
def test_static_types(text: str, expected: str) -> None:
    assert kind(text) == expected
