"""validate follows openai_file uploads to the JSONL a batch runs, and checks it."""

from __future__ import annotations

import shutil
from pathlib import Path

from locations import FIXTURES

from tfgen.commands.run_validate import validate
from tfgen.spec.render import render_spec

CASES = FIXTURES / "input_files"


def found(name: str) -> set[tuple[str, int, str]]:
    report = validate([str(CASES / name)])
    return {(Path(d.span.file).name, d.span.line, d.code) for d in report.diagnostics}


def test_a_matching_input_file_passes() -> None:
    assert found("good") == set()


def test_the_jsonl_is_checked_against_the_batch_endpoint() -> None:
    # The JSON form, with a path relative to the module (no path.module).
    assert found("bad_content") == {
        ("requests.jsonl", 1, "input-url-mismatch"),
        ("requests.jsonl", 2, "input-url-mismatch"),
    }


def test_the_bodies_of_the_jsonl_are_checked_too() -> None:
    report = validate([str(CASES / "bad_body")])
    [finding] = report.diagnostics
    assert (Path(finding.span.file).name, finding.span.line, finding.code) == (
        "requests.jsonl",
        2,
        "input-unknown-parameter",
    )
    assert 'did you mean "temperature"' in finding.message


def test_an_upload_whose_purpose_is_not_batch_is_an_error() -> None:
    assert found("bad_purpose") == {("main.tf", 9, "input-purpose-not-batch")}


def test_a_missing_upload_file_is_an_error() -> None:
    assert found("missing") == {("main.tf", 1, "input-file-missing")}


def test_render_checks_input_file_the_same_way(tmp_path: Path) -> None:
    shutil.copy(CASES / "good" / "requests.jsonl", tmp_path / "requests.jsonl")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "version: 1\nbatches:\n  chat:\n    completion_window: 24h\n"
        "    endpoint: /v1/chat/completions\n    input_file: requests.jsonl\n"
    )
    result = render_spec(str(spec), str(tmp_path / "spec.tf.json"))
    assert result.text is None
    assert {(Path(d.span.file).name, d.span.line, d.code) for d in result.diagnostics} == {
        ("requests.jsonl", 1, "input-url-mismatch"),
        ("requests.jsonl", 2, "input-url-mismatch"),
    }
    spec.write_text(spec.read_text().replace("/v1/chat/completions", "/v1/embeddings"))
    assert render_spec(str(spec), str(tmp_path / "spec.tf.json")).text is not None
