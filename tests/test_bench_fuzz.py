"""bench/fuzz.py, the longer fuzz run, still runs (it imports the properties' module)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from locations import ROOT


@pytest.mark.slow
def test_the_fuzz_runner_runs_a_few_examples() -> None:
    """Was: it failed at import since test_properties imports helpers from tests/."""
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "fuzz.py"),
            "--examples",
            "3",
            "--seed",
            "1",
            "--only",
            "check-input",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "check-input" in run.stdout
