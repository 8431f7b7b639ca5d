"""`tfgen eval`: a module's outputs as tfgen computes them, through the library call."""

from __future__ import annotations

import json

import pytest
from locations import FIXTURES

from tfgen.commands.run_eval import outputs_json, run_eval
from tfgen.errors import UsageError
from tfgen.terraform.values import UNKNOWN
from tfgen.terraform.variable_sources import VariableSources

MODULE = FIXTURES / "eval" / "module"


def test_outputs_with_variables_from_the_module_tfvars() -> None:
    evaluation = run_eval(str(MODULE))
    assert evaluation.report.diagnostics == []
    shown = json.loads(outputs_json(evaluation.outputs), parse_float=str)
    assert shown["doubled"] == {"value": "0.2"}
    assert shown["third"] == {"value": "0." + "3" * 154 + "5"}
    assert shown["started"] == {"known": False}
    assert evaluation.outputs["started"] is UNKNOWN


def test_command_line_values_win_over_tfvars() -> None:
    sources = VariableSources((("var", "ratio=4"),), {})
    assert run_eval(str(MODULE), sources).outputs["doubled"] == 8


def test_a_file_is_not_a_module() -> None:
    with pytest.raises(UsageError, match="not a directory"):
        run_eval(str(MODULE / "main.tf"))


def test_no_outputs_is_an_empty_object() -> None:
    assert outputs_json({}) == "{}"
