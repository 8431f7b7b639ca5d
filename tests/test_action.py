"""action.yml, the composite GitHub Action: its steps' commands run here as a runner would run
them (the install step aside: tfgen is installed in this environment already)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from locations import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def run_steps(inputs: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    [step] = [s for s in ACTION["runs"]["steps"] if s.get("id") == "validate"]
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for name, value in step["env"].items():
        env[name] = _expand(value, values)
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True
    )


def _expand(value: str, inputs: dict[str, Any]) -> str:
    for name, given in inputs.items():
        value = value.replace("${{ inputs." + name + " }}", str(given))
    return value


def test_the_steps_are_what_a_runner_runs() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert "pip install" in steps[1]["run"] and "${{" not in steps[1]["run"]
    assert all("${{" not in step.get("run", "") for step in steps)  # inputs only via env


def test_findings_become_annotations_and_a_sarif_file(tmp_path: Path) -> None:
    sarif = tmp_path / "out.sarif"
    done = run_steps({"paths": str(ROOT / "examples" / "invalid"), "sarif-file": str(sarif)}, ROOT)
    assert done.returncode == 1, done.stderr
    assert "::error file=" in done.stdout and "title=invalid-endpoint" in done.stdout
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"invalid-endpoint"}


def test_a_clean_tree_passes_and_args_reach_tfgen(tmp_path: Path) -> None:
    valid = str(ROOT / "examples" / "valid")
    assert run_steps({"paths": valid, "sarif-file": ""}, tmp_path).returncode == 0
    assert not list(tmp_path.iterdir())  # no SARIF file asked for, none written
    strict = run_steps(
        {"paths": valid, "sarif-file": "", "args": "--select no-such-code"}, tmp_path
    )
    assert strict.returncode == 2 and "unknown code 'no-such-code'" in strict.stderr


@pytest.mark.parametrize("hostile", ['"; touch pwned; "', "$(touch pwned)"])
def test_an_input_is_never_run_as_shell(tmp_path: Path, hostile: str) -> None:
    run_steps({"paths": hostile, "sarif-file": ""}, tmp_path)
    assert not (tmp_path / "pwned").exists()
