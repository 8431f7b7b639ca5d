"""Local module calls: the child checked with the caller's arguments, on Terraform's addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.commands.run_validate import validate

CALLS = FIXTURES / "calls"
ROOT = FIXTURES / "conformance" / "module_calls"  # Terraform confirms these findings


def findings(folder: Path) -> set[tuple[str, int, str, str | None]]:
    report = validate([str(folder)])
    return {
        (str(Path(d.span.file).relative_to(folder)), d.span.line, d.code, d.address)
        for d in report.diagnostics
    }


def test_a_child_is_checked_with_each_call_and_instance() -> None:
    child = "modules/batches/main.tf"
    assert findings(ROOT) == {
        ("main.tf", 17, "missing-argument", "module.typo"),
        ("main.tf", 19, "unknown-argument", "module.typo"),
        (child, 12, "invalid-endpoint", "module.jobs.openai_batch.x"),
        (child, 12, "invalid-endpoint", 'module.each["bad"].openai_batch.x'),
        # Shared by both instances of module.each (seconds = 3600 there): not reported.
        (child, 16, "output-expires-seconds-out-of-range", "module.jobs.openai_batch.x"),
        (child, 16, "output-expires-seconds-out-of-range", "module.typo.openai_batch.x"),
    }


def test_a_finding_says_where_the_callers_value_came_from() -> None:
    report = validate([str(ROOT)])
    [finding] = [d for d in report.diagnostics if d.address == "module.jobs.openai_batch.x"
                 and d.code == "invalid-endpoint"]  # fmt: skip
    assert 'from var.endpoint = "/v1/embedding" (module.jobs argument, ' in finding.message
    assert finding.message.endswith("main.tf:7)")


def test_a_child_named_alone_is_checked_as_a_root() -> None:
    # Its variable is unknown then, but the default of the other is still out of range.
    assert findings(ROOT / "modules" / "batches") == {
        ("main.tf", 16, "output-expires-seconds-out-of-range", "openai_batch.x")
    }


def test_modules_that_call_each_other_are_a_cycle() -> None:
    assert findings(CALLS / "cycle") == {
        ("child/main.tf", 1, "module-cycle", "module.child"),  # root -> child -> root
        ("main.tf", 1, "module-cycle", "module.parent"),  # and from the child, as a root
    }


def test_a_registry_module_is_not_fetched_and_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n'
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = module.vpc.file_id\n}\n'
    )
    assert findings(tmp_path) == set()


def test_an_ignore_in_a_child_covers_its_findings_through_every_call() -> None:
    assert findings(CALLS / "ignored") == set()


def test_a_local_source_that_is_no_directory_is_a_finding_at_the_call(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'module "x" {\n  source = "./nope"\n}\nmodule "y" {\n  source = "./main.tf"\n}\n'
    )
    assert findings(tmp_path) == {
        ("main.tf", 2, "module-not-found", None),
        ("main.tf", 5, "module-not-found", None),
    }


def test_a_child_called_twice_from_one_module_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tfgen.checks import calls
    from tfgen.terraform import module_reader

    child = tmp_path / "child"
    child.mkdir()
    (child / "main.tf").write_text(
        'variable "endpoint" {}\nresource "openai_batch" "b" {\n  completion_window = "24h"\n'
        '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n'
    )
    (tmp_path / "main.tf").write_text(
        'module "a" {\n  source = "./child"\n  endpoint = "/v1/nope"\n}\n'
        'module "b" {\n  source = "./child"\n  endpoint = "/v1/nada"\n}\n'
    )
    parsed: list[str] = []
    real = module_reader.parse_module

    def counting(directory: str, contents: dict[str, bytes]) -> object:
        parsed.append(directory)
        return real(directory, contents)

    monkeypatch.setattr(module_reader, "parse_module", counting)
    monkeypatch.setattr(calls, "_PARSED", {})
    monkeypatch.setenv("TFGEN_JOBS", "1")  # the count is kept in this process
    report = validate([str(tmp_path)])
    assert sorted(d.code for d in report.diagnostics) == ["invalid-endpoint"] * 2
    assert [Path(d).name for d in parsed].count("child") == 1
