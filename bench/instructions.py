"""issue 17's cold ratios in instructions executed, which this noisy machine cannot move.

    python bench/instructions.py [--cache-dir DIR] [--quick | --tiny] [--seed N]

Wall times here drift by a third from one run to the next, so a ratio near its goal passes
in one run of bench/run.py and fails in the next. valgrind's callgrind counts the
instructions a command executes instead: the same count for the same code, inputs and
environment, whatever else the machine is doing. Each command runs once under callgrind, cold
(TFGEN_NO_CACHE=1) and in one process (TFGEN_JOBS=1; callgrind follows no child), after an
untimed run that writes the .pyc files and the grammar cache. A program that does more memory
traffic per instruction pays more in wall time than here: these ratios are the steady
companion of bench/run.py's, not a replacement.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import generate as gen
import run as bench

_COLLECTED = re.compile(r"Collected : (\d+)")


@dataclass(frozen=True)
class Pair:
    label: str
    tfgen: list[str]  # arguments of tfgen
    baseline: list[str]  # a whole command line
    target: float


def pairs(corpus: gen.Corpus) -> list[Pair]:
    """The rows of bench/run.py's table whose baseline callgrind runs in minutes."""
    blocks = corpus.blocks[bench.headline(corpus)]
    py = bench.PY
    return [
        Pair(
            "validate small / import hcl2 + one parse",
            ["validate", corpus.small],
            [py, "-c", bench.BARE_ONE, corpus.small_file],
            1.2,
        ),
        Pair(
            f"validate {bench.headline(corpus)} blocks / Lark parse alone",
            ["validate", blocks],
            [py, "-c", bench.LARK_ALONE, blocks],
            0.9,
        ),
        Pair(
            "validate .tf.json / jsonschema + json.load",
            ["validate", corpus.tfjson],
            [py, "-c", bench.JSON_SCHEMA_LOAD, corpus.tfjson],
            2.0,
        ),
    ]


def instructions(argv: list[str], cwd: Path, env: dict[str, str]) -> int:
    """What callgrind counts for one run of argv."""
    wrapped = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
    done = subprocess.run(wrapped, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {argv[:3]}: {done.stderr[-300:]}")
    return int(found.group(1))


def rows(corpus: gen.Corpus, env: dict[str, str]) -> Iterator[list[str]]:
    tfgen, wanted = bench.tfgen_argv(), pairs(corpus)
    commands = [c for p in wanted for c in ([*tfgen, *p.tfgen], p.baseline)]
    for command in commands:  # untimed: .pyc files and the grammar cache are written
        subprocess.run(command, cwd=corpus.root, env=env, capture_output=True, check=False)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = list(pool.map(lambda c: instructions(c, corpus.root, env), commands))
    for index, pair in enumerate(wanted):
        ours, theirs = counts[2 * index], counts[2 * index + 1]
        ratio = ours / theirs
        verdict = "PASS" if ratio <= pair.target else f"FAIL ({ratio / pair.target:.3f}x over)"
        yield [pair.label, f"{ours / 1e6:,.0f}", f"{theirs / 1e6:,.0f}", f"{ratio:.3f}x",
               f"<= {pair.target:.2f}x", verdict]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, help="generate the corpus here, or reuse it")
    gen.add_size_options(parser)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: this count needs its callgrind tool")
    size = gen.chosen_sizes(args)
    with tempfile.TemporaryDirectory(prefix="tfgen-instructions-") as scratch:
        work = Path(scratch)
        corpus, _ = gen.reuse_or_generate(args.cache_dir or work / "corpus", size, args.seed)
        env = bench.child_env(work / "home", work / "pycache")
        env.update(TFGEN_NO_CACHE="1", TFGEN_JOBS="1")
        header = ["ratio (cold, one process)", "tfgen M", "baseline M", "ratio", "target", ""]
        print("Instructions executed (valgrind --tool=callgrind, one run each):")
        print(bench.table(header, list(rows(corpus, env))))


if __name__ == "__main__":
    main()
