"""Untrusted text is printed escaped, in every format: reports cannot be forged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import FIXTURES

from tfgen.cli import cli
from tfgen.report.printable import printable

FORGED = FIXTURES / "robustness" / "forged"
FORMATS = ["text", "github", "sarif", "json"]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain: text, 100%", "plain: text, 100%"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[31mred", "\\u001b[31mred"),
        ("\x9b2J\x7f", "\\u009b2J\\u007f"),
        ("line\u2028sep", "line\\u2028sep"),
        ("lone \udcff", "lone \\udcff"),
        ("caf\u00e9 \u6f22", "caf\u00e9 \u6f22"),
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def forged_lines(output: str) -> list[str]:
    """Lines a terminal or a GitHub runner would take for something tfgen did not write."""
    return [
        line
        for line in output.split("\n")
        if line.startswith("::error file=README.md") or "\x1b" in line or "\r" in line
    ]


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_forged_label_cannot_write_a_line_of_its_own(output_format: str) -> None:
    run = CliRunner().invoke(cli, ["validate", "--format", output_format, str(FORGED)])
    assert run.exit_code == 1, run.output
    assert forged_lines(run.stdout) == []
    if output_format in ("json", "sarif"):
        text = json.dumps(json.loads(run.stdout))
        assert "\\u001b" not in text.replace("\\\\u001b", "")  # escaped once, visibly
    else:
        assert "::error file=README.md" in run.stdout.replace("\\n", "\n")  # shown, escaped


@pytest.mark.parametrize("output_format", FORMATS)
def test_forged_batch_input_fields_are_escaped(output_format: str) -> None:
    run = CliRunner().invoke(
        cli, ["check-input", "--format", output_format, str(FORGED / "requests.jsonl")]
    )
    assert run.exit_code == 1, run.output
    assert forged_lines(run.stdout) == []
    assert "\udc00" not in run.stdout


def test_a_forged_file_name_is_escaped_in_a_usage_error(tmp_path: Path) -> None:
    named = tmp_path / "x\n::error file=README.md::forged\x1b[2J.txt"
    named.write_text("")
    run = CliRunner().invoke(cli, ["validate", str(named)])
    assert run.exit_code == 2
    assert forged_lines(run.stderr) == [] and "\\u001b[2J" in run.stderr
