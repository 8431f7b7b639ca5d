"""The command line through click's CliRunner: formats, exit codes, usage errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import FIXTURES

from tfgen import __version__
from tfgen.cli import cli

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
RULES = Path(__file__).parent / "fixtures" / "rules"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_valid_examples_exit_zero() -> None:
    code, out, _ = run("validate", str(EXAMPLES / "valid"))
    assert code == 0, out
    assert out.strip().splitlines()[-1] == "No problems found (3 files, 7 blocks checked)."


def test_invalid_examples_exit_one_with_one_line_per_finding() -> None:
    code, out, _ = run("validate", "--no-color", str(EXAMPLES / "invalid"))
    assert code == 1
    lines = out.strip().splitlines()
    main_tf = str(EXAMPLES / "invalid" / "main.tf")
    assert f"{main_tf}:3:3: error[invalid-endpoint] openai_batch.nightly: " in out
    assert lines[-1].startswith("Found ")
    assert all(line.count(": ") >= 2 for line in lines[:-1])


def test_json_format_matches_the_contract() -> None:
    code, out, _ = run("validate", "--format", "json", str(RULES / "endpoint" / "main.tf"))
    assert code == 1
    document = json.loads(out)
    assert document["version"] == 1
    assert document["summary"] == {"files": 1, "blocks": 10, "errors": 2, "warnings": 0}
    first = document["diagnostics"][0]
    assert set(first) == {
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "code",
        "message",
        "address",
        "attribute",
        "source",  # added: "file", or where a value from no file came from
        "fix",  # added: the edit of a single "did you mean", on findings that have one
    }
    assert first["fix"] == {
        "span": [51, 23, 51, 39],
        "old": '"/v1/Embeddings"',
        "new": '"/v1/embeddings"',
    }
    assert first["source"] == "file"
    assert first["line"] == 51 and first["column"] == 3
    assert first["end_line"] == 51 and first["end_column"] == 39
    assert first["severity"] == "error" and first["code"] == "invalid-endpoint"
    assert first["address"] == "openai_batch.wrong_case" and first["attribute"] == "endpoint"


def test_quiet_prints_only_the_summary() -> None:
    code, out, _ = run("validate", "-q", str(RULES / "endpoint" / "main.tf"))
    assert code == 1
    assert out == "Found 2 errors and 0 warnings (1 file, 10 blocks checked).\n"


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    tf = tmp_path / "main.tf"
    tf.write_text(
        'data "openai_batch" "x" {\n  batch_id = "b"\n}\n'
        'resource "openai_batch" "y" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "abc"\n}\n'
    )
    code, out, _ = run("validate", str(tf))
    assert code == 0
    assert "warning[input-file-id-format]" in out


def test_missing_path_is_a_usage_error() -> None:
    code, _, err = run("validate", "no/such/dir")
    assert code == 2
    assert "no/such/dir: no such file or directory" in err
    assert "Traceback" not in err


def test_non_terraform_file_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    code, _, err = run("validate", str(other))
    assert code == 2
    assert "not a Terraform file" in err


def test_a_bad_job_count_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "many")
    code, _, err = run("validate", str(EXAMPLES / "valid"))
    assert (code, err) == (2, "Error: TFGEN_JOBS must be a whole number of processes, got 'many'\n")


def test_bad_option_is_a_usage_error() -> None:
    code, _, err = run("validate", "--format", "xml", str(RULES))
    assert code == 2
    assert "xml" in err


def test_default_path_is_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text('data "openai_batch" "x" {\n}\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", "--no-color")
    assert code == 1
    assert out.startswith("main.tf:1:1: error[missing-argument] data.openai_batch.x: ")


def test_internal_error_is_one_line_exit_three_and_a_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The contract: exit 3, one line, the traceback in a log file the line names."""

    def boom(*args: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr("tfgen.commands.run_validate.validate", boom)
    code, _, err = run("validate", str(RULES))
    assert code == 3
    [line] = err.splitlines()
    prefix = "tfgen: internal error: RuntimeError: kaboom; the traceback is in "
    assert line.startswith(prefix)
    log = Path(line.removeprefix(prefix))
    assert log.parent == tmp_path and log.name.startswith("tfgen-crash-")
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and 'raise RuntimeError("kaboom")' in text


def test_a_reader_that_went_away_ends_the_run_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tfgen validate | head`: the output's reader closed it. Was: an internal error."""

    def closed(*args: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("tfgen.commands.run_validate.validate", closed)
    code, _, err = run("validate", str(RULES))
    assert (code, err) == (1, "")


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize("name", ["resource", "data"])
def test_schema_prints_the_shipped_schema(name: str) -> None:
    code, out, _ = run("schema", name)
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    json_path = tmp_path / "report.json"
    code, out, _ = run(
        "validate",
        "--no-color",
        "--output-file",
        f"json={json_path}",
        str(RULES / "endpoint" / "main.tf"),
    )
    assert code == 1
    assert "error[invalid-endpoint]" in out  # text on stdout
    document = json.loads(json_path.read_text())
    assert document["summary"]["errors"] == 2


def test_bad_output_file_spec_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("validate", "--output-file", "xml=out.xml", str(RULES))
    assert code == 2 and "is not FORMAT=PATH" in err
    code, _, err = run(
        "validate", "--output-file", f"json={tmp_path}/no/such/dir/r.json", str(RULES / "endpoint")
    )
    assert code == 2 and "cannot write the json report" in err


@pytest.mark.parametrize("target", ["main.tf", "./terraform.tfvars", "requests.jsonl"])
def test_a_report_is_never_written_over_a_file_the_run_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """Was: `--output-file sarif=main.tf` replaced the main.tf it had just checked."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "examples" / "valid", tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "examples" / "spec" / "data" / "embeddings.jsonl", "requests.jsonl")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    command = ["check-input", "requests.jsonl"] if target.endswith(".jsonl") else ["validate", "."]
    run = CliRunner().invoke(cli, [*command, "--output-file", f"sarif={target}"])
    assert run.exit_code == 2, run.output
    assert "refusing to write the sarif report over a file it checks" in run.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_ctrl_c_before_the_boundary_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while click still parses options (was: a traceback) ends like any other."""
    import tfgen.cli as entry

    def interrupted(**kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "cli", interrupted)
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "tfgen: interrupted\n"


def test_eval_prints_the_outputs_as_json_and_exits_zero() -> None:
    module = FIXTURES / "eval" / "module"
    result = CliRunner().invoke(cli, ["eval", str(module), "--var", "ratio=2.5"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["doubled"] == {"value": 5} and shown["started"] == {"known": False}


def test_eval_of_a_module_with_an_error_exits_one_and_says_where() -> None:
    module = FIXTURES / "eval" / "errors"
    result = CliRunner().invoke(cli, ["eval", str(module)])
    assert result.exit_code == 1
    assert "main.tf:2:" in result.stderr and json.loads(result.stdout) == {"fine": {"value": "ok"}}


# --- the options every checking command shares (issue 19) ------------------------------------

ANSI = "\x1b["


@pytest.mark.parametrize(
    ("args", "environ", "coloured"),
    [
        ((), {}, False),  # not a terminal
        (("--color", "always"), {}, True),
        (("--color", "always", "--no-color"), {}, False),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # set but empty: not a request
        ((), {"FORCE_COLOR": ""}, False),
    ],
)
def test_colour_follows_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], environ: dict[str, str], coloured: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run("validate", *args, str(EXAMPLES / "invalid"))
    assert (ANSI in out) is coloured


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "openai_batch" "b" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "abc123"\n}\n'
    )
    assert run("validate", str(tmp_path))[0] == 0
    code, out, _ = run("validate", "--strict", str(tmp_path))
    assert code == 1 and "warning[input-file-id-format]" in out


def test_select_and_ignore_pick_codes() -> None:
    _, out, _ = run("validate", "--select", "invalid-endpoint", str(EXAMPLES / "invalid"))
    codes = {line.split("[")[1].split("]")[0] for line in out.splitlines() if "[" in line}
    assert codes == {"invalid-endpoint"}
    _, out, _ = run(
        "validate", "--ignore", "invalid-endpoint,unknown-argument", str(EXAMPLES / "invalid")
    )
    assert "invalid-endpoint" not in out and "unknown-argument" not in out and "error[" in out


def test_an_unknown_code_in_select_is_a_usage_error() -> None:
    code, _, err = run("validate", "--select", "invalid-endpont", str(EXAMPLES / "invalid"))
    assert code == 2
    assert err == (
        "Error: --select: unknown code 'invalid-endpont'; did you mean \"invalid-endpoint\"?\n"
    )


def test_the_configuration_is_found_from_the_path_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLES / "invalid", tmp_path / "project" / "invalid")
    (tmp_path / "project" / ".tfgen.toml").write_text('disable = ["invalid-endpoint"]\n')
    monkeypatch.chdir(tmp_path)  # not the project: the configuration is the path's
    _, out, _ = run("validate", str(tmp_path / "project" / "invalid"))
    assert "invalid-endpoint" not in out and "error[" in out
    other = tmp_path / "other.toml"
    other.write_text('disable = ["unknown-argument"]\n')
    _, out, _ = run("validate", "--config", str(other), str(tmp_path / "project" / "invalid"))
    assert "invalid-endpoint" in out and "unknown-argument" not in out


def test_a_report_file_named_dash_is_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", "-q", "--output-file", "json=-", str(EXAMPLES / "valid"))
    summary, document = out.split("\n", 1)
    assert code == 0 and summary.startswith("No problems found")
    assert json.loads(document)["summary"]["errors"] == 0
    assert not (tmp_path / "-").exists()


def test_a_directory_with_nothing_to_check_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    code, _, err = run("validate", str(tmp_path))
    assert code == 2
    assert err == f"Error: {tmp_path}: no Terraform files (*.tf, *.tf.json) in it or below\n"


def test_help_lists_the_exit_codes_and_the_configuration() -> None:
    for command in ("validate", "render", "check-input", "eval"):
        _, out, _ = run(command, "--help")
        assert "Exit codes: 0 no errors found; 1 problems found" in out
        assert "Configuration: .tfgen.toml, or [tool.tfgen] in pyproject.toml" in out


def test_schema_writes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "spec.schema.json"
    assert run("schema", "spec", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["title"].startswith("tfgen render spec")
    code, out, _ = run("schema", "terraform-json")
    assert code == 0 and "resource" in json.loads(out)["properties"]


def test_lsp_says_what_it_does_and_what_it_needs() -> None:
    result = CliRunner().invoke(cli, ["lsp", "--help"])
    assert result.exit_code == 0
    said = " ".join(result.output.split())
    assert "It never writes to the workspace" in said
    assert "pip install 'tfgen[lsp]'" in said


def test_lsp_without_pygls_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "tfgen.lsp.server", raising=False)
    monkeypatch.setitem(sys.modules, "lsprotocol", None)
    result = CliRunner().invoke(cli, ["lsp"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: tfgen lsp needs lsprotocol, which is not installed: pip install 'tfgen[lsp]'\n"
    )
