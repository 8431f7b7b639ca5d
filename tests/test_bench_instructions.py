"""bench/instructions.py, issue 17's ratios in instructions executed, runs and reports them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from locations import ROOT


@pytest.mark.slow
def test_the_instruction_counts_are_reported_for_each_ratio() -> None:
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed: bench/instructions.py needs its callgrind tool")
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "instructions.py"), "--tiny"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    rows = [line for line in run.stdout.splitlines() if line.startswith("validate ")]
    assert [row.split(" / ")[1].split("|")[0].strip() for row in rows] == [
        "import hcl2 + one parse",
        "Lark parse alone",
        "jsonschema + json.load",
    ]
    for row in rows:
        ours, theirs, ratio = (cell.strip() for cell in row.split("|")[1:4])
        # Counts in millions: a Python start-up alone is tens of millions of instructions.
        assert int(ours.replace(",", "")) > 10 and int(theirs.replace(",", "")) > 10
        assert re.fullmatch(r"\d+\.\d{3}x", ratio)
        assert float(ratio[:-1]) == pytest.approx(
            int(ours.replace(",", "")) / int(theirs.replace(",", "")), rel=0.01
        )
