"""Benchmark `tfgen check-input` on a generated batch input file.

    python bench/bench_check_input.py [--mb 200] [--requests 50000] [--repeat 3]

Generates a deterministic (seeded) chat completions JSONL file of about --mb MiB in a temporary
directory, then times, best of --repeat, three subprocesses that each pay interpreter start-up:
`wc -l`, a bare Python loop that only `json.loads` each line, and tfgen itself. The ratio to the
bare loop is the number that matters: the absolute times depend on the machine. Peak memory is
each child's VmHWM on Linux (see _PeakWatcher), its ru_maxrss from os.wait4 elsewhere. No
network; the temporary files are removed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
SEED = 20240501
BARE_LOOP = "import json, sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n"
FALLBACK = (
    "import sys\nfrom tfgen.batch_input.checker import check_input\n"
    "sys.exit(1 if check_input(sys.argv[1]).diagnostics else 0)\n"
)
# Mostly ASCII words, with some UTF-8 and characters JSON must escape, like real prompts.
_TEXT = (
    "the batch request model token prompt answer summary invoice customer order translate "
    'classify extract review data line file value quickly café naïve résumé "quoted" tab\tnew\nline'
)
WORDS = _TEXT.split(" ")


@dataclass
class Result:
    name: str
    seconds: float
    peak_mb: float


def generate(path: Path, megabytes: int, requests: int) -> int:
    """Write `requests` lines totalling just under `megabytes` MiB; return the byte count."""
    # The same seeded generator as bench/run.py's corpus (bench/ is this script's folder).
    from generate import write_jsonl

    return write_jsonl(path, megabytes * MIB, requests, random.Random(SEED))


def measure(name: str, command: list[str], repeat: int, env: dict[str, str], log: Path) -> Result:
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        # stderr to a file: on a terminal tfgen would draw a progress bar, which is not timed.
        with log.open("wb") as errors:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        watcher = _PeakWatcher(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        watcher.stop()
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code != 0:  # the generated file is clean: tfgen must find nothing
            details = log.read_text(errors="replace")
            raise SystemExit(f"{name}: {' '.join(command)} exited {code}\n{details}")
        best = min(best, elapsed)
        peak = max(peak, watcher.peak_kb or _kilobytes(usage.ru_maxrss))
    return Result(name, best, peak / 1024)


def _kilobytes(maxrss: int) -> float:
    return maxrss / 1024 if sys.platform == "darwin" else maxrss  # bytes on macOS


class _PeakWatcher:
    """Polls /proc/PID/status for VmHWM, the peak RSS of the program after exec.

    ru_maxrss alone is misleading here: Linux counts the RSS the child had before exec, that
    is this script's own, so a small program would report this script's size. Where /proc
    does not exist, `peak_kb` stays 0 and ru_maxrss is used.
    """

    def __init__(self, pid: int) -> None:
        self.path = Path(f"/proc/{pid}/status")
        self.peak_kb = 0.0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.done.is_set():
            try:
                status = self.path.read_text()
            except OSError:
                return
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kb = max(self.peak_kb, float(line.split()[1]))
            self.done.wait(0.002)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def tfgen_command(path: Path, env: dict[str, str]) -> tuple[str, list[str]]:
    probe = [sys.executable, "-m", "tfgen", "check-input", "--help"]
    found = subprocess.run(probe, env=env, capture_output=True, check=False).returncode == 0
    if found:
        return "tfgen check-input", [sys.executable, "-m", "tfgen", "check-input", str(path)]
    return "check_input() (no CLI yet)", [sys.executable, "-c", FALLBACK, str(path)]


def print_table(results: list[Result], baseline: Result) -> None:
    print(f"{'command':<28} {'best s':>8} {'x bare loop':>12} {'peak RSS MB':>12}")
    for result in results:
        ratio = result.seconds / baseline.seconds
        print(f"{result.name:<28} {result.seconds:>8.3f} {ratio:>12.2f} {result.peak_mb:>12.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="file size in MiB (default 200)")
    parser.add_argument("--requests", type=int, default=50_000, help="lines (default 50000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command, best kept")
    args = parser.parse_args()
    # This checkout's tfgen, whatever is installed.
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    with tempfile.TemporaryDirectory(prefix="tfgen-bench-") as folder:
        path = Path(folder) / "batch.jsonl"
        started = time.perf_counter()
        size = generate(path, args.mb, args.requests)
        print(
            f"generated {path.name}: {size:,} bytes ({size / MIB:.1f} MiB), "
            f"{args.requests:,} requests in {time.perf_counter() - started:.1f}s"
        )
        name, command = tfgen_command(path, env)
        if not name.startswith("tfgen"):
            print("`python -m tfgen check-input` is not available: timing check_input() instead")
        commands = [("bare json.loads loop", [sys.executable, "-c", BARE_LOOP, str(path)])]
        if shutil.which("wc"):
            commands.insert(0, ("wc -l", ["wc", "-l", str(path)]))
        commands.append((name, command))
        log = Path(folder) / "stderr.txt"
        results = [measure(label, argv, args.repeat, env, log) for label, argv in commands]
    memory = "VmHWM" if Path("/proc/self/status").exists() else "ru_maxrss"
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}, {memory}"
    )
    print_table(results, next(r for r in results if r.name == "bare json.loads loop"))


if __name__ == "__main__":
    main()
