"""tfgen's performance next to baselines measured in the same run, as ratios.

    python bench/run.py [--quick] [--repeat N] [--budget SECONDS] [--cache-dir DIR]

Generates the corpus (bench/generate.py; into a temporary directory, or reused from
--cache-dir), then runs every command as a fresh subprocess, in N rounds that each run every
command once (so a burst of load hits tfgen and its baselines alike), and keeps each command's
best wall time and largest peak RSS (GNU time's %M). A command stops repeating once its runs
have used --budget seconds, so the full run stays under five minutes on two cores. The targets
are those of issue 7; the ratios are what matter, the absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generate as gen

MIB = 1024 * 1024
PY = sys.executable
PASS = "pass"
BARE_ONE = "import sys, hcl2\nhcl2.loads(open(sys.argv[1]).read())"
WALK = (
    "import os, sys\n"
    "def tf_files(top):\n"
    "    for root, dirs, files in os.walk(top):\n"
    "        dirs.sort()\n"
    "        for name in sorted(files):\n"
    "            if name.endswith('.tf'):\n"
    "                yield os.path.join(root, name)\n"
)
READ_ALL = WALK + "for path in tf_files(sys.argv[1]):\n    open(path, 'rb').read()\n"
PARSE_ALL = (
    "import hcl2\n"
    + WALK
    + "for path in tf_files(sys.argv[1]):\n    hcl2.loads(open(path).read())\n"
)
JSON_LOOP = "import json, sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n"
# python-hcl2's own Lark parser at its best: its cached tables, the collector paused, no
# transform to dicts. tfgen must beat what it builds on, not a slowed-down version of it.
LARK_ALONE = (
    "import gc, sys\nfrom hcl2.parser import parser\np = parser()\n"
    "text = open(sys.argv[1]).read()\ngc.disable()\np.parse(text)\n"
)
JSON_SCHEMA_LOAD = "import json, sys, jsonschema\njson.load(open(sys.argv[1]))\n"
MISSING = "n/a (command missing)"
CASES = {
    "small": "1",
    "nolark": "1",
    "blocks": "2",
    "files": "3",
    "tfjson": "4",
    "tree": "5",
    "jsonl": "6",
    "jsonl1": "6",
    "render": "7",
}


# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Measurement:
    key: str
    label: str
    times: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    exit_codes: set[int] = field(default_factory=set)
    missing: str | None = None  # why it was not measured
    error: str = ""  # the last stderr line of a run that failed

    @property
    def best(self) -> float:
        return min(self.times) if self.times else math.nan

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else math.nan

    @property
    def case(self) -> str:
        return CASES.get(self.key.split(".")[0].rstrip("0123456789"), "?")

    @property
    def ok(self) -> bool:
        return self.missing is None and bool(self.times)


@dataclass
class Job:
    key: str
    argv: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None  # runs before each timed run
    ok_codes: tuple[int, ...] = (0,)
    prime: bool = False  # one untimed run first, to fill a cache the timed runs then find


@dataclass
class Bench:
    """Collects the commands, then runs them in rounds: each round runs every command once,
    so a burst of load on the machine hits tfgen and its baselines alike, and the best of
    the rounds is kept. tfgen runs with HOME and XDG_CACHE_HOME in `home`, emptied before
    each run where a row says so (a first run with no grammar cache), else kept."""

    cwd: Path
    repeat: int
    budget: float
    env: dict[str, str]
    tfgen: list[str]
    work: Path
    jobs: list[Job] = field(default_factory=list)
    results: dict[str, Measurement] = field(default_factory=dict)

    @property
    def home(self) -> Path:
        return self.work / "home"

    def fresh_home(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)

    def add(self, key: str, label: str, argv: list[str], **options: Any) -> None:
        self.results[key] = Measurement(key, label)
        self.jobs.append(Job(key, argv, options.pop("env", self.env), **options))

    def add_tfgen(self, key: str, label: str, args: list[str]) -> None:
        """Two rows: `key` cold (TFGEN_NO_CACHE=1: every module checked, as on a first run;
        the compiled grammar, like the .pyc files, is kept) and `key_warm` (a rerun served by
        the result cache, which has a folder of its own)."""
        argv = [*self.tfgen, *args]
        cold = dict(self.env, TFGEN_NO_CACHE="1")
        self.add(key, label, argv, env=cold, ok_codes=(0, 1))
        own = self.work / f"home-{key}"
        env = dict(self.env, HOME=str(own), XDG_CACHE_HOME=str(own / ".cache"))
        self.add(
            f"{key}_warm",
            f"{label} (warm result cache)",
            argv,
            env=env,
            ok_codes=(0, 1),
            prime=True,
        )

    def skip(self, key: str, label: str, why: str) -> None:
        self.results[key] = Measurement(key, label, missing=why)

    def run(self) -> None:
        for job in self.jobs:
            if job.prime:
                run_child(job.argv, self.cwd, job.env)
        for round_number in range(1, self.repeat + 1):
            print(f"round {round_number} of {self.repeat}", flush=True)
            for job in self.jobs:
                result = self.results[job.key]
                if result.times and sum(result.times) + result.times[-1] > self.budget:
                    continue  # this command has used its time
                self.run_once(job, result)

    def run_once(self, job: Job, result: Measurement) -> None:
        if job.before is not None:
            job.before()
        seconds, peak, code, error = run_child(job.argv, self.cwd, job.env)
        result.times.append(seconds)
        result.peak_mib = max(result.peak_mib, peak)
        result.exit_codes.add(code)
        if code not in job.ok_codes:
            result.error = error
        print(f"  {result.label:<66} {seconds:8.3f} s  {peak:7.1f} MiB", flush=True)


def gnu_time() -> str | None:
    """GNU time, to read a command's own peak RSS (see run_child), if this machine has it."""
    path = shutil.which("time", path="/usr/bin:/bin") or ""
    if not path:
        return None
    probe = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return path if "GNU" in probe.stdout + probe.stderr else None


