"""The lark-cython lexer with python-hcl2's post-lexer folded in: the compiled and the
pure-Python parsers build the same trees, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgen.support.limits import deep_recursion
from tfgen.terraform.parse import hcl_strict
from tfgen.terraform.parse.lark_parser import compiled_lexer, parser

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

needs_lark_cython = pytest.mark.skipif(
    not compiled_lexer(), reason="lark-cython is not installed (the `fast` extra)"
)


def _shape(node: object) -> object:
    if hasattr(node, "children"):
        return (str(node.data), tuple(_shape(c) for c in node.children))  # type: ignore[attr-defined]
    if node is None:
        return None
    return (node.type, node.value, node.start_pos, node.end_pos)  # type: ignore[attr-defined]


def _both(text: str) -> tuple[object, object]:
    shapes = []
    for compiled in (True, False):
        try:
            shapes.append(_shape(parser(compiled).parse(text)))
        except Exception as exc:  # the same refusal, at the same token
            shapes.append(
                (type(exc).__name__, getattr(getattr(exc, "token", None), "start_pos", None))
            )
    return shapes[0], shapes[1]


@needs_lark_cython
@pytest.mark.parametrize(
    "text",
    [
        "a = 1\n  + 2\n",  # a newline merged into the operator after it
        "a = b\n\n# c\n\n  == d ? 1 : 2\n",  # newlines and comments in a row, then an operator
        "a = 1\n\n\n",  # newlines at the end of the file
        "a = [\n1,\n2\n]\nb = -1\n",  # a newline before a minus is no continuation
        "a = 1 +\n",  # refused by both
    ],
)
def test_the_compiled_lexer_merges_newlines_as_python_hcl2_does(text: str) -> None:
    compiled, pure = _both(text)
    assert compiled == pure


@needs_lark_cython
def test_the_compiled_and_pure_parsers_build_the_same_trees_for_every_fixture() -> None:
    compared = 0
    for path in sorted(FIXTURES.rglob("*.tf")):
        with deep_recursion():
            try:
                readable = hcl_strict.checked(path.read_text(encoding="utf-8")).text
            except (ValueError, UnicodeDecodeError, RecursionError):
                continue  # not HCL, or past a limit: python-hcl2 never sees it
            compiled, pure = _both(readable + "\n")
            assert compiled == pure, path
        compared += 1
    assert compared > 100
