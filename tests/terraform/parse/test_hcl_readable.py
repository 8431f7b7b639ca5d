"""Valid HCL python-hcl2 cannot read, rewritten at the same length so positions stay true."""

from __future__ import annotations

import pytest

from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.parse.hcl_strict import checked


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("x = (\n  1 +\n  2\n)\n", 3),
        ('x = "a${~ "b" ~} c"\n', "abc"),
        ("x = 1.e5\n", 100000),
        ("x = - -1\n", 1),
        ("x = [1, # one\n  2]\n", [1, 2]),
    ],
)
def test_rewritten_text_has_the_same_length_and_the_same_value(source: str, value: object) -> None:
    rewritten = checked(source).text
    assert len(rewritten) == len(source)
    [attribute] = parse_hcl(source, "main.tf").body.attributes
    assert evaluate(attribute.expr, Scope()) == value
