"""`--format github`: golden files, the escaping GitHub's runner needs, and the CLI.

Rewrite the golden files after an intended change with `TFGEN_UPDATE_GOLDEN=1 pytest`.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from golden import GOLDEN, assert_golden, handmade_report
from locations import ROOT

from tfgen.cli import cli
from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Report
from tfgen.report import Options, format_report
from tfgen.report.github import escape_data, escape_property
from tfgen.report.text import summary

# What the runner accepts: a command, properties up to `::`, then the message; neither part
# may hold a raw line end, and a property value no raw `,` or `:`.
COMMAND = re.compile(r"::(error|warning|notice)(?: ([^:\r\n]*))?::([^\r\n]*)")
_UNESCAPES = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}


def unescape(text: str) -> str:
    return re.sub("%(?:0D|0A|3A|2C|25)", lambda match: _UNESCAPES[match.group(0)], text)


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: (command, properties, message)."""
    match = COMMAND.fullmatch(line)
    assert match, line
    listed = [item.split("=", 1) for item in (match.group(2) or "").split(",") if item]
    return match.group(1), {key: unescape(value) for key, value in listed}, unescape(match.group(3))


def commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    *lines, last = output.removesuffix("\n").split("\n")
    assert not last.startswith("::")
    return [parse(line) for line in lines]


def handmade_output() -> str:
    return format_report("github", handmade_report(), Options())


def by_title() -> dict[str, tuple[dict[str, str], str]]:
    return {props["title"]: (props, text) for _, props, text in commands(handmade_output())}


@pytest.fixture
def invalid_example(monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(ROOT)  # so the paths in findings are relative and the same everywhere
    return validate(["examples/invalid"])


def test_handmade_report_matches_golden() -> None:
    assert_golden("handmade.github.txt", format_report("github", handmade_report(), Options()))


def test_invalid_example_matches_golden(invalid_example: Report) -> None:
    assert_golden("invalid.github.txt", format_report("github", invalid_example, Options()))


@pytest.mark.parametrize(
    ("text", "data", "property_value"),
    [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("a,b:c", "a,b:c", "a%2Cb%3Ac"),
        ("one\r\ntwo\n", "one%0D%0Atwo%0A", "one%0D%0Atwo%0A"),
        ("%0A", "%250A", "%250A"),  # already looks escaped: must survive as typed
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping(text: str, data: str, property_value: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == property_value


def test_one_command_per_finding_then_the_summary() -> None:
    report = handmade_report()
    output = format_report("github", report, Options())
    assert output.endswith(f"\n{summary(report)}\n")
    assert len(commands(output)) == len(report.diagnostics)


def test_command_follows_the_findings_severity() -> None:
    kinds = {props["title"]: kind for kind, props, _ in commands(handmade_output())}
    assert kinds["invalid-endpoint"] == "error"
    assert kinds["input-file-id-format"] == "warning"
    assert kinds["metadata-too-many-pairs"] == "notice"  # an info finding


def test_awkward_file_name_and_message_survive_the_round_trip() -> None:
    """`,` `:` `%` survive GitHub's escapes; a newline or CR arrives escaped, as in every
    format, so that no file name or message can start a line of its own."""
    props, text = by_title()["undeclared-variable"]
    assert props["file"] == "odd, name:100%\\n.tf"
    assert text == 'a value is given for undeclared variable "x": 50%, 75%\\nsecond line\\r'


def test_position_of_a_one_line_finding() -> None:
    props, text = by_title()["invalid-endpoint"]
    assert props == {
        "file": "main.tf",
        "line": "3",
        "col": "3",
        "endLine": "3",
        "endColumn": "45",
        "title": "invalid-endpoint",
    }
    assert text.startswith("openai_batch.nightly: endpoint is ")


def test_multi_line_finding_has_lines_but_no_columns() -> None:
    props, _ = by_title()["metadata-too-many-pairs"]
    assert (props["line"], props["endLine"]) == ("7", "12")
    assert "col" not in props and "endColumn" not in props


def test_finding_without_a_known_line_keeps_its_file() -> None:
    props, _ = by_title()["unreadable-file"]
    assert props == {"file": "gone.tf", "title": "unreadable-file"}


def test_finding_from_no_file_names_its_origin_in_the_message() -> None:
    for code, origin in [
        ("unknown-cli-variable", "<command line>"),
        ("invalid-variable-value", "TF_VAR_jobs"),
    ]:
        props, text = by_title()[code]
        assert props == {"title": code}
        assert text.startswith(f"{origin}: ")


def test_file_level_finding_has_no_address() -> None:
    _, text = by_title()["syntax-error"]
    assert text == "unexpected token '}': expected an attribute or a block"


def test_cli_prints_the_golden_commands_and_exits_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["validate", "--format", "github", "examples/invalid"])
    assert result.exit_code == 1, result.output
    parsed = commands(result.stdout)
    assert [kind for kind, _, _ in parsed].count("warning") == 1
    assert all(props["file"].startswith("examples/invalid/") for _, props, _ in parsed)
    assert result.stdout.splitlines()[-1].startswith("Found 11 errors and 1 warning")
    assert result.stdout == (GOLDEN / "invalid.github.txt").read_bytes().decode("utf-8")
