"""The jinja2 side of render: values are data, never templates, and literal `${` stays literal."""

from __future__ import annotations

from tfgen.spec.templating import Expression, escape_literal, to_terraform


def test_template_markers_in_values_are_escaped_for_terraform() -> None:
    assert escape_literal("a ${b} %{c}") == "a $${b} %%{c}"


def test_only_an_expression_becomes_an_interpolation() -> None:
    assert to_terraform(Expression("var.x")) == "${var.x}"
    assert to_terraform({"k": ["{{ 1 + 1 }}", "${x}"]}) == {"k": ["{{ 1 + 1 }}", "$${x}"]}
