"""Golden files for the report formats: compare, or rewrite with TFGEN_UPDATE_GOLDEN=1."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from tfgen.diagnostics import Diagnostic, Report

GOLDEN = Path(__file__).parent / "fixtures" / "report"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TFGEN_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8") if path.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), str(path), "now"
        )
        pytest.fail(f"{name} differs (TFGEN_UPDATE_GOLDEN=1 rewrites it):\n{''.join(diff)}")


def handmade_report() -> Report:
    """Findings of every kind a format must carry, listed out of order on purpose."""
    data = json.loads((GOLDEN / "handmade-report.json").read_text(encoding="utf-8"))
    return Report(
        diagnostics=[Diagnostic.from_dict(entry) for entry in data["diagnostics"]],
        files=data["summary"]["files"],
        blocks=data["summary"]["blocks"],
    )
