"""HCL files into the model, through python-hcl2's parser: positions and Terraform's values."""

from __future__ import annotations

import pytest

from tfgen.diagnostics import Span
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse.hcl import parse_expression, parse_hcl
from tfgen.terraform.parse.source import ParseFailure


def test_blocks_attributes_and_their_positions() -> None:
    source = parse_hcl('resource "openai_batch" "x" {\n  endpoint = "/v1/x"\n}\n', "main.tf")
    [block] = source.body.blocks
    assert (block.type, block.labels, block.span.line) == ("resource", ("openai_batch", "x"), 1)
    endpoint = block.body.attribute("endpoint")
    assert endpoint is not None and (endpoint.span.line, endpoint.span.column) == (2, 3)


def test_a_heredoc_keeps_its_closing_newline() -> None:
    [attribute] = parse_hcl("x = <<EOT\nhello\nEOT\n", "main.tf").body.attributes
    assert evaluate(attribute.expr, Scope()) == "hello\n"


def test_an_embedded_expression_takes_the_strings_span() -> None:
    span = Span("main.tf.json", 4, 9, 4, 20)
    expr = parse_expression("1 + 2", span)
    assert expr.span == span and evaluate(expr, Scope()) == 3
    with pytest.raises(ParseFailure, match="invalid expression in string"):
        parse_expression("1 +", span)
