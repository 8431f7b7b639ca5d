"""Variable values from every source, in Terraform's precedence order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import FIXTURES

from tfgen.cli import cli

RESOLVE = FIXTURES / "resolve"
LAYERS = [
    "terraform.tfvars",
    "terraform.tfvars.json",
    "a.auto.tfvars",
    "b.auto.tfvars.json",
    "c.auto.tfvars",
]


@pytest.fixture
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "precedence"
    shutil.copytree(RESOLVE / "precedence", target)
    monkeypatch.chdir(tmp_path)
    return target


def endpoint_finding(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, ["validate", "--no-color", *args, "precedence"], env=env)
    lines = [line for line in result.stdout.splitlines() if "invalid-endpoint" in line]
    assert result.exit_code == (1 if lines else 0), result.output
    return lines[0] if lines else ""


def set_layer(module: Path, name: str, value: str) -> None:
    path = module / name
    if name.endswith(".json"):
        path.write_text(f'{{"endpoint": "{value}"}}\n')
    else:
        path.write_text(f'endpoint = "{value}"\n')


@pytest.mark.parametrize("top", range(len(LAYERS)))
def test_each_file_layer_beats_the_ones_below(module: Path, top: int) -> None:
    for name in LAYERS[top + 1 :]:
        (module / name).unlink()
    finding = endpoint_finding(env={"TF_VAR_endpoint": "env"})
    assert f'endpoint is "{LAYERS[top]}"' in finding
    assert f"(precedence/{LAYERS[top]}:1)" in finding
    # The passing twin: the winning layer holds a valid value, every layer below does not.
    set_layer(module, LAYERS[top], "/v1/responses")
    assert endpoint_finding(env={"TF_VAR_endpoint": "env"}) == ""


def test_environment_beats_the_default(module: Path) -> None:
    for name in LAYERS:
        (module / name).unlink()
    finding = endpoint_finding(env={"TF_VAR_endpoint": "from-env"})
    assert 'endpoint is "from-env"' in finding and "(TF_VAR_endpoint)" in finding
    assert endpoint_finding(env={"TF_VAR_endpoint": "/v1/embeddings"}) == ""


def test_default_applies_when_nothing_else_does(module: Path) -> None:
    for name in LAYERS:
        (module / name).unlink()
    finding = endpoint_finding()
    assert 'endpoint is "default"' in finding
    assert "(default at precedence/main.tf:3)" in finding


def test_var_file_beats_module_files(module: Path) -> None:
    finding = endpoint_finding("--var-file", "precedence/extra.tfvars")
    assert 'endpoint is "extra.tfvars"' in finding


@pytest.mark.parametrize(
    ("args", "winner"),
    [
        (["--var-file", "precedence/extra.tfvars", "--var", "endpoint=cli"], "cli"),
        (["--var", "endpoint=cli", "--var-file", "precedence/extra.tfvars"], "extra.tfvars"),
        (["--var=endpoint=first", "--var=endpoint=second"], "second"),
    ],
)
def test_command_line_order_decides(module: Path, args: list[str], winner: str) -> None:
    assert f'endpoint is "{winner}"' in endpoint_finding(*args)


def test_valid_command_line_value_passes(module: Path) -> None:
    assert endpoint_finding("--var", "endpoint=/v1/videos") == ""


def test_undeclared_cli_variable_is_an_error(module: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--var", "endpont=/v1/videos", "precedence"])
    assert result.exit_code == 1
    assert "error[unknown-cli-variable]" in result.stdout
    assert '--var "endpont=/v1/videos" sets a variable that no module declares' in result.stdout


def test_malformed_var_is_a_usage_error(module: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--var", "endpoint", "precedence"])
    assert result.exit_code == 2
    assert "is not NAME=VALUE" in result.stderr


def test_missing_var_file_is_a_usage_error(module: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--var-file", "nope.tfvars", "precedence"])
    assert result.exit_code == 2


def test_broken_and_undeclared_tfvars_are_diagnostics() -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(RESOLVE / "bad_tfvars")])
    assert result.exit_code == 1
    import json

    found = {
        (Path(d["file"]).name, d["line"], d["code"], d["severity"])
        for d in json.loads(result.stdout)["diagnostics"]
    }
    assert found == {
        ("terraform.tfvars", 2, "syntax-error", "error"),
        ("extra.auto.tfvars", 1, "undeclared-variable", "warning"),
    }


def test_complex_value_from_the_environment_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "tags" {\n  type = map(string)\n}\n'
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n  metadata = var.tags\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    keys = ", ".join(f'k{i} = "v"' for i in range(17))
    result = CliRunner().invoke(cli, ["validate", "--no-color"], env={"TF_VAR_tags": f"{{{keys}}}"})
    assert result.exit_code == 1
    assert "metadata has 17 pairs" in result.stdout and "(TF_VAR_tags)" in result.stdout


def test_values_from_no_file_are_typed_as_such(tmp_path: Path) -> None:
    """A finding about TF_VAR_x or --var names its source with a type, not a file name
    convention: reporters give it no file location."""
    from tfgen.commands.run_validate import validate
    from tfgen.diagnostics import COMMAND_LINE, ENVIRONMENT
    from tfgen.terraform.variable_sources import VariableSources

    (tmp_path / "main.tf").write_text(
        'variable "n" {\n  type = number\n}\ndata "openai_batch" "x" {\n  batch_id = "b"\n}\n'
    )
    sources = VariableSources((("var", "nope=1"),), {"TF_VAR_n": "not a number"})
    found = {d.span.file: d.span for d in validate([str(tmp_path)], sources).diagnostics}
    assert found["TF_VAR_n"].source == ENVIRONMENT
    assert found["<command line>"].source == COMMAND_LINE
    assert not any(span.in_file for span in found.values())


def test_defaults_tfvars_and_complex_cli_values_must_be_constants(tmp_path: Path) -> None:
    from tfgen.commands.run_validate import validate
    from tfgen.terraform.variable_sources import VariableSources

    (tmp_path / "main.tf").write_text(
        'variable "a" {\n  default = "x"\n}\nvariable "b" {\n  default = var.a\n}\n'
        'variable "c" {\n  type = list(string)\n}\nvariable "d" {}\n'
        'data "openai_batch" "x" {\n  batch_id = "b"\n}\n'
    )
    (tmp_path / "terraform.tfvars").write_text('d = upper("a")\n')
    sources = VariableSources((("var", 'c=[lower("A")]'),), {})
    found = [
        (Path(d.span.file).name, d.span.line, d.code)
        for d in validate([str(tmp_path)], sources).diagnostics
    ]
    assert found == [
        ("main.tf", 5, "not-constant"),
        ("terraform.tfvars", 1, "not-constant"),
        ("<command line>", 1, "not-constant"),
    ]
