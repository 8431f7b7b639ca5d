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


@pytest.mark.parametrize(
    "source",
    [
        "var.environment", " var.x ", "\tlocal.a.b", "openai_file.input.id", "x",
        "data.openai_batch.x.id", "_a._b", "A1.B2", "module.m.out",
        # not plain traversals: each goes to the parser, and the answers must not change
        "true", "null", "false.x", "var.true", "for", "var.in", "var.if", "var-x", "a-b.c",
        "var.x[0]", "var.x.0", "var..x", "var.", ".x", "var.x\n", "\nvar.x", "var . x",
        "var.é", "1", "var.x + 1", "f(x)", "",
    ],
)  # fmt: skip
def test_a_plain_traversal_is_the_tree_the_parser_builds(source: str) -> None:
    from tfgen.terraform.parse import hcl

    span = Span("main.tf.json", 3, 7, 3, 30)
    fast = hcl._traversal(source, span)
    try:
        parsed: object = hcl._parsed_expression(source, span)
    except ParseFailure as failure:
        parsed = failure.message
    assert fast is None or fast == parsed
    assert (fast is not None) == (source.strip(" \t") in _PLAIN_TRAVERSALS)


_PLAIN_TRAVERSALS = {
    "var.environment", "var.x", "local.a.b", "openai_file.input.id", "x",
    "data.openai_batch.x.id", "_a._b", "A1.B2", "module.m.out",
}  # fmt: skip
