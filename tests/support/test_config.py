"""Project configuration: .tfgen.toml or [tool.tfgen], and usage errors that name the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tfgen.cli import cli

BAD_BATCH = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = "/v1/responses"\n  input_file_id = "abc"\n}\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "main.tf").write_text(BAD_BATCH)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_without_configuration_the_defaults_apply(project: Path) -> None:
    code, out, _ = run("validate")
    assert code == 0 and "warning[input-file-id-format]" in out


def test_severity_override_in_dedicated_file(project: Path) -> None:
    (project / ".tfgen.toml").write_text('severity = { "input-file-id-format" = "error" }\n')
    code, out, _ = run("validate")
    assert code == 1 and "error[input-file-id-format]" in out


def test_disable_in_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.tfgen]\ndisable = ["input-file-id-format"]\n')
    code, out, _ = run("validate")
    assert code == 0 and "input-file-id-format" not in out


def test_configuration_is_found_in_a_parent_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".tfgen.toml").write_text('disable = ["input-file-id-format"]\n')
    (project / "sub").mkdir()
    (project / "sub" / "main.tf").write_text(BAD_BATCH.replace('"x"', '"y"'))
    monkeypatch.chdir(project / "sub")
    code, out, _ = run("validate")
    assert code == 0 and "No problems found" in out


def test_exclude_skips_paths_in_the_walk(project: Path) -> None:
    (project / "legacy").mkdir()
    (project / "legacy" / "old.tf").write_text('data "openai_batch" "z" {\n}\n')
    (project / ".tfgen.toml").write_text('exclude = ["legacy/*"]\n')
    code, out, _ = run("validate", ".")
    assert code == 0 and "legacy" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("severty = {}\n", "unknown key 'severty'"),
        (
            'disable = ["input-file-id-fromat"]\n',
            "disable: unknown code 'input-file-id-fromat'; did you mean \"input-file-id-format\"?",
        ),
        (
            'severity = { "invalid-endpoint" = "fatal" }\n',
            "severity.invalid-endpoint: 'fatal' is not one of error, warning, info",
        ),
        ('exclude = "legacy"\n', "exclude must be a list of strings"),
        ('spec-pattern = "(["\n', "spec-pattern: invalid regular expression"),
        ("disable = [\n", "invalid TOML"),
    ],
)
def test_invalid_configuration_is_a_usage_error(project: Path, content: str, message: str) -> None:
    (project / ".tfgen.toml").write_text(content)
    code, _, err = run("validate")
    assert code == 2
    assert ".tfgen.toml" in err and message in err
    assert "Traceback" not in err


def test_invalid_pyproject_table_names_the_table(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        textwrap.dedent("""
        [tool.tfgen]
        disable = "all"
    """)
    )
    code, _, err = run("validate")
    assert code == 2 and "pyproject.toml [tool.tfgen]: disable must be a list of strings" in err


def test_spec_pattern_selects_specs_for_render(project: Path) -> None:
    (project / ".tfgen.toml").write_text("spec-pattern = '\\.tfgen\\.ya?ml$'\n")
    (project / "jobs.tfgen.yaml").write_text(
        "version: 1\nbatches:\n  a:\n    completion_window: 24h\n"
        "    endpoint: /v1/responses\n    input_file_id: file-1\n"
    )
    (project / "other.yaml").write_text("not: a spec\n")
    code, _, err = run("render", "--check", "jobs.tfgen.yaml", "other.yaml")
    assert code == 1 and "jobs.tfgen.tf.json is missing" in err
    assert "other" not in err


def test_the_run_s_configuration_adds_select_and_ignore(tmp_path: Path) -> None:
    from tfgen.support.config import chosen_config

    (tmp_path / ".tfgen.toml").write_text('disable = ["unused-ignore"]\n')
    (tmp_path / "main.tf").write_text("")
    config = chosen_config(
        [str(tmp_path / "main.tf")], None, ["invalid-endpoint, unknown-argument"], ["local-cycle"]
    )
    assert config.disable == {"unused-ignore", "local-cycle"}
    assert config.select == {"invalid-endpoint", "unknown-argument"}
    assert chosen_config([str(tmp_path)], None, [], []).select is None


def test_a_pyproject_given_with_config_is_read_for_its_table(tmp_path: Path) -> None:
    from tfgen.support.config import chosen_config

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.tfgen]\ndisable = ["local-cycle"]\n')
    assert chosen_config(["."], str(pyproject), [], []).disable == {"local-cycle"}
    pyproject.write_text("[tool.other]\n")
    assert chosen_config(["."], str(pyproject), [], []).disable == frozenset()
