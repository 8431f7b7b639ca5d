"""The README shows real output and documents every code tfgen can emit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tfgen.cli import cli
from tfgen.codes import CODES

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z0-9-]+)`", README, re.MULTILINE))
    assert documented == set(CODES)


def console_blocks() -> list[tuple[str, str]]:
    """(command, output) for every console block of the README."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        command, _, output = block.partition("\n")
        found.append((command.removeprefix("$ "), output))
    return found


@pytest.mark.parametrize(("command", "output"), console_blocks())
def test_readme_output_is_real(command: str, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = command.split()[1:]
    assert command.split()[0] == "tfgen"
    result = CliRunner().invoke(cli, args)
    assert result.stdout == output
