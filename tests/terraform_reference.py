"""Terraform itself as the reference: what `terraform apply` and `terraform output` say of cases.

All cases go into one module (a `.tf` and an `.auto.tfvars` file each), so one Terraform run
answers hundreds. A run with errors names the files they are in: those cases are errors, they
are taken out, and the rest run again, until a run succeeds and its outputs are the values.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from terraform_cases import Case

from tfgen.terraform.functions.cty_json import to_json
from tfgen.terraform.functions.failure import Pending

TERRAFORM = shutil.which("terraform")
ENVIRONMENT = {
    **os.environ,
    "TF_CLI_CONFIG_FILE": os.devnull,  # no user configuration, no warning about its absence
    "TF_IN_AUTOMATION": "1",
    "CHECKPOINT_DISABLE": "1",
}


@dataclass(frozen=True)
class Verdict:
    """A value, or the first error's summary and line (in the case's `.tf`, or 0); or a case
    Terraform cannot answer at all (its output holds an infinity, which its state cannot)."""

    value: Any = None
    error: str | None = None
    line: int = 0
    incomparable: bool = False


_CASE_NAME = re.compile(r"\b(c\d{4})_[lv]\d")


class Unplaced(Exception):
    """An apply failed with errors that name no file (state that cannot be saved)."""


def comparable(value: object) -> Any:
    """tfgen's value as `terraform output -json` would show it, numbers as exact decimals."""
    try:
        return json.loads(to_json(value), parse_float=Decimal)
    except Pending:  # an infinity: JSON has none (and Terraform's state neither)
        return str(value)


def write_cases(folder: Path, cases: list[Case]) -> None:
    for case in cases:
        (folder / f"{case.name}.tf").write_text(case.module_text(), encoding="utf-8")
        tfvars = case.tfvars_text()
        if tfvars:
            (folder / f"{case.name}.auto.tfvars").write_text(tfvars, encoding="utf-8")


def terraform_verdicts(folder: Path, cases: list[Case]) -> dict[str, Verdict]:
    """Terraform's verdict on every case, found in as few runs as the errors allow."""
    assert TERRAFORM is not None
    write_cases(folder, cases)
    verdicts: dict[str, Verdict] = {}
    remaining = {case.name for case in cases}
    while remaining:
        try:
            errors = _apply_errors(folder)
        except Unplaced:
            errors = {n: Verdict(incomparable=True) for n in _culprits(folder, sorted(remaining))}
        if not errors:
            break
        for name, verdict in errors.items():
            verdicts[name] = verdict
            remaining.discard(name)
            for path in folder.glob(f"{name}.*"):
                path.unlink()
    if remaining:
        outputs = json.loads(run_terraform(folder, "output", "-json").stdout, parse_float=Decimal)
        for name in remaining:
            # An output whose value is null is not in the state at all.
            verdicts[name] = Verdict(value=outputs.get(name, {}).get("value"))
    return verdicts


def _apply_errors(folder: Path) -> dict[str, Verdict]:
    result = run_terraform(folder, "apply", "-auto-approve", "-input=false", "-json", check=False)
    errors: dict[str, Verdict] = {}
    unplaced = []
    for line in result.stdout.splitlines():
        message = json.loads(line)
        diagnostic = message.get("diagnostic")
        if message.get("type") != "diagnostic" or diagnostic.get("severity") != "error":
            continue
        where = diagnostic.get("range") or {}
        name = Path(where.get("filename", "")).name.split(".")[0]
        if not name:
            # A cycle names no file, but names the values in it, and so their case.
            cases = sorted(set(_CASE_NAME.findall(diagnostic["summary"])))
            for case in cases:
                errors.setdefault(case, Verdict(error=diagnostic["summary"]))
            if not cases:
                unplaced.append(diagnostic["summary"])
            continue
        line_number = where["start"]["line"] if where.get("filename", "").endswith(".tf") else 0
        errors.setdefault(name, Verdict(error=diagnostic["summary"], line=line_number))
    if result.returncode != 0 and not errors:
        raise Unplaced(str(unplaced or result.stderr[-2000:]))
    return errors


def _culprits(folder: Path, names: list[str]) -> list[str]:
    """The cases whose apply fails with errors naming no file, found by halving."""
    if not _fails_alone(folder, names):
        return []
    if len(names) == 1:
        return names
    half = len(names) // 2
    return _culprits(folder, names[:half]) + _culprits(folder, names[half:])


def _fails_alone(folder: Path, names: list[str]) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            for path in folder.glob(f"{name}.*"):
                shutil.copy(path, scratch)
        try:
            _apply_errors(Path(scratch))
        except Unplaced:
            return True
    return False


def run_terraform(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TERRAFORM or "terraform", *args],
        cwd=folder,
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )
