"""Templates as HCL's template parser makes them: strip markers, `<<-`, escapes, directives."""

from __future__ import annotations

from tfgen.diagnostics import Span
from tfgen.terraform import expr as ex
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse.hcl import parse_expression
from tfgen.terraform.parse.template import parse_heredoc, parse_template

SPAN = Span.point("main.tf.json", 1, 1)


def value(text: str) -> object:
    return evaluate(parse_template(text, SPAN, parse_expression), Scope())


def test_literal_text_and_escapes() -> None:
    assert value("plain") == "plain"
    assert value("$${x} %%{y}") == "${x} %{y}"


def test_interpolations_and_strip_markers() -> None:
    assert value('a ${"b"} c') == "a b c"
    assert value('a   ${~ "b" ~}   c') == "abc"


def test_a_lone_interpolation_keeps_its_type() -> None:
    assert value("${1 + 2}") == 3


def test_a_directive_is_left_unevaluated() -> None:
    template = parse_template("%{ if true }x%{ endif }", SPAN, parse_expression)
    assert isinstance(template, ex.Template)


def test_a_flush_heredoc_loses_the_indentation_its_lines_share() -> None:
    body = "    one\n      two\n"
    assert evaluate(parse_heredoc(body, True, SPAN, parse_expression), Scope()) == "one\n  two\n"
