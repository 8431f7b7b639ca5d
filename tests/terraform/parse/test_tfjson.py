"""Terraform JSON (`.tf.json`) gives the same findings as HCL, at JSON positions."""

from __future__ import annotations

import pytest
from locations import FIXTURES as TESTS_FIXTURES
from rule_expectations import EXPECTED, findings

from tfgen.commands.run_validate import validate

FIXTURES = TESTS_FIXTURES
JSON_RULES = FIXTURES / "rules_json"
# Written as blocks, which JSON cannot express the same way (json_specific.tf.json has the
# JSON forms of these).
BLOCK_ONLY = {
    "openai_batch.as_block",
    "openai_batch.as_dynamic_block",
    "openai_batch.unknown_block",
}


@pytest.mark.parametrize("name", sorted(p.name for p in JSON_RULES.iterdir() if p.name in EXPECTED))
def test_json_twin_finds_what_hcl_finds(name: str) -> None:
    expected = {
        (code, address, attribute)
        for _, code, address, attribute in EXPECTED[name]
        if address not in BLOCK_ONLY
    }
    got = {
        (code, address, attribute) for _, code, address, attribute in findings(JSON_RULES / name)
    }
    assert got == expected


def test_json_positions_point_at_keys() -> None:
    report = validate([str(JSON_RULES / "output_expires_after")])
    spans = {(d.code, d.address): (d.span.line, d.span.column) for d in report.diagnostics}
    assert spans[("output-expires-seconds-out-of-range", "openai_batch.too_short")] == (26, 58)
    assert spans[("missing-argument", "openai_batch.missing_anchor")] == (56, 9)
    assert spans[("ignored-object-key", "openai_batch.extra_key")] == (62, 75)
    report = validate([str(JSON_RULES / "required")])
    # A missing argument points at the block's name key, the JSON block header.
    assert {(d.span.line, d.span.column) for d in report.diagnostics} == {
        (9, 7),
        (13, 7),
        (17, 7),
        (21, 7),
    }


def test_json_templates_escapes_comments_and_dynamic_blocks() -> None:
    report = validate([str(JSON_RULES / "json_specific")])
    got = {(d.span.line, d.code, d.address) for d in report.diagnostics}
    assert got == {
        # "$${var.endpoint}" is the literal text ${var.endpoint}, not a reference.
        (23, "invalid-endpoint", "openai_batch.escaped_enum"),
        (31, "attribute-as-block", "openai_batch.dynamic_block"),
    }
    assert report.blocks == 6  # the array form of a block body counts too, and the upload
    message = next(d.message for d in report.diagnostics if d.code == "invalid-endpoint")
    assert 'endpoint is "${var.endpoint}"' in message


def test_exponent_number_is_read_as_terraform_does() -> None:
    report = validate([str(JSON_RULES / "output_expires_after")])
    assert not [d for d in report.diagnostics if d.address == "openai_batch.exponent"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain",
        "line\nbreak",
        "$$ and %% alone",
        "$${x}",
        "%%{x}",
        "a ${var.b} c",
        "%{ if true }y%{ endif }",
    ],
)
def test_a_string_with_no_sequence_skips_the_template_parser_with_the_same_result(
    text: str,
) -> None:
    from tfgen.diagnostics import Span
    from tfgen.terraform.parse.hcl import parse_expression
    from tfgen.terraform.parse.template import parse_template
    from tfgen.terraform.parse.tfjson import _template

    span = Span("x.tf.json", 1, 1, 1, 2)
    assert _template(text, span) == parse_template(text, span, parse_expression)
