"""A UsageError from anywhere in the core is the user's to fix: one line and exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tfgen.cli import cli
from tfgen.errors import UsageError


def test_a_usage_error_is_one_line_and_exit_two(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise UsageError("x.tf: not what was expected")

    monkeypatch.setattr("tfgen.commands.run_validate.validate", refuse)
    run = CliRunner().invoke(cli, ["validate", "."])
    assert (run.exit_code, run.stderr) == (2, "Error: x.tf: not what was expected\n")
