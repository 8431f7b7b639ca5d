"""The slowest inputs tfgen accepts, at half and at full size: the cost must be linear.

Each case is generated at size n and 2n and run cold (TFGEN_NO_CACHE=1) as a fresh process,
best of --repeat runs; the report gives both times and their ratio, which is about 2.0 for a
linear cost whatever the machine's speed. The full sizes sit just under tfgen's limits
(SECURITY.md): one top-level HCL block of 150,000 tokens, a file of 600,000 in small blocks,
templates in a .tf.json file up to 150,000, a spec just under 1 MiB, a batch input file of one
line past 200 MB (read, never held).

    python bench/worst_cases.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BATCH = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
)


def attributes(folder: Path, n: int) -> list[str]:
    body = "".join(f"  a{i} = {i}\n" for i in range(n))
    (folder / "main.tf").write_text(BATCH + "locals {\n" + body + "}\n")
    return ["validate", str(folder)]


def blocks(folder: Path, n: int) -> list[str]:
    body = "".join(f"locals {{\n  a{i} = {i}\n}}\n" for i in range(n))
    (folder / "main.tf").write_text(BATCH + body)
    return ["validate", str(folder)]


def templates(folder: Path, n: int) -> list[str]:
    members = {f"a{i}": f"${{{i} + 1}}" for i in range(n)}
    block = {"completion_window": "24h", "endpoint": "/v1/responses", "input_file_id": "file-1"}
    document = {"locals": members, "resource": {"openai_batch": {"x": block}}}
    (folder / "main.tf.json").write_text(json.dumps(document))
    return ["validate", str(folder)]


def spec(folder: Path, n: int) -> list[str]:
    batches = "".join(
        f"  b{i}:\n    input_file_id: file-{i}\n    endpoint: /v1/responses\n"
        "    completion_window: 24h\n"
        for i in range(n)
    )
    (folder / "spec.yaml").write_text("version: 1\nbatches:\n" + batches)
    return ["render", "--check", str(folder / "spec.yaml")]


def long_line(folder: Path, n: int) -> list[str]:
    with (folder / "long.jsonl").open("wb") as stream:
        stream.write(b'{"custom_id": "')
        stream.truncate(n)  # sparse zeros: one line, no newline
    return ["check-input", str(folder / "long.jsonl")]


CASES: dict[str, tuple[Callable[[Path, int], list[str]], int, str]] = {
    "HCL attributes in one block (4 tokens each)": (attributes, 18_500, "attributes"),
    "HCL top-level blocks (9 tokens each)": (blocks, 33_000, "blocks"),
    ".tf.json templates": (templates, 4_000, "templates"),
    "spec batches": (spec, 5_300, "batches"),
    "batch input, one line": (long_line, 210 * 1024 * 1024, "bytes"),
}


def best(args: list[str], repeat: int) -> float:
    env = {**os.environ, "TFGEN_NO_CACHE": "1"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tfgen", *args], env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print(f"{'case':44} {'n':>12} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for label, (make, n, unit) in CASES.items():
        measured = []
        for size in (n, 2 * n):
            with tempfile.TemporaryDirectory() as top:
                measured.append(best(make(Path(top), size), options.repeat))
        half, full = measured
        print(f"{label:44} {n:>10,} {unit[:1]} {half:8.2f} {full:8.2f} {full / half:6.2f}")


if __name__ == "__main__":
    main()
