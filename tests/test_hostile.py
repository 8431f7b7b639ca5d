"""Hostile and broken input, as anyone with a pull request can write it: every case ends in a
report (exit 0 or 1), with no traceback and no internal error, in bounded time and memory.

Each case runs the installed code in a child process; time is wall time and memory is the
child's own peak resident size (`os.wait4`), so one case cannot hide behind another.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("TFGEN_HOSTILE_SEED", "20261202"))
SECONDS = 10.0
MEMORY = 1024**3  # bytes of peak resident memory
ADDRESS_SPACE = 4 * 1024**3  # a runaway child is stopped here, long before the machine is

BATCH = (
    'resource "openai_batch" "{name}" {{\n  completion_window = "24h"\n'
    '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n{extra}}}\n'
)


def batch(name: str = "x", extra: str = "") -> str:
    return BATCH.format(name=name, extra=extra)


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int

    def describe(self) -> str:
        return (
            f"exit {self.returncode} after {self.seconds:.2f} s, peak "
            f"{self.peak_bytes / 2**20:.0f} MiB\n--- stdout ---\n{self.stdout[:2000]}\n"
            f"--- stderr ---\n{self.stderr[:2000]}"
        )


# The child is started by a small launcher that waits for it itself: Linux carries a
# process's peak RSS across fork and exec, so a child forked by pytest would weigh at least
# pytest's own memory, while one forked by the launcher weighs only the launcher's few MiB.
LAUNCHER = """
import json, os, resource, sys
limit = int(os.environ.pop("TFGEN_HOSTILE_ADDRESS_SPACE"))
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.execv(sys.executable, [sys.executable, "-m", "tfgen", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss": usage.ru_maxrss}, report)
"""


def run_tfgen(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Outcome:
    environ = {
        **os.environ,
        "TFGEN_NO_CACHE": "1",
        "TFGEN_HOSTILE_ADDRESS_SPACE": str(ADDRESS_SPACE),
        **(env or {}),
    }
    out, err, usage = cwd / ".stdout", cwd / ".stderr", cwd / ".usage"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.monotonic()
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(usage), *args],
            cwd=cwd,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            launcher.wait(timeout=SECONDS * 3)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
        seconds = time.monotonic() - start
    measured = json.loads(usage.read_text()) if usage.exists() else {"code": -9, "maxrss": 0}
    return Outcome(
        measured["code"],
        out.read_text(errors="replace"),
        err.read_text(errors="replace"),
        seconds,
        measured["maxrss"] * 1024,  # kilobytes on Linux
    )


def assert_bounded(outcome: Outcome) -> None:
    assert outcome.returncode in (0, 1), outcome.describe()
    assert "Traceback" not in outcome.stderr + outcome.stdout, outcome.describe()
    assert "internal error" not in outcome.stderr, outcome.describe()
    assert outcome.seconds < SECONDS, outcome.describe()
    assert outcome.peak_bytes < MEMORY, outcome.describe()


# -- the cases ------------------------------------------------------------------------------

Case = Callable[[Path, random.Random], list[str]]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return path


@case
def nested_for_over_shared_lists(folder: Path, rng: random.Random) -> list[str]:
    n = rng.choice((512, 1024))
    write(
        folder,
        "main.tf",
        f"locals {{\n  l0 = range({n})\n  l1 = [for i in range({n}) : local.l0]\n"
        f"  l2 = [for i in range({n}) : local.l1]\n}}\n"
        + batch(extra="  metadata = { a = jsonencode(local.l2) }\n")
        + batch("y", extra="  metadata = local.l2\n"),
    )
    return ["validate", "."]


@case
def string_doubled_forty_times(folder: Path, rng: random.Random) -> list[str]:
    doublings = rng.randint(36, 44)
    lines = [f'  s{i + 1} = "${{local.s{i}}}${{local.s{i}}}"' for i in range(doublings)]
    write(
        folder,
        "main.tf",
        'locals {\n  s0 = "ab"\n'
        + "\n".join(lines)
        + "\n}\n"
        + batch(extra=f"  metadata = {{ a = local.s{doublings} }}\n"),
    )
    return ["validate", "."]


@case
def strings_built_by_functions(folder: Path, rng: random.Random) -> list[str]:
    width = rng.choice((10**9, 10**10, 2**40))
    write(
        folder,
        "main.tf",
        'locals {\n  big = join("", [for i in range(1000) : format("%0100000d", i)])\n'
        f'  wide = format("%{width}s", "x")\n'
        '  many = replace(local.big, "0", local.big)\n'
        "  joined = join(local.big, range(1000))\n}\n"
        + batch(
            extra="  metadata = { a = local.wide, b = local.many, c = local.joined,"
            " d = local.big }\n"
        ),
    )
    return ["validate", "."]


@case
def terraform_file_linked_to_dev_zero(folder: Path, rng: random.Random) -> list[str]:
    write(folder, "main.tf", batch())
    os.symlink("/dev/zero", folder / "zero.tf")
    return ["validate", "."]


@case
def terraform_file_that_is_a_fifo(folder: Path, rng: random.Random) -> list[str]:
    write(folder, "main.tf", batch())
    os.mkfifo(folder / "pipe.tf")
    if rng.random() < 0.5:
        os.symlink(folder / "pipe.tf", folder / "link.tf")
    return ["validate", "."]


@case
def variables_file_that_is_a_fifo_or_dev_zero(folder: Path, rng: random.Random) -> list[str]:
    write(folder, "main.tf", batch() + 'variable "v" {\n  default = "a"\n}\n')
    os.mkfifo(folder / "pipe.tfvars")
    os.symlink("/dev/zero", folder / "terraform.tfvars")
    return ["validate", "--var-file", rng.choice(("pipe.tfvars", "/dev/zero")), "."]


@case
def batch_input_that_is_a_fifo_or_dev_zero(folder: Path, rng: random.Random) -> list[str]:
    os.mkfifo(folder / "pipe.jsonl")
    os.symlink("/dev/zero", folder / "zero.jsonl")
    return ["check-input", rng.choice(("pipe.jsonl", "zero.jsonl"))]


@case
def batch_input_of_two_gigabytes_without_a_newline(folder: Path, rng: random.Random) -> list[str]:
    with (folder / "huge.jsonl").open("wb") as stream:
        stream.write(b'{"custom_id": "')
        stream.truncate(2 * 1024**3 + rng.randint(0, 1000))  # sparse: zeros, no newline
    return ["check-input", "huge.jsonl"]


@case
def hundred_thousand_attributes(folder: Path, rng: random.Random) -> list[str]:
    attributes = "".join(f"  a{i} = {rng.randint(0, 10**6)}\n" for i in range(100_000))
    write(folder, "main.tf", batch() + "locals {\n" + attributes + "}\n")
    return ["validate", "."]


@case
def nine_megabytes_of_terraform_json(folder: Path, rng: random.Random) -> list[str]:
    members = ",".join(f'"a{i}": "${{{i} + 1}}"' for i in range(rng.randint(300_000, 400_000)))
    write(
        folder,
        "main.tf.json",
        '{"locals": {' + members + '}, "resource": {"openai_batch": {"x": '
        '{"completion_window": "24h", "endpoint": "/v1/responses", "input_file_id": "file-1"}}}}',
    )
    return ["validate", "."]


@case
def one_megabyte_spec(folder: Path, rng: random.Random) -> list[str]:
    lines = ["version: 1", "batches:"]
    size, n = 0, 0
    while size < 1000 * 1000:
        line = f"  b{n}:\n    input_file_id: file-{n}\n    endpoint: /v1/responses\n    completion_window: 24h"
        lines.append(line)
        size += len(line) + 1
        n += 1
    write(folder, "spec.yaml", "\n".join(lines)[: 1024 * 1024 - 1] + "\n")
    return ["render", "--check", "spec.yaml"]


@case
def deeply_nested_brackets(folder: Path, rng: random.Random) -> list[str]:
    depth = rng.choice((2_000, 5_000, 20_000, 40_000))
    write(folder, "main.tf", batch() + f"locals {{\n  deep = {'[' * depth}{']' * depth}\n}}\n")
    return ["validate", "."]


@case
def huge_integer_literals(folder: Path, rng: random.Random) -> list[str]:
    digits = "9" * rng.choice((4_301, 10_000, 100_000))
    write(folder, "main.tf", batch(extra=f"  metadata = {{ n = {digits} }}\n"))
    write(folder, "variables.tf", f'variable "big" {{\n  default = {digits}\n}}\n')
    write(folder, "terraform.tfvars", f"big = {digits}\n")
    write(folder, "other.tf", f"locals {{\n  n = {digits}\n  m = pow(10, 5000)\n}}\n")
    return ["validate", "."]


def _huge_integer_files(folder: Path, digits: str) -> None:
    write(
        folder,
        "mod/main.tf.json",
        '{"resource": {"openai_batch": {"x": {"completion_window": "24h",'
        ' "endpoint": "/v1/responses", "input_file_id": "file-1",'
        f' "metadata": {{"n": {digits}}}}}}}}}}}',
    )
    write(folder, "mod/terraform.tfvars.json", f'{{"big": {digits}}}')
    write(
        folder,
        "spec.yaml",
        "version: 1\nbatches:\n  a:\n    completion_window: 24h\n    endpoint: /v1/responses\n"
        f"    input_file_id: file-1\n    metadata: {{n: {digits}}}\n",
    )
    write(
        folder,
        "in.jsonl",
        '{"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": '
        f'{{"model": "m", "max_output_tokens": {digits}}}}}\n',
    )


@case
def huge_integer_in_terraform_json(folder: Path, rng: random.Random) -> list[str]:
    _huge_integer_files(folder, "9" * rng.choice((4_301, 20_000)))
    return ["validate", "mod"]


@case
def huge_integer_in_a_spec(folder: Path, rng: random.Random) -> list[str]:
    _huge_integer_files(folder, "9" * rng.choice((4_301, 20_000)))
    return ["render", "spec.yaml"]


@case
def huge_integer_in_batch_input(folder: Path, rng: random.Random) -> list[str]:
    _huge_integer_files(folder, "9" * rng.choice((4_301, 20_000)))
    return ["check-input", "in.jsonl"]


@case
def non_utf8_file_names(folder: Path, rng: random.Random) -> list[str]:
    name = (
        os.fsencode("main.tf")
        if rng.random() < 0.2
        else b"m\xff\xfe" + bytes([rng.randint(0x80, 0xFF)]) + b".tf"
    )
    (folder / "mod").mkdir()
    with open(os.path.join(os.fsencode(folder / "mod"), name), "wb") as stream:
        stream.write(batch(extra='  completion_window = "25h"\n').encode())
    return ["validate", "."]


def _lone_surrogate_files(folder: Path) -> None:
    write(
        folder,
        "main.tf.json",
        '{"resource": {"openai_batch": {"x\\ud800": {"completion_window": "24h",'
        ' "endpoint": "/v1/responses", "input_file_id": "file-1"}}}}',
    )
    write(
        folder,
        "in.jsonl",
        '{"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": '
        '{"model": "m\\udc00"}}\n{"custom_id": "b\\ud800", "method": "POST", "url": '
        '"/v1/responses", "body": {"model": "n"}}\n',
    )


@case
def lone_surrogates_in_a_label(folder: Path, rng: random.Random) -> list[str]:
    _lone_surrogate_files(folder)
    return ["validate", "--format", rng.choice(("text", "json", "sarif", "github")), "."]


@case
def lone_surrogates_in_batch_input(folder: Path, rng: random.Random) -> list[str]:
    _lone_surrogate_files(folder)
    return ["check-input", "--format", rng.choice(("text", "json", "sarif", "github")), "in.jsonl"]


@case
def forged_workflow_commands(folder: Path, rng: random.Random) -> list[str]:
    forged = "\\n::error file=README.md,line=1::forged\\u001b[31m\\r"
    write(
        folder,
        "main.tf.json",
        '{"resource": {"openai_batch": {"x'
        + forged
        + '": {"completion_window": "25h'
        + forged
        + '", "endpoint": "/v1/responses", "input_file_id": "file-1"}}}}',
    )
    return ["validate", "--format", rng.choice(("text", "github", "sarif", "json")), "."]


# -- the property: every case, and seeded variants of it ------------------------------------

VARIANTS = 2


@pytest.mark.parametrize(
    ("name", "variant"), [(name, v) for name in CASES for v in range(VARIANTS)]
)
def test_hostile_input_ends_in_a_report(tmp_path: Path, name: str, variant: int) -> None:
    rng = random.Random(f"{SEED}:{name}:{variant}")
    args = CASES[name](tmp_path, rng)
    outcome = run_tfgen(tmp_path, *args)
    assert_bounded(outcome)


def test_the_harness_sees_a_failure_and_measures_the_child_alone(tmp_path: Path) -> None:
    """A harness that cannot fail proves nothing: a usage error (exit 2) must fail it, and the
    memory it measures must be tfgen's (tens of MiB), not pytest's."""
    outcome = run_tfgen(tmp_path, "validate", "missing-path")
    assert outcome.returncode == 2
    with pytest.raises(AssertionError):
        assert_bounded(outcome)
    write(tmp_path, "main.tf", batch())
    fine = run_tfgen(tmp_path, "validate", ".")
    assert_bounded(fine)
    assert 5 * 2**20 < fine.peak_bytes < 200 * 2**20, fine.describe()
