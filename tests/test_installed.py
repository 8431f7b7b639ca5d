"""The installed `tfgen` command, run as a user runs it: in a subprocess, from elsewhere.

The wheel test builds the real wheel and installs it into a fresh virtual environment, so it
proves the schemas travel inside the package and are found without the source checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from locations import tfgen_script

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def test_console_script_validates_examples(tmp_path: Path) -> None:
    good = subprocess.run(
        [tfgen_script(), "validate", str(EXAMPLES / "valid")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "No problems found" in good.stdout
    bad = subprocess.run(
        [tfgen_script(), "validate", "--format", "json", str(EXAMPLES / "invalid")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert bad.returncode == 1
    codes = {d["code"] for d in json.loads(bad.stdout)["diagnostics"]}
    assert {"invalid-endpoint", "attribute-as-block", "unknown-argument"} <= codes


def test_console_script_usage_error_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [tfgen_script(), "validate", "missing.tf"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.tf: no such file or directory" in result.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tfgen", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0 and "tfgen" in result.stdout


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(out.glob("tfgen-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_carries_the_schemas(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        assert f"tfgen/_data/schemas/{schema.name}" in names


def test_wheel_installs_and_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    shutil.copytree(EXAMPLES, workdir / "examples")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    tfgen = str(env_dir / "bin" / "tfgen")
    good = subprocess.run(
        [tfgen, "validate", "examples/valid"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [tfgen, "validate", "examples/invalid"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
        check=False,
    )
    assert bad.returncode == 1 and "invalid-endpoint" in bad.stdout
    where = subprocess.run(
        [str(python), "-c", "import tfgen.checks.schemas as r; print(r.data_dir('schemas'))"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
        check=True,
    )
    assert str(env_dir) in where.stdout  # found in the installed package, not the checkout
