"""Reading HCL as Terraform does: one fixture per construct, valid and invalid.

tests/fixtures/hcl/valid/*.tf start with `# expect: {...}`: the values of their locals as
Terraform evaluates them ("<unknown>" where a value depends on what tfgen cannot know).
tests/fixtures/hcl/invalid/*.tf start with `# expect: syntax-error at LINE:COLUMN`: where
Terraform reports the file's first error. python-hcl2 alone accepts most of the invalid ones.
test_hcl_differential.py checks the same fixtures against HashiCorp's parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Span
from tfgen.terraform import expr as ex
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse import ParseFailure, hcl, load_file
from tfgen.terraform.parse.hcl import parse_expression, parse_hcl
from tfgen.terraform.parse.hcl_strict import checked
from tfgen.terraform.parse.template import parse_template
from tfgen.terraform.values import UNKNOWN, parse_number

HCL = FIXTURES / "hcl"
VALID = sorted(p.name for p in (HCL / "valid").glob("*.tf"))
INVALID = sorted(p.name for p in (HCL / "invalid").glob("*.tf"))
_POSITION = re.compile(r"# expect: syntax-error at (\d+):(\d+)\n")


def expected_values(path: Path) -> dict[str, object]:
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    # Numbers as Terraform holds them (512-bit binary), not as Python floats.
    text = header.removeprefix("# expect: ")
    values: dict[str, object] = json.loads(text, parse_float=parse_number, parse_int=parse_number)
    return values


def expected_position(path: Path) -> tuple[int, int]:
    found = _POSITION.match(path.read_text(encoding="utf-8"))
    assert found is not None, f"{path.name} has no `# expect: syntax-error at L:C` line"
    return int(found.group(1)), int(found.group(2))


def local_values(path: Path) -> dict[str, object]:
    body = load_file(str(path)).body
    locals_ = [a for b in body.blocks if b.type == "locals" for a in b.body.attributes]
    return {a.name: _shown(evaluate(a.expr, Scope())) for a in locals_}


def _shown(value: object) -> object:
    if value is UNKNOWN:
        return "<unknown>"
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shown(v) for v in value]
    return value


def test_there_is_a_fixture_per_construct() -> None:
    assert len(VALID) >= 12
    assert len(INVALID) >= 25


@pytest.mark.parametrize("name", VALID)
def test_valid_construct_has_terraforms_values(name: str) -> None:
    path = HCL / "valid" / name
    assert local_values(path) == expected_values(path)


@pytest.mark.parametrize("name", INVALID)
def test_invalid_construct_fails_where_terraform_reports_it(name: str) -> None:
    path = HCL / "invalid" / name
    with pytest.raises(ParseFailure) as caught:
        load_file(str(path))
    assert (caught.value.line, caught.value.column) == expected_position(path)
    assert not caught.value.message.startswith("tfgen cannot read")


def test_validate_reports_a_split_string_as_one_syntax_error() -> None:
    path = HCL / "invalid" / "newline_in_string.tf"
    # Named, the file brings its whole fixture folder (one module): look at its own findings.
    [finding] = [d for d in validate([str(path)]).diagnostics if d.span.file == str(path)]
    assert finding.code == "syntax-error"
    assert (finding.span.line, finding.span.column) == expected_position(path) == (6, 47)
    assert finding.message.startswith("quoted strings may not be split over multiple lines")


def test_heredoc_of_512_characters_passes_and_513_fails() -> None:
    report = validate([str(HCL / "metadata")])
    assert [(d.code, d.address) for d in report.diagnostics] == [
        ("metadata-value-too-long", "openai_batch.heredoc_513")
    ]
    values = [
        evaluate(block.body.attribute("metadata").expr, Scope())  # type: ignore[union-attr]
        for block in load_file(str(HCL / "metadata" / "main.tf")).body.blocks
    ]
    assert [len(v["note"]) for v in values] == [512, 513]  # type: ignore[index]


def test_directives_are_nodes_of_their_own() -> None:
    """Their values (checked against Terraform's in the fixture's header) come from here."""
    body = load_file(str(HCL / "valid" / "directives.tf")).body
    for attribute in body.blocks[0].body.attributes:
        assert isinstance(attribute.expr, ex.Template)
        kinds = {type(p) for p in attribute.expr.parts}
        assert kinds & {ex.TemplateIf, ex.TemplateFor}, attribute.name


@pytest.mark.parametrize(
    "text",
    ['"%{ if true }x"', '"%{ endif }"', '"%{ for x in [] }x"', '"%{ if true }%{ endfor }"'],
)
def test_unbalanced_directives_are_syntax_errors(text: str) -> None:
    with pytest.raises(ParseFailure):
        parse_hcl(f"x = {text}\n", "main.tf")


def test_rewritten_text_keeps_every_offset_and_positions_stay_exact() -> None:
    """python-hcl2 reads a rewritten copy (newlines in brackets become spaces): same length."""
    path = HCL / "valid" / "newlines_in_brackets.tf"
    text = path.read_text(encoding="utf-8")
    readable = checked(text).text
    assert len(readable) == len(text) and readable != text
    attribute = load_file(str(path)).body.blocks[0].body.attribute("comment")
    assert attribute is not None
    assert (attribute.name_span.line, attribute.name_span.column) == (20, 3)
    assert (attribute.span.end_line, attribute.span.end_column) == (20, 33)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("a   ${~ x ~}   b", "axb"),
        ("$${x} %%{y}", "${x} %{y}"),
        ("${x ~}   ", "x"),
        ("100%", "100%"),
    ],
)
def test_json_strings_are_templates_with_strip_markers(source: str, value: str) -> None:
    span = Span("x.tf.json", 1, 1, 1, 2)
    template = parse_template(source, span, parse_expression)
    assert evaluate(template, Scope(roots={"x": "x"})) == value


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        ("locals {\n  é = 1\n}\n", 2, 3),  # HCL identifiers are Unicode; python-hcl2's are ASCII
        ("locals {\n  a = -!true\n}\n", 2, 8),  # python-hcl2 allows one unary operator
        ("locals {\n  a = x.6e3\n}\n", 3, 1),  # a legacy index written with an exponent
        ("locals {\n  a = provider::p(1)\n}\n", 2, 18),  # python-hcl2 wants 1 or 3 names
    ],
)
def test_valid_hcl_python_hcl2_cannot_read_says_so(
    source: str, line: int, column: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Known limits: valid HCL that tfgen cannot read, reported as such (not as a mistake)."""
    with pytest.raises(ParseFailure) as caught:
        parse_hcl(source, "x.tf")
    assert caught.value.message.startswith("tfgen cannot read this valid HCL")
    assert (caught.value.line, caught.value.column) == (line, column)
    monkeypatch.setattr(hcl, "RUN_CHARS", 1)  # read a run of one item at a time: the same
    with pytest.raises(ParseFailure) as caught:
        parse_hcl("a = 1\n" + source + "b = 2\n", "x.tf")
    assert caught.value.message.startswith("tfgen cannot read this valid HCL")
    assert (caught.value.line, caught.value.column) == (line + 1, column)
