"""tfgen's findings against Terraform's own, run on a stand-in provider (tests/standin/).

For every module of tfgen's rule fixtures, its examples and the modules of
tests/fixtures/conformance: each error Terraform reports at a place is reported by tfgen in the
same top-level block, and each tfgen finding is confirmed by Terraform in the same block, or is
one of the findings only tfgen makes (TFGEN_ONLY, listed in the README). Terraform validates a
resource's arguments with the provider only once its core checks pass, so a block whose
findings Terraform does not confirm is run again alone, without the arguments Terraform
already reported, until it confirms them or has nothing more to say.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from locations import FIXTURES, ROOT
from standin.terraform import Finding, StandIn, missing

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Diagnostic
from tfgen.terraform.parse import load_bytes
from tfgen.terraform.variable_sources import VariableSources

# Findings Terraform does not make, by design (the README lists them).
TFGEN_ONLY = {
    "input-file-id-format",  # a literal id that does not look like file-...: a warning
    "ignored-object-key",  # a key Terraform drops when it converts an object: a warning
    "undeclared-variable",  # Terraform warns too, but names no place in the tfvars
}
TFGEN_ONLY_PREFIXES = ("input-",)  # the batch input file's rules: the API applies them, later

MODULES = sorted(
    [p for p in (FIXTURES / "rules").iterdir() if p.is_dir()]
    + [p for p in (FIXTURES / "conformance").iterdir() if p.is_dir()]
    + [ROOT / "examples" / "valid", ROOT / "examples" / "invalid", ROOT / "examples" / "spec"]
    + [FIXTURES / "spec"]  # rendered specs: full.tf.json and escape.tf.json
)
REASON = missing()


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> StandIn:
    return StandIn.create(tmp_path_factory.mktemp("standin"))


def _blocks(folder: Path) -> dict[str, list[int]]:
    """The first line of each top-level block, by file (relative to the root module, as
    Terraform names them, child modules' included): a block runs to the next one."""
    starts = {}
    for path in sorted(folder.rglob("*")):
        if path.name.endswith((".tf", ".tf.json")) and ".terraform" not in path.parts:
            parsed = load_bytes(path.read_bytes(), str(path))
            starts[str(path.relative_to(folder))] = sorted(b.span.line for b in parsed.body.blocks)
    return starts


def _block_of(starts: dict[str, list[int]], file: str, line: int) -> tuple[str, int]:
    before = [s for s in starts.get(file, []) if s <= line]
    return file, before[-1] if before else 0


def _relative(finding: Diagnostic, work: Path) -> str:
    return str(Path(finding.span.file).relative_to(work))


def _named(address: str, found: list[Finding]) -> bool:
    """An error Terraform places nowhere (a provider configuration not present) names the
    block's address in its detail."""
    return any(not f.file and f"{address} " in f.detail for f in found)


def _still_unconfirmed(
    ours: list[Diagnostic],
    work: Path,
    starts: dict[str, list[int]],
    confirmed: set[tuple[str, int]],
    theirs: list[Finding],
) -> list[Diagnostic]:
    return [
        d for d in ours
        if _block_of(starts, _relative(d, work), d.span.line) not in confirmed
        and not (d.address and _named(d.address, theirs))
    ]  # fmt: skip


def _tfgen(folder: Path) -> list[Diagnostic]:
    return validate([str(folder)], VariableSources()).diagnostics


def _only_tfgen(code: str) -> bool:
    return code in TFGEN_ONLY or code.startswith(TFGEN_ONLY_PREFIXES)


def _placed(found: list[Finding]) -> Iterator[Finding]:
    return (f for f in found if f.file and f.line)


def _without(
    work: Path, blocks: set[tuple[str, int]], starts: dict[str, list[int]], into: Path
) -> Path:
    """A copy of the module without the given blocks, blanked line for line so that the
    lines of the rest still match (a Terraform JSON file with one of them is emptied)."""
    shutil.copytree(work, into)
    for name, lines in starts.items():
        path = into / name
        if name.endswith(".json"):
            if any(file == name for file, _ in blocks):
                path.write_text("{}\n")
            continue
        text = path.read_text(encoding="utf-8").split("\n")
        bounds = [*lines, len(text) + 1]
        for start, end in itertools.pairwise(bounds):
            if (name, start) in blocks:
                text[start - 1 : end - 1] = [""] * (end - start)
        path.write_text("\n".join(text), encoding="utf-8")
    return into


@pytest.mark.slow
@pytest.mark.skipif(REASON is not None, reason=f"no stand-in Terraform: {REASON}")
@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_tfgen_and_terraform_find_the_same(module: Path, standin: StandIn, tmp_path: Path) -> None:
    work = tmp_path / module.name
    shutil.copytree(module, work)
    starts = _blocks(work)
    ours = [d for d in _tfgen(work) if d.span.in_file]
    everything = standin.findings(work)
    theirs = list(_placed(everything))
    our_blocks = {_block_of(starts, _relative(d, work), d.span.line) for d in ours}
    missed = [
        f for f in theirs
        if f.severity == "error" and _block_of(starts, f.file, f.line) not in our_blocks
    ]  # fmt: skip
    confirmed = {_block_of(starts, f.file, f.line) for f in theirs}
    unconfirmed = [
        d for d in ours
        if not _only_tfgen(d.code)
        and _block_of(starts, _relative(d, work), d.span.line) not in confirmed
    ]  # fmt: skip
    # Terraform stops at the first walk that fails: without the blocks it reported, the rest
    # goes on (to `plan` and its tfvars, in the end), where it may confirm more.
    latest, blanked = everything, set()
    for round_number in range(3):
        unconfirmed = _still_unconfirmed(unconfirmed, work, starts, confirmed, everything)
        blocks = {_block_of(starts, _relative(d, work), d.span.line): d for d in ours}
        reported = {_block_of(starts, f.file, f.line) for f in _placed(latest)}
        reported |= {b for b, d in blocks.items() if d.address and _named(d.address, latest)}
        targets = {_block_of(starts, _relative(d, work), d.span.line) for d in unconfirmed}
        if not unconfirmed or not (reported - targets) - blanked:
            break
        blanked |= reported - targets
        latest = standin.findings(_without(work, blanked, starts, tmp_path / f"r{round_number}"))
        everything += latest
        confirmed |= {_block_of(starts, f.file, f.line) for f in _placed(latest)}
    unconfirmed = _still_unconfirmed(unconfirmed, work, starts, confirmed, everything)
    assert missed == [], f"Terraform found what tfgen did not: {missed}"
    assert unconfirmed == [], "tfgen found what Terraform does not confirm: " + "; ".join(
        f"{_relative(d, work)}:{d.span.line} {d.code}" for d in unconfirmed
    )
