"""tfgen's evaluation against Terraform's, on seeded random cases (tests/terraform_cases.py).

For each case Terraform gives a value or an error (tests/terraform_reference.py), and tfgen,
through `tfgen eval`'s library call run_eval, gives a value, UNKNOWN, or an error finding in
the case's files. They agree when both give the same value (numbers compared exactly, as
decimals) or both give an error. An UNKNOWN where Terraform knows the value is a disagreement:
tfgen would silently skip its checks.

Run `python tests/test_terraform_agreement.py [SEED ...]` for the figures and every
disagreement; the test runs a fixed seed. Without `terraform` on PATH it skips, saying so.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from terraform_cases import Case, Generator
from terraform_reference import TERRAFORM, Verdict, comparable, terraform_verdicts, write_cases

from tfgen.commands.run_eval import run_eval
from tfgen.terraform.values import UNKNOWN, is_known

SEED = 15
CASES = 2600
MIN_VALUE_CASES, MIN_ERROR_CASES = 1000, 400
# Issue 15's bar: at least 1,000 value and 400 error cases, 99.5% and 98% agreement.
VALUE_AGREEMENT, ERROR_AGREEMENT, SILENT_UNKNOWNS = 0.995, 0.98, 0


@dataclass
class Outcome:
    case: Case
    terraform: Verdict
    tfgen: Verdict
    unknown: bool = False

    @property
    def kind(self) -> str:
        if self.terraform.incomparable:
            return "incomparable"
        if self.terraform.error is not None:
            return "agree" if self.tfgen.error is not None else "missed error"
        if self.tfgen.error is not None:
            return "false error"
        if self.unknown:
            return "silent unknown"
        return "agree" if self.tfgen.value == self.terraform.value else "different value"


def tfgen_verdicts(folder: Path, cases: list[Case]) -> tuple[dict[str, Verdict], set[str]]:
    evaluation = run_eval(str(folder))
    errors: dict[str, Verdict] = {}
    for finding in evaluation.report.diagnostics:
        if finding.severity == "error":
            name = Path(finding.span.file).name.split(".")[0]
            errors.setdefault(name, Verdict(error=finding.code, line=finding.span.line))
    verdicts, unknown = {}, set()
    for case in cases:
        if case.name in errors:
            verdicts[case.name] = errors[case.name]
            continue
        value = evaluation.outputs.get(case.name, UNKNOWN)
        if not is_known(value):
            unknown.add(case.name)
            verdicts[case.name] = Verdict()
        else:
            verdicts[case.name] = Verdict(value=comparable(value))
    return verdicts, unknown


def compare(seed: int, count: int, folder: Path) -> list[Outcome]:
    cases = Generator(seed).cases(count)
    ours_folder, theirs_folder = folder / "tfgen", folder / "terraform"
    ours_folder.mkdir()
    theirs_folder.mkdir()
    write_cases(ours_folder, cases)
    ours, unknown = tfgen_verdicts(ours_folder, cases)
    theirs = terraform_verdicts(theirs_folder, cases)
    return [Outcome(c, theirs[c.name], ours[c.name], c.name in unknown) for c in cases]


@dataclass(frozen=True)
class Figures:
    value_cases: int
    value_agreement: float
    error_cases: int
    error_agreement: float
    silent_unknowns: int
    kinds: Counter[str]


def figures(outcomes: list[Outcome]) -> Figures:
    comparable = [o for o in outcomes if not o.terraform.incomparable]
    values = [o for o in comparable if o.terraform.error is None]
    errors = [o for o in comparable if o.terraform.error is not None]
    return Figures(
        len(values),
        sum(o.kind == "agree" for o in values) / max(len(values), 1),
        len(errors),
        sum(o.kind == "agree" for o in errors) / max(len(errors), 1),
        sum(o.kind == "silent unknown" for o in outcomes),
        Counter(o.kind for o in outcomes),
    )


def describe(outcome: Outcome) -> str:
    return (
        f"--- {outcome.case.name}: {outcome.kind}\n{outcome.case.module_text()}"
        f"{outcome.case.tfvars_text()}"
        f"terraform: {outcome.terraform}\ntfgen:     {outcome.tfgen}"
        f"{' (unknown)' if outcome.unknown else ''}\n"
    )


@pytest.mark.slow
@pytest.mark.skipif(
    TERRAFORM is None, reason="terraform is not on PATH: no reference to compare with"
)
def test_tfgen_evaluates_as_terraform_does(tmp_path: Path) -> None:
    outcomes = compare(SEED, CASES, tmp_path)
    found = figures(outcomes)
    disagreements = "\n".join(describe(o) for o in outcomes if o.kind != "agree")
    assert found.value_cases >= MIN_VALUE_CASES and found.error_cases >= MIN_ERROR_CASES, found
    assert found.silent_unknowns <= SILENT_UNKNOWNS, disagreements
    assert found.value_agreement >= VALUE_AGREEMENT, disagreements
    assert found.error_agreement >= ERROR_AGREEMENT, disagreements


def main(seeds: list[int]) -> None:
    import tempfile

    for seed in seeds:
        with tempfile.TemporaryDirectory() as folder:
            outcomes = compare(seed, CASES, Path(folder))
        for outcome in outcomes:
            if outcome.kind != "agree":
                print(describe(outcome))
        found = figures(outcomes)
        print(
            f"seed {seed}: {found.value_cases} value cases, {found.value_agreement:.2%} agree; "
            f"{found.error_cases} error cases, {found.error_agreement:.2%} agree; "
            f"{found.silent_unknowns} silent unknowns; {dict(found.kinds)}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [SEED])