TIME = gnu_time()
NO_PYC = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
PEAK_HOW = (
    "GNU time %M of each command"
    if TIME
    else "os.wait4 ru_maxrss (no GNU time: includes this runner's size at fork)"
)


def run_child(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall seconds, the command's own peak RSS in MiB, exit code, last stderr line).

    The command runs under GNU time when there is one: a forked child's ru_maxrss starts at
    the size of the process it was forked from (Linux keeps the high-water mark across exec),
    so measured from this runner every command would weigh at least the runner's ~30 MiB.
    """
    with tempfile.NamedTemporaryFile() as peak_file, tempfile.TemporaryFile() as errors:
        wrapped = [TIME, "-f", "%M", "-o", peak_file.name, *argv] if TIME else argv
        started = time.perf_counter()
        child = subprocess.Popen(
            wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        lines = errors.read().decode(errors="replace").strip().splitlines()
        reported = Path(peak_file.name).read_text().split()
    if TIME and reported and reported[-1].isdigit():
        kib = int(reported[-1])
    else:  # ru_maxrss: bytes on macOS, KiB on Linux
        kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, kib / 1024, code, lines[-1] if lines else ""


# -- the environment: tfgen, the Lark cache, the machine ---------------------------------------


def tfgen_argv() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(PY).parent / "tfgen"
    if script.exists():
        return [str(script)]
    found = shutil.which("tfgen")
    return [found] if found else [PY, "-m", "tfgen"]


def has_command(tfgen: list[str], command: str, env: dict[str, str]) -> bool:
    probe = subprocess.run(
        [*tfgen, command, "--help"], env=env, capture_output=True, check=False, timeout=60
    )
    return probe.returncode == 0


def lark_cache_file() -> Path | None:
    """Where python-hcl2 keeps its Lark parser cache, if it is a file beside the package."""
    try:
        from hcl2 import parser as hcl2_parser
    except ImportError:
        return None
    location = getattr(hcl2_parser, "PARSER_FILE", None)
    return Path(location) if location is not None else None


def uncached_hcl2(work: Path) -> tuple[Path, Path] | None:
    """A copy of hcl2 without its Lark cache: (the folder to put on PYTHONPATH, the cache
    file the copy would write); None when the cache is not a file beside the package."""
    cache = lark_cache_file()
    if cache is None or cache.parent.name != "hcl2":
        return None
    site = work / "uncached-site"
    shutil.copytree(cache.parent, site / "hcl2", ignore=shutil.ignore_patterns(cache.name))
    return site, site / "hcl2" / cache.name


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def source_digest() -> str:
    """A short hash of the tfgen package being measured (there is no other version to name:
    the checkout may hold uncommitted work)."""
    spec = importlib.util.find_spec("tfgen")
    if spec is None or spec.origin is None:
        return "unknown"
    digest = hashlib.sha256()
    for path in sorted(Path(spec.origin).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def describe_machine(tfgen: list[str]) -> list[str]:
    cache = lark_cache_file()
    if cache is None:
        cache_state = "location unknown (python-hcl2 has no PARSER_FILE)"
    elif cache.exists():
        cache_state = f"present, {cache.stat().st_size:,} bytes ({cache})"
    else:
        cache_state = f"absent: every run builds the parser ({cache})"
    return [
        f"machine   {cpu_model()}, {os.cpu_count()} CPUs, {memory_gib()} RAM, "
        f"{platform.system()} {platform.release()}, load average {load_average()}",
        f"python    {platform.python_version()} ({PY})",
        f"packages  tfgen {version_of('tfgen')}, python-hcl2 {version_of('python-hcl2')}, "
        f"lark {version_of('lark')}, click {version_of('click')}, "
        f"jsonschema {version_of('jsonschema')}",
        f"tfgen     {' '.join(tfgen)} (sources sha256 {source_digest()})",
        f"peak RSS  {PEAK_HOW}",
        f"lark cache in site-packages: {cache_state}",
        "bytecode  .pyc files in a scratch PYTHONPYCACHEPREFIX, written by untimed warm-up runs"
        + (" (PYTHONDONTWRITEBYTECODE is set here: unset for them)" if NO_PYC else ""),
    ]


# -- the cases ---------------------------------------------------------------------------------


def plan(bench: Bench, corpus: gen.Corpus) -> None:
    small(bench, corpus)
    first_parse(bench, corpus)
    blocks(bench, corpus)
    one_block_files(bench, corpus)
    tfjson(bench, corpus)
    tree(bench, corpus)
    check_input(bench, corpus)
    render(bench, corpus)


def warm_up(bench: Bench, corpus: gen.Corpus) -> None:
    """Untimed runs that compile every module the timed runs import, as an installed tfgen
    has its .pyc files (PYTHONPYCACHEPREFIX keeps them out of the source tree)."""
    tiny = corpus.spec_jsonl
    for argv in (
        [*bench.tfgen, "validate", corpus.small],
        [*bench.tfgen, "validate", corpus.tfjson],
        [*bench.tfgen, "check-input", tiny],
        [*bench.tfgen, "render", corpus.spec, "-o", "-"],
        [PY, "-c", BARE_ONE, corpus.small_file],
        [PY, "-c", PARSE_ALL, corpus.small],
        [PY, "-c", JSON_LOOP, tiny],
        [PY, "-c", LARK_ALONE, corpus.small_file],
    ):
        run_child(argv, bench.cwd, bench.env)


def small(bench: Bench, corpus: gen.Corpus) -> None:
    label = f"tfgen validate {corpus.small}/"
    bench.add_tfgen("small.tfgen", label, ["validate", corpus.small])
    bench.add("small.pass", "python -c pass", [PY, "-c", PASS])
    bare = [PY, "-c", BARE_ONE, corpus.small_file]
    bench.add("small.bare", f"python: import hcl2 + hcl2.loads({corpus.small_file})", bare)


def first_parse(bench: Bench, corpus: gen.Corpus) -> None:
    bare = f"python: import hcl2 + hcl2.loads({corpus.small_file}), no Lark cache"
    uncached = uncached_hcl2(bench.work)
    if uncached is None:
        bench.skip("nolark.bare", bare, "skipped: the Lark cache is not a file beside hcl2")
        return
    site, cache = uncached
    env = dict(bench.env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH")) if p)

    def reset() -> None:
        cache.unlink(missing_ok=True)
        bench.fresh_home()

    run_child([PY, "-c", BARE_ONE, corpus.small_file], bench.cwd, env)  # compiles the copy
    bench.add("nolark.bare", bare, [PY, "-c", BARE_ONE, corpus.small_file], env=env, before=reset)
    bench.add(
        "nolark.tfgen",
        f"tfgen validate {corpus.small}/, no Lark cache anywhere",
        [*bench.tfgen, "validate", corpus.small],
        env=env,
        before=reset,
    )


HEADLINE_BLOCKS = 1000  # issue 17's row 2; the largest file has its own row


def headline(corpus: gen.Corpus) -> int:
    return max([c for c in corpus.blocks if c <= HEADLINE_BLOCKS] or [min(corpus.blocks)])


def blocks(bench: Bench, corpus: gen.Corpus) -> None:
    for count in sorted(corpus.blocks, reverse=True):
        path = corpus.blocks[count]
        bench.add_tfgen(f"blocks{count}.tfgen", f"tfgen validate {path}", ["validate", path])
        bench.add(f"blocks{count}.bare", f"python: hcl2.loads({path})", [PY, "-c", BARE_ONE, path])
        if count == headline(corpus):
            label = f"python: python-hcl2's Lark parse of {path}, collector paused"
            bench.add(f"blocks{count}.lark", label, [PY, "-c", LARK_ALONE, path])
            other_tools(bench, f"blocks{count}", path)


def other_tools(bench: Bench, key: str, path: str, fmt: bool = True) -> None:
    """Terraform's own HCL parser (`terraform fmt -check`: Go HCL, no provider needed) and
    checkov, on the same input, where they are installed (CHECKOV names checkov's binary)."""
    terraform = shutil.which("terraform")
    if terraform and fmt:  # terraform fmt reads no .tf.json
        argv = [terraform, "fmt", "-check", "-recursive", path]
        bench.add(f"{key}.terraform", f"terraform fmt -check {path}", argv, ok_codes=(0, 3))
    checkov = os.environ.get("CHECKOV") or shutil.which("checkov")
    flag = "-f" if os.path.isfile(bench.cwd / path) else "-d"
    if checkov:
        argv = [checkov, flag, path, "--framework", "terraform", "--quiet", "--compact"]
        bench.add(f"{key}.checkov", f"checkov {flag} {path}", argv, ok_codes=(0, 1))


def one_block_files(bench: Bench, corpus: gen.Corpus) -> None:
    label = f"tfgen validate {corpus.files}/"
    bench.add_tfgen("files.tfgen", label, ["validate", corpus.files])
    parse_all = [PY, "-c", PARSE_ALL, corpus.files]
    bench.add("files.bare", f"python: walk + hcl2.loads every file of {corpus.files}/", parse_all)
    other_tools(bench, "files", corpus.files)


def tfjson(bench: Bench, corpus: gen.Corpus) -> None:
    bench.add_tfgen("tfjson.tfgen", f"tfgen validate {corpus.tfjson}", ["validate", corpus.tfjson])
    load = [PY, "-c", JSON_SCHEMA_LOAD, corpus.tfjson]
    bench.add("tfjson.bare", f"python: import jsonschema + json.load({corpus.tfjson})", load)
    other_tools(bench, "tfjson", corpus.tfjson, fmt=False)


def tree(bench: Bench, corpus: gen.Corpus) -> None:
    label = f"tfgen validate {corpus.tree}/"
    bench.add_tfgen("tree.tfgen", label, ["validate", corpus.tree])
    bench.add("tree.read", "python: walk + read every .tf file", [PY, "-c", READ_ALL, corpus.tree])
    parse_all = [PY, "-c", PARSE_ALL, corpus.tree]
    bench.add("tree.bare", "python: walk + hcl2.loads every .tf file", parse_all)


def check_input(bench: Bench, corpus: gen.Corpus) -> None:
    mistakes = f" (1 body in {gen.INVALID_EVERY} invalid)"
    for key, path, note in (
        ("jsonl", corpus.jsonl, ""),
        ("jsonl1", corpus.jsonl_invalid, mistakes),
    ):
        label = f"tfgen check-input {path}{note}"
        if has_command(bench.tfgen, "check-input", bench.env):
            bench.add_tfgen(f"{key}.tfgen", label, ["check-input", path])
        else:
            bench.skip(f"{key}.tfgen", label, MISSING)
        loop = [PY, "-c", JSON_LOOP, path]
        bench.add(f"{key}.bare", f"python: json.loads every line of {path}", loop)
    if shutil.which("wc"):
        bench.add("jsonl.wc", "wc -l", ["wc", "-l", corpus.jsonl])


def render(bench: Bench, corpus: gen.Corpus) -> None:
    label = f"tfgen render {corpus.spec} -o -"
    bench.add_tfgen("render.tfgen", label, ["render", corpus.spec, "-o", "-"])


def describe_corpus(corpus: gen.Corpus) -> list[str]:
    sizes = corpus.sizes
    return [
        f"(1) small module: {corpus.small_file} (+ terraform.tfvars)",
        f"(2) one file of openai_batch blocks: {', '.join(map(str, sorted(corpus.blocks)))} "
        f"blocks ({corpus.path(corpus.blocks[max(corpus.blocks)]).stat().st_size:,} bytes "
        "for the largest)",
        f"(3) {sizes.one_block_files} files of one openai_batch block each, "
        f"in modules of 10: {corpus.files}/",
        f"(4) Terraform JSON: {sizes.tfjson_blocks} openai_batch blocks in {corpus.tfjson}",
        f"(5) module tree: {corpus.tree_files} files, {corpus.tree_bytes:,} bytes, "
        f"{corpus.tree_batch_files} with openai_batch blocks",
        f"(6) batch input: {corpus.jsonl_bytes:,} bytes, {sizes.jsonl_requests:,} requests",
        f"(7) render spec: {sizes.spec_batches} batches",
    ]


# -- the report --------------------------------------------------------------------------------


@dataclass
class Ratio:
    case: str
    label: str
    numerator: str
    denominator: str
    target: float | None = None  # the largest ratio allowed


def ratios(corpus: gen.Corpus) -> list[Ratio]:
    """Issue 17's table: each tfgen figure cold (the target applies) and warm."""
    top, largest = headline(corpus), max(corpus.blocks)
    big = f"blocks{top}.tfgen"
    return [
        Ratio("1", "validate small / import hcl2 + one parse", "small.tfgen", "small.bare", 1.2),
        Ratio("1", "validate small / python -c pass", "small.tfgen", "small.pass"),
        Ratio("1", "no Lark cache: bare parse / cached bare", "nolark.bare", "small.bare"),
        Ratio("1", "no Lark cache: validate / bare parse", "nolark.tfgen", "nolark.bare"),
        Ratio("2", f"validate {top} blocks / bare hcl2.loads", big, f"blocks{top}.bare", 0.25),
        Ratio("2", f"validate {top} blocks / Lark parse alone", big, f"blocks{top}.lark", 0.9),
        Ratio("2", f"validate {top} blocks / terraform fmt -check", big, f"blocks{top}.terraform"),
        Ratio("2", f"validate {top} blocks / checkov", big, f"blocks{top}.checkov"),
        *(
            [
                Ratio(
                    "2",
                    f"validate {largest} blocks / bare hcl2.loads",
                    f"blocks{largest}.tfgen",
                    f"blocks{largest}.bare",
                    0.25,
                )
            ]
            if largest != top
            else []
        ),
        Ratio("3", "validate one-block files / hcl2.loads each", "files.tfgen", "files.bare", 0.4),
        Ratio("3", "validate one-block files / terraform fmt", "files.tfgen", "files.terraform"),
        Ratio("3", "validate one-block files / checkov", "files.tfgen", "files.checkov"),
        Ratio(
            "4", "validate .tf.json / jsonschema + json.load", "tfjson.tfgen", "tfjson.bare", 2.0
        ),
        Ratio("4", "validate .tf.json / checkov", "tfjson.tfgen", "tfjson.checkov"),
        Ratio("5", "validate tree / hcl2.loads every file", "tree.tfgen", "tree.bare", 0.1),
        Ratio("5", "validate tree / read every file", "tree.tfgen", "tree.read"),
        Ratio("6", "check-input / json.loads loop", "jsonl.tfgen", "jsonl.bare", 2.0),
        Ratio("6", "check-input, 1% invalid / json.loads loop", "jsonl1.tfgen", "jsonl1.bare", 2.0),
        Ratio("6", "check-input / wc -l", "jsonl.tfgen", "jsonl.wc"),
    ]


def verdict(value: float, target: float | None) -> str:
    if target is None or math.isnan(value):
        return ""
    if value <= target:
        return "PASS"
    return f"FAIL ({value / target:.2f}x over target)"


def ratio_text(results: dict[str, Measurement], top: str, bottom: str) -> tuple[str, float]:
    high, low = results.get(top), results.get(bottom)
    if high is None or low is None:
        return "-", math.nan
    if not high.ok or not low.ok:
        return high.missing or low.missing or "failed", math.nan
    value = high.best / low.best
    return f"{value:.2f}x", value


def ratio_rows(results: dict[str, Measurement], wanted: list[Ratio]) -> Iterator[list[str]]:
    for ratio in wanted:
        if ratio.numerator not in results or ratio.denominator not in results:
            continue
        cold, value = ratio_text(results, ratio.numerator, ratio.denominator)
        warm, _ = ratio_text(results, f"{ratio.numerator}_warm", ratio.denominator)
        target = f"<= {ratio.target:.2f}x" if ratio.target else "-"
        yield [ratio.case, ratio.label, cold, warm, target, verdict(value, ratio.target)]


def measurement_rows(results: dict[str, Measurement]) -> Iterator[list[str]]:
    for item in results.values():
        if not item.ok:
            yield [item.case, item.label.strip(), item.missing or "failed"]
            continue
        codes = ",".join(str(c) for c in sorted(item.exit_codes))
        yield [
            item.case,
            item.label.strip(),
            f"{item.best:.3f}",
            f"{item.median:.3f}",
            str(len(item.times)),
            f"{item.peak_mib:.1f}",
            codes + (f" ({item.error[:60]})" if item.error else ""),
        ]


def growth_rows(results: dict[str, Measurement], corpus: gen.Corpus) -> Iterator[list[str]]:
    """Per-block cost after the fixed cost (the same tool on the small module) is taken off."""
    for count in sorted(corpus.blocks):
        row = [str(count)]
        for tool in ("tfgen", "bare"):
            item, fixed = results[f"blocks{count}.{tool}"], results[f"small.{tool}"]
            row += [f"{item.best:.3f}", f"{(item.best - fixed.best) / count * 1000:.2f}"]
        yield row


def growth_exponent(results: dict[str, Measurement], corpus: gen.Corpus, tool: str) -> float:
    """k in cost ~ blocks^k between the smallest and largest file: 1.0 is linear."""
    low, high = min(corpus.blocks), max(corpus.blocks)
    fixed = results[f"small.{tool}"].best
    small_cost = results[f"blocks{low}.{tool}"].best - fixed
    large_cost = results[f"blocks{high}.{tool}"].best - fixed
    if small_cost <= 0 or large_cost <= 0:
        return math.nan
    return math.log(large_cost / small_cost) / math.log(high / low)


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(r[i]) if i < len(r) else 0 for r in [header, *rows]) for i in range(len(header))
    ]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        cells = row + [""] * (len(header) - len(row))
        lines.append(" | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines)


LINEAR_TARGET = 1.10
PEAK_TARGET_MIB = 150  # issue 17: the largest file of blocks (5,000) in under 150 MiB


def report(results: dict[str, Measurement], corpus: gen.Corpus, repeat: int) -> str:
    parts = [
        f"Measurements (best of up to {repeat} runs; peak = largest RSS of the command):",
        table(
            ["#", "command", "best s", "median s", "runs", "peak MiB", "exit"],
            list(measurement_rows(results)),
        ),
        "",
        "Ratios (tfgen / baseline, best times, same run; cold = TFGEN_NO_CACHE=1, warm = a"
        " rerun served by the result cache):",
        table(
            ["#", "ratio", "cold", "warm", "target (cold)", "verdict"],
            list(ratio_rows(results, ratios(corpus))),
        ),
        "",
    ]
    largest = results.get(f"blocks{max(corpus.blocks)}.tfgen")
    if largest is not None and largest.ok:
        check = "PASS" if largest.peak_mib < PEAK_TARGET_MIB else "FAIL"
        parts += [
            f"(2) peak memory, validate {max(corpus.blocks)} blocks: {largest.peak_mib:.0f} MiB"
            f" (target < {PEAK_TARGET_MIB} MiB) {check}",
            "",
        ]
    if all(results.get(f"small.{t}", Measurement("", "")).ok for t in ("tfgen", "bare")):
        parts += growth_report(results, corpus)
    render_item = results["render.tfgen"]
    if render_item.ok:
        per_batch = render_item.best / corpus.sizes.spec_batches * 1000
        parts.append(
            f"(7) render: {render_item.best:.3f} s for {corpus.sizes.spec_batches} batches, "
            f"{per_batch:.2f} ms per batch, peak {render_item.peak_mib:.1f} MiB (no baseline)"
        )
    return "\n".join(parts)


def growth_report(results: dict[str, Measurement], corpus: gen.Corpus) -> list[str]:
    rows = list(growth_rows(results, corpus))
    header = ["blocks", "tfgen s", "tfgen ms/block*", "bare s", "bare ms/block*"]
    lines = ["(2) Growth with the number of blocks in one file:", table(header, rows)]
    lines.append(
        "* after the same tool's time on the small module (start-up, imports) is taken off"
    )
    for tool, name in (("tfgen", "tfgen validate"), ("bare", "bare hcl2.loads")):
        exponent = growth_exponent(results, corpus, tool)
        check = verdict(exponent, LINEAR_TARGET) if tool == "tfgen" else ""
        target = f"(linear = 1.00, target <= {LINEAR_TARGET:.2f}) {check}" if check else ""
        lines.append(f"growth exponent, {name}: {exponent:.2f} {target}".rstrip())
    lines.append("")
    return lines


# -- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=45.0,
        help="stop repeating a command once its runs took this many seconds (default 45)",
    )
    parser.add_argument("--cache-dir", type=Path, help="generate the corpus here, or reuse it")
    parser.add_argument("--seed", type=int, default=gen.SEED)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def child_env(home: Path, pycache: Path) -> dict[str, str]:
    """No TFGEN_ settings, a scratch HOME, and bytecode written (to a scratch prefix)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TFGEN_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def corpus_in(folder: Path, args: argparse.Namespace) -> gen.Corpus:
    sizes = gen.QUICK if args.quick else gen.FULL
    started = time.perf_counter()
    corpus, reused = gen.reuse_or_generate(folder, sizes, args.seed)
    how = "reused" if reused else f"generated in {time.perf_counter() - started:.1f} s"
    print(f"corpus    {folder} ({how}, seed {args.seed}, {'quick' if args.quick else 'full'})")
    return corpus


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    tfgen = tfgen_argv()
    started = time.perf_counter()
    digest = source_digest()
    print("\n".join(describe_machine(tfgen)))
    with tempfile.TemporaryDirectory(prefix="tfgen-bench-") as scratch:
        work = Path(scratch)
        corpus = corpus_in(args.cache_dir or work / "corpus", args)
        print("\n".join(describe_corpus(corpus)))
        env = child_env(work / "home", work / "pycache")
        bench = Bench(corpus.root, args.repeat, args.budget, env, tfgen, work)
        print(f"command   python bench/run.py {' '.join(sys.argv[1:])}".rstrip())
        print(
            "cold rows: TFGEN_NO_CACHE=1 (no result cache; the compiled grammar is kept, as .pyc"
            " files are); warm rows: a result cache of their own, filled by an untimed run"
        )
        warm_up(bench, corpus)
        plan(bench, corpus)
        bench.run()
    print()
    print(report(bench.results, corpus, args.repeat))
    print(f"\ntotal {time.perf_counter() - started:.0f} s, load average now {load_average()}")
    if source_digest() != digest:
        print("WARNING: tfgen's sources changed during the run: the figures mix versions")


if __name__ == "__main__":
    main()
