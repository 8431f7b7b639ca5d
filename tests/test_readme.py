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
    documented = set(re.findall(r"^\| `([a-z][a-z0-9-]+)`", README, re.MULTILINE))
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


def test_the_hover_shown_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    from tfgen.lsp.hover import hover_at

    monkeypatch.chdir(ROOT)
    shown = re.findall(
        r"<!-- hover (\S+):(\d+):(\d+) -->\n```markdown\n(.*?)\n```", README, re.DOTALL
    )
    assert len(shown) == 1
    for path, line, column, text in shown:
        found = hover_at(path, int(line), int(column), {})
        assert found is not None and found.text == text


def test_the_pinned_revision_exists_and_has_todays_hooks() -> None:
    """Was: `rev: v0.1.0`, a tag that does not exist, so pre-commit failed on the README's
    example. The pinned commit must exist and carry the hooks this checkout documents."""
    import subprocess

    pins = set(re.findall(r"rev: ([0-9a-f]{40})", README))
    pins |= set(re.findall(r"tfgen/tfgen@([0-9a-f]{40})", README))
    assert len(pins) == 1, pins
    assert not re.search(r"rev: v\d|tfgen@v\d", README)  # no tag is published
    [pin] = pins
    shown = subprocess.run(
        ["git", "show", f"{pin}:.pre-commit-hooks.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if shown.returncode != 0:
        shallow = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if shallow.returncode != 0 or shallow.stdout.strip() == "true":
            pytest.skip("not a full git clone: the pinned commit cannot be looked up")
    assert shown.returncode == 0, f"{pin} is not a commit of this repository: {shown.stderr}"
    assert shown.stdout == (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def test_every_test_security_md_names_exists() -> None:
    """SECURITY.md names the test behind each promise: each named test must be there."""
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/(?:\w+/)*test_\w+\.py)::(test_\w+)`", security)
    named += [
        (file, name)
        for file, names in re.findall(
            r"`(tests/(?:\w+/)*test_\w+\.py)`: ((?:`test_\w+`(?:,\s*)?)+)", security
        )
        for name in re.findall(r"`(test_\w+)`", names)
    ]
    assert len(named) >= 20
    for file, name in named:
        assert f"def {name}(" in (ROOT / file).read_text(encoding="utf-8"), f"{file}::{name}"
    cases = set(re.findall(r"`tests/test_hostile\.py` `(\w+)`", security))
    from test_hostile import CASES

    assert cases and all(c in CASES or c.endswith("*") for c in cases), cases - set(CASES)
