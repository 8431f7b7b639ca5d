"""Finding the modules that call a directory, through local sources, at any depth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.lsp import callers
from tfgen.lsp.callers import Calls

WORKSPACE = FIXTURES / "lsp" / "workspace"


def _call(source: str) -> str:
    return f'module "m" {{\n  source = "{source}"\n}}\n'


def test_the_caller_of_a_module_is_found() -> None:
    calls = Calls(str(WORKSPACE))
    assert calls.of(str(WORKSPACE / "modules" / "jobs")) == [
        os.path.realpath(WORKSPACE / "envs" / "prod")
    ]
    assert calls.of(str(WORKSPACE / "single")) == []


def test_callers_of_callers_are_found_and_cycles_end(tmp_path: Path) -> None:
    # a -> b -> c -> a, and d -> a
    for name, source in [("a", "../b"), ("b", "../c"), ("c", "../a"), ("d", "../a")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(_call(source))
    found = Calls(str(tmp_path)).of(str(tmp_path / "c"))
    assert found == sorted(os.path.realpath(tmp_path / n) for n in ("a", "b", "d"))


def test_a_workspace_without_terraform_has_no_callers(tmp_path: Path) -> None:
    assert Calls(str(tmp_path)).of(str(tmp_path)) == []


def test_a_huge_workspace_is_not_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "child").mkdir()
    (tmp_path / "child" / "main.tf").write_text("")
    (tmp_path / "main.tf").write_text(_call("./child"))
    assert Calls(str(tmp_path)).of(str(tmp_path / "child")) == [os.path.realpath(tmp_path)]
    monkeypatch.setattr(callers, "MAX_MODULES", 1)
    assert Calls(str(tmp_path)).of(str(tmp_path / "child")) == []
