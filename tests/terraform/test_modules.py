"""Which modules a run checks: whole modules, the files Terraform reads, nothing unread passed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfgen.commands.run_validate import validate
from tfgen.errors import UsageError
from tfgen.support.config import Config
from tfgen.terraform.modules import discover, ignored_by_terraform

BATCH = (
    'resource "openai_batch" "{name}" {{\n  completion_window = "{window}"\n'
    '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}}\n'
)
VARIABLES = 'variable "endpoint" {{\n  default = "{endpoint}"\n}}\n'
DECLARED = 'variable "endpoint" {}\n'  # no value: unknown


def batch(name: str = "x", window: str = "24h") -> str:
    return BATCH.format(name=name, window=window)


def module(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "mod"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text)
    return folder


def found(paths: list[str], config: Config | None = None) -> list[tuple[str, str]]:
    report = validate(paths, config=config)
    return [(os.path.basename(d.span.file), d.code) for d in report.sorted()]


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        (".#main.tf", True),  # an editor's lock link
        (".old.tf", True),
        ("main.tf~", True),
        ("#main.tf#", True),
        ("#main.tf", False),  # Terraform 1.11 reads it: only `#...#` is an autosave
        ("main.tf", False),
    ],
)
def test_terraforms_own_ignore_rule(name: str, ignored: bool) -> None:
    assert ignored_by_terraform(name) is ignored


def test_files_terraform_ignores_are_not_checked(tmp_path: Path) -> None:
    folder = module(
        tmp_path, main__tf=batch(), variables__tf=VARIABLES.format(endpoint="/v1/responses")
    )
    for name in (".#main.tf", ".old.tf", "main.tf~"):
        (folder / name).write_text(batch(window="25h"))
    assert found([str(tmp_path)]) == []
    assert validate([str(tmp_path)]).files == 2


def test_a_file_terraform_reads_despite_its_name_is_checked(tmp_path: Path) -> None:
    folder = module(
        tmp_path, main__tf=batch(), variables__tf=VARIABLES.format(endpoint="/v1/responses")
    )
    (folder / "#draft.tf").write_text(batch("y", window="25h"))
    assert found([str(tmp_path)]) == [("#draft.tf", "invalid-completion-window")]


def test_naming_a_file_terraform_ignores_is_a_usage_error(tmp_path: Path) -> None:
    folder = module(tmp_path, main__tf=batch())
    (folder / ".old.tf").write_text(batch())
    with pytest.raises(UsageError, match="Terraform does not read hidden or backup files"):
        validate([str(folder / ".old.tf")])


def test_a_named_variables_file_checks_its_module(tmp_path: Path) -> None:
    """pre-commit names a changed terraform.tfvars alone; its module is what it changes."""
    folder = module(
        tmp_path,
        main__tf=batch(),
        variables__tf=VARIABLES.format(endpoint="/v1/responses"),
        terraform__tfvars='endpoint = "/v1/embedding"\n',
    )
    assert found([str(folder / "terraform.tfvars")]) == [("main.tf", "invalid-endpoint")]


def test_a_value_from_a_named_variables_tf_is_reported_in_main_tf(tmp_path: Path) -> None:
    folder = module(
        tmp_path, main__tf=batch(), variables__tf=VARIABLES.format(endpoint="/v1/embedding")
    )
    [finding] = validate([str(folder / "variables.tf")]).diagnostics
    assert finding.span.file == str(folder / "main.tf") and finding.code == "invalid-endpoint"
    # The message says where the value came from, as for any other finding.
    assert finding.message.endswith(
        f'from var.endpoint = "/v1/embedding" (default at {folder / "variables.tf"}:2)'
    )


def test_a_new_file_duplicating_a_block_is_reported_when_named_alone(tmp_path: Path) -> None:
    folder = module(
        tmp_path,
        main__tf=batch("nightly"),
        variables__tf=VARIABLES.format(endpoint="/v1/responses"),
    )
    (folder / "extra.tf.json").write_text(
        '{"resource": {"openai_batch": {"nightly": {"completion_window": "24h",'
        ' "endpoint": "/v1/responses", "input_file_id": "file-2"}}}}\n'
    )
    assert "duplicate-block" in {code for _, code in found([str(folder / "extra.tf.json")])}


def test_exclude_applies_to_named_files(tmp_path: Path) -> None:
    """ruff's force-exclude: pre-commit names the files, the configuration still decides."""
    folder = module(tmp_path, main__tf=batch(window="25h"), variables__tf=DECLARED)
    report = validate([str(folder / "main.tf")], config=Config(exclude=("*/mod/*.tf",)))
    assert report.diagnostics == [] and report.files == 0
    assert found([str(folder / "main.tf")]) == [("main.tf", "invalid-completion-window")]


def test_an_excluded_file_is_part_of_its_module_but_not_reported(tmp_path: Path) -> None:
    folder = module(
        tmp_path,
        main__tf=batch(),
        generated__tf=VARIABLES.format(endpoint="/v1/embedding") + batch("y", window="25h"),
    )
    config = Config(exclude=("generated.tf",))
    # The variable still comes from the excluded file; its own finding is not shown.
    assert found([str(folder)], config) == [("main.tf", "invalid-endpoint")]
    assert validate([str(folder)], config=config).files == 1


def test_an_unreadable_directory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module(tmp_path, main__tf=batch(), variables__tf=VARIABLES.format(endpoint="/v1/responses"))
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "main.tf").write_text(batch(window="25h"))
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.path.basename(os.fspath(path)) == "secret":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    report = validate([str(tmp_path)])
    [finding] = report.diagnostics
    assert (finding.code, finding.span.file) == ("unreadable-file", str(secret))
    assert report.has_errors


def test_a_module_named_twice_is_checked_once(tmp_path: Path) -> None:
    folder = module(tmp_path, main__tf=batch(window="25h"), variables__tf=DECLARED)
    assert set(discover([str(folder), str(folder / "main.tf"), str(folder) + "/"]).modules) == {
        str(folder)
    }
    assert found([str(folder), str(folder / "main.tf")]) == [
        ("main.tf", "invalid-completion-window")
    ]


def test_an_unsaved_new_file_is_part_of_its_module(tmp_path: Path) -> None:
    from tfgen.support.files import unsaved

    (tmp_path / "main.tf").write_text("")
    (tmp_path / "empty").mkdir()
    new = str(tmp_path / "empty" / "new.tf")
    with unsaved({str(tmp_path / "extra.tf"): b"", new: b""}):
        found = discover([str(tmp_path)])
    assert found.modules[str(tmp_path)].files == [
        str(tmp_path / "extra.tf"),
        str(tmp_path / "main.tf"),
    ]
    assert found.modules[str(tmp_path / "empty")].files == [new]


def test_local_targets_are_real_paths(tmp_path: Path) -> None:
    from tfgen.terraform.modules import local_targets

    (tmp_path / "child").mkdir()
    data = b'module "a" {\n  source = "./child"\n}\nlocals { x = "../up/x.json", y = "no/./" }\n'
    assert local_targets(str(tmp_path), data) == [
        os.path.realpath(tmp_path / "child"),
        os.path.realpath(tmp_path.parent / "up" / "x.json"),
    ]
