"""One module per root cause of issue 15, with Terraform's answer recorded beside it.

Each folder of tests/fixtures/agreement holds a module and `expected.json`: the outputs
`terraform output -json` gave after `terraform apply`, or the places of the errors apply
reported. tfgen must give the same (always run); and Terraform must still give what was
recorded (run where `terraform` is on PATH). `python tests/test_root_causes.py` records them
again from the Terraform on PATH.
"""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from locations import FIXTURES
from terraform_reference import TERRAFORM, comparable, run_terraform

from tfgen.commands.run_eval import run_eval
from tfgen.diagnostics import Diagnostic

AGREEMENT = FIXTURES / "agreement"
CAUSES = sorted(p.name for p in AGREEMENT.iterdir() if p.is_dir())


def expected(cause: str) -> dict[str, Any]:
    text = (AGREEMENT / cause / "expected.json").read_text(encoding="utf-8")
    return dict(json.loads(text, parse_float=Decimal))


def _place(finding: Diagnostic) -> str:
    # Terraform names no file for a cycle; tfgen puts it at the first local in it.
    return (
        "cycle"
        if finding.code == "local-cycle"
        else f"{Path(finding.span.file).name}:{finding.span.line}"
    )


def tfgen_answer(folder: Path) -> dict[str, Any]:
    evaluation = run_eval(str(folder))
    errors = sorted({_place(d) for d in evaluation.report.diagnostics if d.severity == "error"})
    if errors:
        return {"errors": errors}
    outputs = {name: comparable(value) for name, value in evaluation.outputs.items()}
    return {"outputs": {name: value for name, value in outputs.items() if value is not None}}


def terraform_answer(folder: Path, scratch: Path) -> dict[str, Any]:
    work = scratch / folder.name
    shutil.copytree(folder, work, ignore=shutil.ignore_patterns("expected.json"))
    applied = run_terraform(work, "apply", "-auto-approve", "-input=false", "-json", check=False)
    errors = set()
    for line in applied.stdout.splitlines():
        diagnostic = json.loads(line).get("diagnostic")
        if diagnostic and diagnostic["severity"] == "error":
            where = diagnostic.get("range")
            errors.add(f"{where['filename']}:{where['start']['line']}" if where else "cycle")
    if errors:
        return {"errors": sorted(errors)}
    shown = json.loads(run_terraform(work, "output", "-json").stdout, parse_float=Decimal)
    return {"outputs": {name: entry["value"] for name, entry in shown.items()}}


@pytest.mark.parametrize("cause", CAUSES)
def test_tfgen_gives_terraforms_recorded_answer(cause: str) -> None:
    answer = expected(cause)
    answer.pop("terraform")
    assert tfgen_answer(AGREEMENT / cause) == answer


@pytest.mark.slow
@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not on PATH: nothing to record from")
@pytest.mark.parametrize("cause", CAUSES)
def test_terraform_still_gives_the_recorded_answer(cause: str, tmp_path: Path) -> None:
    answer = expected(cause)
    answer.pop("terraform")
    assert terraform_answer(AGREEMENT / cause, tmp_path) == answer


def _version() -> str:
    shown = json.loads(run_terraform(Path("."), "version", "-json").stdout)
    return str(shown["terraform_version"])


def _json(value: Any, indent: str = "") -> str:
    """JSON with numbers written as Terraform wrote them (all their digits)."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        return "[" + ", ".join(_json(v, inner) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def record() -> None:
    import tempfile

    version = _version()
    for cause in CAUSES:
        with tempfile.TemporaryDirectory() as scratch:
            answer = {"terraform": version, **terraform_answer(AGREEMENT / cause, Path(scratch))}
        (AGREEMENT / cause / "expected.json").write_text(_json(answer) + "\n", encoding="utf-8")
        print(cause, "errors" if "errors" in answer else "outputs")


if __name__ == "__main__":
    if TERRAFORM is None:
        sys.exit("terraform is not on PATH")
    record()
