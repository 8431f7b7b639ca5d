"""One check over the editor's buffers: the right checker, buffers over files, by file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.diagnostics import ENVIRONMENT, Diagnostic, Severity, Span
from tfgen.lsp.callers import Calls
from tfgen.lsp.checking import by_file, check_document
from tfgen.lsp.documents import Kind


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "workspace"
    shutil.copytree(FIXTURES / "lsp" / "workspace", copy)
    return copy


def _codes(found: list[Diagnostic]) -> list[str]:
    return sorted(d.code for d in found)


def test_a_terraform_file_gets_its_modules_findings_by_file(workspace: Path) -> None:
    main = str(workspace / "single" / "main.tf")
    found = check_document(main, Kind.TERRAFORM, {})
    assert _codes(found[main]) == ["invalid-endpoint", "missing-argument", "unknown-argument"]
    # Read and clean: listed, so that the editor clears what it showed before.
    assert found[str(workspace / "single" / "terraform.tfvars")] == []


def test_a_variables_file_gets_its_modules_check(workspace: Path) -> None:
    tfvars = str(workspace / "single" / "terraform.tfvars")
    found = check_document(tfvars, Kind.TERRAFORM, {tfvars: b'window = "24 h"\n'})
    main = str(workspace / "single" / "main.tf")
    assert "invalid-completion-window" in _codes(found[main])
    assert found[tfvars] == []


def test_buffers_win_over_the_disk_and_new_files_count(workspace: Path) -> None:
    main = workspace / "single" / "main.tf"
    fixed = main.read_text().replace("endpont ", "endpoint").replace("Embeddings", "embeddings")
    new = workspace / "single" / "extra.tf"  # not saved yet
    buffers = {
        str(main): fixed.encode(),
        str(new): b'resource "openai_batch" "extra" {\n  endpoint = "/v1/x"\n}\n',
    }
    found = check_document(str(main), Kind.TERRAFORM, buffers)
    assert found[str(main)] == []
    assert "invalid-endpoint" in _codes(found[str(new)])
    assert not new.exists()


def test_a_called_module_is_checked_through_its_callers(workspace: Path) -> None:
    child = str(workspace / "modules" / "jobs" / "main.tf")
    alone = check_document(child, Kind.TERRAFORM, {})
    assert alone[child] == []  # var.endpoint is unknown to a root
    through = check_document(child, Kind.TERRAFORM, {}, Calls(str(workspace)))
    assert _codes(through[child]) == ["invalid-endpoint"]
    caller = str(workspace / "envs" / "prod" / "main.tf")
    edited = {caller: Path(caller).read_bytes().replace(b"Embeddings", b"embeddings")}
    assert check_document(child, Kind.TERRAFORM, edited, Calls(str(workspace)))[child] == []


def test_a_batch_input_buffer_is_checked(workspace: Path) -> None:
    path = str(workspace / "single" / "requests.jsonl")
    found = check_document(path, Kind.INPUT, {})
    assert _codes(found[path]) == ["input-duplicate-custom-id", "input-unknown-parameter"]
    first = Path(path).read_bytes().split(b"\n")[0] + b"\n"
    assert check_document(path, Kind.INPUT, {path: first}) == {path: []}


def test_a_spec_buffer_is_checked(workspace: Path) -> None:
    path = str(workspace / "spec" / "batches.yaml")
    found = check_document(path, Kind.SPEC, {})
    assert _codes(found[path]) == ["invalid-endpoint"]
    fixed = Path(path).read_bytes().replace(b"/completion\n", b"/completions\n")
    assert check_document(path, Kind.SPEC, {path: fixed}) == {path: []}
    assert not (workspace / "spec" / "batches.tf.json").exists()


@pytest.mark.parametrize(
    ("relative", "kind", "code"),
    [
        ("single/main.tf", Kind.TERRAFORM, "unknown-argument"),
        ("single/requests.jsonl", Kind.INPUT, "input-duplicate-custom-id"),
        ("spec/batches.yaml", Kind.SPEC, "invalid-endpoint"),
    ],
)
def test_the_configuration_nearest_the_file_applies(
    workspace: Path, relative: str, kind: Kind, code: str
) -> None:
    path = str(workspace / relative)
    assert code in _codes(check_document(path, kind, {})[path])
    (workspace / ".tfgen.toml").write_text(f'disable = ["{code}"]\n')
    assert code not in _codes(check_document(path, kind, {})[path])


def test_values_from_no_file_are_left_out() -> None:
    where = Span("main.tf", 1, 1, 1, 2)
    there = Diagnostic(where, Severity.ERROR, "invalid-endpoint", "m")
    elsewhere = Diagnostic(Span.outside("TF_VAR_x", ENVIRONMENT), Severity.ERROR, "x", "m")
    assert by_file([there, elsewhere], []) == {os.path.abspath("main.tf"): [there]}
