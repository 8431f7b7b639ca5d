"""How validate reads a tree: every file of a module that mentions openai_batch is parsed,
and modules that do not are read and skipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.commands.run_validate import validate
from tfgen.support import files

BATCH = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n'
)


def test_files_without_checked_blocks_are_read_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "network.tf").write_text('resource "aws_vpc" "main" {\n  cidr_block = \n')
    report = validate([str(tmp_path)])
    assert report.diagnostics == [] and report.files == 1 and report.blocks == 0


def test_a_module_without_checked_blocks_does_not_import_the_checker(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "network.tf").write_text('resource "aws_vpc" "main" {}\n')
    probe = (
        "import sys; from tfgen.commands.run_validate import validate; validate([sys.argv[1]]); "
        "print(sorted(m for m in ('hcl2', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _caller_and_child(tmp_path: Path, child: str) -> Path:
    """A service module calling a shared one; the caller has a syntax error, so the result
    says whether it was parsed."""
    (tmp_path / "modules" / "shared").mkdir(parents=True)
    (tmp_path / "modules" / "shared" / "main.tf").write_text(child)
    service = tmp_path / "services" / "api"
    service.mkdir(parents=True)
    (service / "main.tf").write_text(
        'module "shared" {\n  source = "../../modules/shared"\n}\n'
        'resource "aws_vpc" "main" {\n  cidr_block = \n'
    )
    return service


def test_a_module_calling_only_modules_without_checked_blocks_is_not_parsed(
    tmp_path: Path,
) -> None:
    service = _caller_and_child(tmp_path, 'resource "aws_vpc" "main" {}\n')
    report = validate([str(service)])
    assert report.diagnostics == [] and report.blocks == 0


@pytest.mark.parametrize(
    "child",
    [BATCH.replace("var.endpoint", '"/v1/embeddings"'), 'resource "openai_file" "f" {}\n'],
    ids=["batch", "upload"],
)
def test_a_module_calling_one_with_checked_blocks_is_checked(tmp_path: Path, child: str) -> None:
    service = _caller_and_child(tmp_path, child)
    report = validate([str(service)])
    assert "syntax-error" in {d.code for d in report.diagnostics}


def test_a_local_source_that_is_no_module_directory_is_checked(tmp_path: Path) -> None:
    """So that module-not-found is reported at the call."""
    service = _caller_and_child(tmp_path, "")
    (tmp_path / "modules" / "shared" / "main.tf").unlink()
    (tmp_path / "modules" / "shared").rmdir()
    report = validate([str(service)])
    assert "syntax-error" in {d.code for d in report.diagnostics}


def test_every_file_of_a_checked_module_is_parsed(tmp_path: Path) -> None:
    """terraform plan fails on a broken outputs.tf beside a batch: so does tfgen."""
    (tmp_path / "main.tf").write_text(BATCH)
    (tmp_path / "variables.tf").write_text('variable "endpoint" {\n  default = "/v1/nope"\n}\n')
    (tmp_path / "other.tf").write_text('resource "aws_vpc" "main" {\n  cidr_block = \n')
    report = validate([str(tmp_path)])
    assert [(Path(d.span.file).name, d.code) for d in report.sorted()] == [
        ("main.tf", "invalid-endpoint"),
        ("other.tf", "syntax-error"),
    ]


def test_unreadable_target_is_reported_even_without_checked_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "main.tf"
    target.write_text("")
    original = files.open_regular

    def denied(path: str | Path) -> int:
        if Path(path).name == "main.tf":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(files, "open_regular", denied)
    [finding] = validate([str(tmp_path)]).diagnostics
    assert finding.code == "unreadable-file"


def test_what_terraform_accepts_and_refuses_beyond_the_schema() -> None:
    """count = 0 has no instances, but terraform validate checks the block once, so a wrong
    literal is still an error (measured against Terraform, tests/test_terraform_conformance.py);
    a null map element is accepted; a local nothing uses is still evaluated; for_each over a
    tuple is an error."""
    folder = FIXTURES / "resolve" / "accepted_and_refused"
    found = {(d.span.line, d.code) for d in validate([str(folder)]).diagnostics}
    assert found == {
        (2, "invalid-expression"),
        (8, "invalid-completion-window"),
        (21, "invalid-expression"),
    }


@pytest.mark.parametrize("tree", ["calls", "rules", "resolve", "input_files"])
def test_modules_checked_in_workers_give_the_report_of_one_process(
    tree: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
    reports = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("TFGEN_JOBS", jobs)
        report = validate([str(FIXTURES / tree)])
        reports.append((report.diagnostics, report.files, report.blocks))
    assert reports[0] == reports[1] and reports[0][2] > 0


def test_results_checked_in_workers_are_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TFGEN_NO_CACHE")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TFGEN_JOBS", "2")
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(BATCH + 'variable "endpoint" {}\n')
    first = validate([str(tmp_path / "a"), str(tmp_path / "b")])
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2
    assert validate([str(tmp_path / "a"), str(tmp_path / "b")]).diagnostics == first.diagnostics


def test_progress_follows_the_modules_checked(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(BATCH + 'variable "endpoint" {}\n')
    asked: list[int] = []
    seen: list[tuple[int, int]] = []

    def progress_for(modules: int) -> Callable[[int, int], None]:
        asked.append(modules)
        return lambda done, total: seen.append((done, total))

    validate([str(tmp_path)], progress_for=progress_for)
    assert asked == [3] and seen == [(1, 3), (2, 3), (3, 3)]


def test_the_summary_counts_what_was_checked_each_once(tmp_path: Path) -> None:
    """Was: a module called by another one checked in the same run had its blocks counted
    twice (through the call and as a root whose findings are dropped), and a child's files
    were not counted when only the caller was named."""
    batch = (
        'resource "openai_batch" "b" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/embeddings"\n  input_file_id = "file-a"\n}\n'
    )
    (tmp_path / "child").mkdir()
    (tmp_path / "child" / "main.tf").write_text(batch)
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "main.tf").write_text(
        'module "c" {\n  source = "../child"\n}\n' + batch.replace('"b"', '"own"')
    )
    for paths in ([tmp_path], [tmp_path / "root", tmp_path / "child"], [tmp_path / "root"]):
        report = validate([str(p) for p in paths])
        assert (report.diagnostics, report.files, report.blocks) == ([], 2, 2), paths
        assert str(tmp_path / "child" / "main.tf") in report.sources
    alone = validate([str(tmp_path / "child")])
    assert (alone.files, alone.blocks) == (1, 1)
