"""Hostile and broken input never crashes tfgen, hangs it, or points at a place that is not there.

Properties (hypothesis), issue 8. The project's own fixtures and examples (`tests/fixtures/**`,
`examples/**`, plus the seeds in `tests/fixtures/robustness/`) are mutated: truncations, byte
flips, random and hostile insertions, wrong types in every field, huge and empty values, deep
nesting, NUL bytes, invalid UTF-8, CRLF, BOM. Each example runs the CLI in process (click's
CliRunner) in a directory of its own. Whatever the input: no traceback and no internal error,
exit 0 or 1, `--format json` on stdout and nothing else, every diagnostic at a file that exists
and a line within it, a one-line message, and no input file modified. A strategy of *valid*
specs checks that render and validate agree: each renders with exit 0 and no finding, the
rendered file validates with no finding, and its values read back as the spec's.

The limits, one hostile input each, are in test_bounded_inputs.py; regressions of the crashes these
properties found are at the end of this file.

Budget: TFGEN_FUZZ_EXAMPLES examples per property (default 50), derandomized, so every run tries
the same examples; TFGEN_FUZZ_SEED=N switches to random examples from seed N. `bench/fuzz.py`
runs the same properties for longer.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from click.testing import CliRunner
from snippets import BATCH, SPEC_HEAD

pytest.importorskip(
    "hypothesis", reason="the property tests need hypothesis (add it to the test extra)"
)

from hypothesis import HealthCheck, Phase, event, given, note, seed, settings
from hypothesis import strategies as st

from tfgen.checks.schemas import load_schema
from tfgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_ROOTS = (ROOT / "tests" / "fixtures", ROOT / "examples")
MAX_SEED_BYTES = 64 * 1024  # larger fixtures are benchmarks, too slow to mutate by the hundred

EXAMPLES = int(os.environ.get("TFGEN_FUZZ_EXAMPLES", "50"))
RANDOM_SEED = os.environ.get("TFGEN_FUZZ_SEED")  # unset: derandomized
EXAMPLE_SECONDS = float(os.environ.get("TFGEN_FUZZ_EXAMPLE_SECONDS", "60"))
LIMIT_SECONDS = 10.0  # a limit must end this quickly, start-up included
MEMORY_CAP = 3 * 1024**3  # bytes of address space for a limit test's tfgen process

COMMAND_LINE = "<command line>"
# The rules come from the schema that holds them, never restated here.
_RESOURCE = load_schema("resource")["properties"]
ENDPOINTS = tuple(_RESOURCE["endpoint"]["enum"])
_SECONDS = _RESOURCE["output_expires_after"]["properties"]["seconds"]
MIN_EXPIRY, MAX_EXPIRY = _SECONDS["minimum"], _SECONDS["maximum"]

Test = TypeVar("Test", bound=Callable[..., Any])
Draw = st.DrawFn

# Counts for bench/fuzz.py: examples run per property.
EXAMPLES_RUN: Counter[str] = Counter()


def fuzzed(test: Test) -> Test:
    """The budget and seed every property runs with."""
    if RANDOM_SEED is not None:
        test = seed(int(RANDOM_SEED))(test)
    budget = settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=RANDOM_SEED is None,
        database=None,  # nothing written into the checkout
        print_blob=True,
        # No explain phase: it traces every line, which makes deep recursion 30x slower.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    return pytest.mark.slow(budget(test))


# -- running tfgen -------------------------------------------------------------------------


class ExampleTimeout(BaseException):
    """Raised by SIGALRM in the middle of tfgen: a BaseException, so tfgen cannot catch it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fails instead of hanging, where signals allow (POSIX, main thread)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExampleTimeout(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def example_dir() -> Iterator[tuple[Path, Path]]:
    """A fresh working directory (and a cache directory outside it) for one example."""
    with tempfile.TemporaryDirectory(prefix="tfgen-fuzz-") as top:
        work, cache = Path(top) / "work", Path(top) / "cache"
        work.mkdir()
        cache.mkdir()
        yield work, cache


@dataclass
class Run:
    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    traceback: str | None
    seconds: float

    def describe(self) -> str:
        return (
            f"tfgen {' '.join(repr(a) if ' ' in a else a for a in self.args)}\n"
            f"exit {self.exit_code} after {self.seconds:.2f} s\n"
            f"--- stdout ---\n{self.stdout[:3000]}\n--- stderr ---\n{self.stderr[:3000]}"
            + (f"\n--- traceback ---\n{self.traceback}" if self.traceback else "")
        )


def invoke(args: list[str], work: Path, cache: Path) -> Run:
    """tfgen in process, in `work`, failing (not hanging) after EXAMPLE_SECONDS."""
    previous = Path.cwd()
    os.chdir(work)
    start = time.perf_counter()
    try:
        with time_limit(EXAMPLE_SECONDS):
            result = CliRunner().invoke(cli, args, env={"TFGEN_CACHE_DIR": str(cache)})
    except ExampleTimeout as exc:
        raise AssertionError(f"tfgen {args} {exc}: a hang, not a diagnostic") from None
    finally:
        os.chdir(previous)
    seconds = time.perf_counter() - start
    crash = None
    if result.exc_info is not None and not issubclass(result.exc_info[0], SystemExit):
        crash = "".join(traceback.format_exception(*result.exc_info))
    return Run(args, result.exit_code, result.stdout, result.stderr, crash, seconds)


# Control characters a one-line message must not hold raw (a tab is harmless).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def assert_no_crash(run: Run) -> None:
    assert run.traceback is None, run.describe()
    for stream in (run.stdout, run.stderr):
        assert "Traceback (most recent call last)" not in stream, run.describe()
        assert "tfgen: internal error" not in stream, run.describe()
    assert run.exit_code in (0, 1), run.describe()


def checked_report(run: Run, work: Path, command: str) -> dict[str, Any]:
    """The JSON report of a run that must not crash, checked."""
    assert_no_crash(run)
    try:
        report: dict[str, Any] = json.loads(run.stdout)
    except ValueError:
        raise AssertionError(f"stdout is not one JSON document\n{run.describe()}") from None
    diagnostics = report["diagnostics"]
    for diagnostic in diagnostics:
        assert_located(diagnostic, work, run)
    errors = sum(d["severity"] == "error" for d in diagnostics)
    warnings = sum(d["severity"] == "warning" for d in diagnostics)
    parsed = not any(d["code"] == "syntax-error" for d in diagnostics)
    event(f"{command}: exit {run.exit_code}, {'parsed' if parsed else 'syntax-error'}")
    assert report["summary"]["errors"] == errors, run.describe()
    assert report["summary"]["warnings"] == warnings, run.describe()
    assert run.exit_code == (1 if errors else 0), run.describe()
    return report


def assert_located(diagnostic: dict[str, Any], work: Path, run: Run) -> None:
    """A file that exists, a line within it (or just past its end), a one-line message."""
    shown = f"{json.dumps(diagnostic, ensure_ascii=False)[:2000]}\n{run.describe()}"
    message = diagnostic["message"]
    assert isinstance(message, str) and message, shown
    assert not _CONTROL.search(message), f"message is not one plain line: {shown}"
    if diagnostic["file"] == COMMAND_LINE:
        return
    path = work / diagnostic["file"]
    assert path.is_file(), f"no such file {path}: {shown}"
    data = path.read_bytes()
    # A YAML file's lines are counted both ways: tfgen's UTF-8 check counts LF only.
    ways = [source_lines(data, yaml_breaks=False)]
    if path.suffix in (".yaml", ".yml"):
        ways.append(source_lines(data, yaml_breaks=True))
    last_line = max(map(len, ways))  # after a final line break, the empty last line is EOF's
    line, column = diagnostic["line"], diagnostic["column"]
    assert 1 <= line <= last_line, f"line outside 1..{last_line}: {shown}"
    assert line <= diagnostic["end_line"] <= last_line, f"end_line out of range: {shown}"
    width = max(len(lines[line - 1]) for lines in ways if line <= len(lines))
    assert 1 <= column <= width + 1, f"column outside 1..{width + 1}: {shown}"
    if diagnostic["end_line"] == line:
        assert diagnostic["end_column"] >= column, f"span ends before it starts: {shown}"


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def source_lines(data: bytes, yaml_breaks: bool) -> list[str]:
    """The file's lines as tfgen counts them: CRLF is folded to LF first (once, as tfgen reads
    files), then only LF ends a line in Terraform files; YAML also breaks at CR, NEL, LS, PS."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    return _YAML_BREAK.split(text) if yaml_breaks else text.split("\n")


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# -- seeds -----------------------------------------------------------------------------------


def kind_of(name: str) -> str | None:
    if name.endswith((".tf.json", ".tfvars.json")):
        return "json"
    if name.endswith((".tf", ".tfvars")):
        return "hcl"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    return None


def _seed_files() -> list[Path]:
    found = {
        p
        for root in SEED_ROOTS
        for p in root.rglob("*")
        if p.is_file() and kind_of(p.name) and p.stat().st_size <= MAX_SEED_BYTES
    }
    return sorted(found)


SEEDS = _seed_files()
MODULE_DIRS = sorted(
    {p.parent for p in SEEDS if p.name.endswith((".tf", ".tf.json")) and "spec" not in p.parts}
)
SPECS = sorted(p for p in SEEDS if kind_of(p.name) == "yaml")
JSONL = sorted(p for p in SEEDS if kind_of(p.name) == "jsonl")
TFVARS = sorted(p for p in SEEDS if p.name.endswith((".tfvars", ".tfvars.json")))


# -- mutations -------------------------------------------------------------------------------

# Byte strings that parsers and printers get wrong: encodings, escapes, template markers,
# comment and heredoc openers, numbers at the edges, names tfgen gives a meaning to.
TOKENS = (
    b"\x00",
    b"\xff",
    b"\xc3\x28",
    b"\xed\xa0\x80",  # a UTF-8 encoded surrogate: not valid UTF-8
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\r",
    b"\t",
    b"\x0b\x0c",
    b"\xe2\x80\xa8",  # U+2028 LINE SEPARATOR
    b"\xe2\x80\xae",  # U+202E RIGHT-TO-LEFT OVERRIDE
    b"e\xcc\x81",  # e and a combining acute accent
    b"\xf0\x9f\x98\x80",
    b"\x1b[31m",
    b"${",
    b"$${",
    b"%{",
    b"}",
    b"{",
    b"[",
    b"]",
    b'"',
    b"'",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\\U0011FFFF",
    b"#",
    b"//",
    b"/*",
    b"<<EOT\n",
    b"\nEOT\n",
    b"=",
    b":",
    b",",
    b"null",
    b"1e999",
    b"-0",
    b"99999999999999999999999999",
    b"openai_batch",
    b"tfgen:ignore",
    b"# tfgen:ignore-block invalid-endpoint\n",
)
YAML_TOKENS = (
    b"&a ",
    b"*a",
    b"*undefined",
    b"<<: *a\n",
    b"!!python/object/apply:os.system ['true'] ",
    b"!foo ",
    b"!!binary ",
    b"!!int ",
    b"!!float ",
    b"!!timestamp ",
    b"!!set ",
    b"? ",
    b"- ",
    b": ",
    b"|\n",
    b">-\n",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n---\n",
    b"{expr: '}'}",
    b".nan",
    b"-.inf",
)
NESTING = {
    "hcl": ((b"[", b"]"), (b"(", b")"), (b"{a=", b"}"), (b"-", b""), (b"!", b"")),
    "json": ((b"[", b"]"), (b'{"a":', b"}")),
    "jsonl": ((b"[", b"]"), (b'{"a":', b"}")),
    "yaml": ((b"[", b"]"), (b"{a: ", b"}"), (b"- ", b"")),
}


def _position(draw: Draw, data: bytes) -> int:
    return int(draw(st.integers(0, len(data))))


def _truncate(draw: Draw, data: bytes, kind: str) -> bytes:
    return data[: _position(draw, data)]


def _flip(draw: Draw, data: bytes, kind: str) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]


def _insert_bytes(draw: Draw, data: bytes, kind: str) -> bytes:
    i = _position(draw, data)
    return data[:i] + draw(st.binary(min_size=1, max_size=12)) + data[i:]


def _insert_token(draw: Draw, data: bytes, kind: str) -> bytes:
    tokens = TOKENS + (YAML_TOKENS if kind == "yaml" else ())
    i = _position(draw, data)
    return data[:i] + draw(st.sampled_from(tokens)) + data[i:]


def _delete(draw: Draw, data: bytes, kind: str) -> bytes:
    i = _position(draw, data)
    return data[:i] + data[i + draw(st.integers(1, 80)) :]


def _duplicate(draw: Draw, data: bytes, kind: str) -> bytes:
    i, j = _position(draw, data), _position(draw, data)
    return data[:j] + data[i : i + draw(st.integers(1, 300))] + data[j:]


def _line_endings(draw: Draw, data: bytes, kind: str) -> bytes:
    how = draw(st.sampled_from(["crlf", "cr", "bom", "bom+crlf", "strip-newline", "nul-end"]))
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if how == "cr":
        return data.replace(b"\n", b"\r")
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "bom+crlf":
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    if how == "strip-newline":
        return data.rstrip(b"\n")
    return data + b"\x00"


def _nest(draw: Draw, data: bytes, kind: str) -> bytes:
    opener, closer = draw(st.sampled_from(NESTING[kind]))
    depth = draw(st.sampled_from([30, 300, 3000]))
    closed = closer * depth if draw(st.booleans()) else b""
    i = _position(draw, data)
    return data[:i] + opener * depth + closed + data[i:]


def _huge(draw: Draw, data: bytes, kind: str) -> bytes:
    size = draw(st.sampled_from([65, 513, 4097, 100_001]))
    fill = draw(st.sampled_from([b"x", b"\xc3\xa9", b"${", b" ", b"\n", b"a,"]))
    i = _position(draw, data)
    return data[:i] + fill * (size // len(fill)) + data[i:]


def _structural(draw: Draw, data: bytes, kind: str) -> bytes:
    return STRUCTURAL[kind](draw, data)


MUTATIONS = (
    _truncate,
    _flip,
    _insert_bytes,
    _insert_token,
    _delete,
    _duplicate,
    _line_endings,
    _nest,
    _huge,
    _structural,
    _structural,  # twice: wrong values in the right places reach the checks, not the parser
)


@st.composite
def mutated(draw: Draw, data: bytes, kind: str) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data, kind)
    return data


# Values of the wrong type, size or shape for every field, as Terraform native syntax.
HCL_VALUES = (
    "null",
    "true",
    "0",
    "-1",
    "3600.5",
    "1e308",
    "1e999",
    "99999999999999999999999999",
    '""',
    '" "',
    '"24"',
    '"/v1/Embeddings"',
    '"file-"',
    '"${"',
    '"$${x}"',
    '"%{if true}a%{endif}"',
    '"${local.nope}"',
    "local.nope",
    "var.nope",
    "var.nope[0]",
    "each.value",
    "count.index",
    "self.id",
    "path.module",
    "local.team",
    "[]",
    "{}",
    "[null]",
    '[1, "a", true, null]',
    "{ a = 1, b = [2, { c = null }] }",
    "{ for k, v in { a = 1 } : k => v }",
    "[for x in range(2000) : x]",
    "range(10000)",
    "range(0, 1e9)",
    "range(-5)",
    "length(null)",
    'lookup({}, "x")',
    'file("/etc/passwd")',
    'templatefile("x.tpl", {})',
    'jsondecode("[")',
    'jsondecode("1e999")',
    'format("%-99999d", 1)',
    'format("%v")',
    'join("", [for i in range(1024) : "x"])',
    'join("", [for i in range(100) : join("", [for j in range(100) : "xxxxxxxxxx"])])',
    "tostring([])",
    "abs()",
    "nope(1)",
    "provider::x::y(1)",
    "1 / 0",
    "1 % 0",
    '"a" + 1',
    "!null",
    '-"x"',
    'true ? 1 : "a"',
    "null[0]",
    "x.y.z[0][*].w",
    'toset(["a", 1])',
    "merge({}, null)",
    "<<EOT\nx\nEOT",
    "<<-EOT\n  ${x}\n  EOT",
    '"\\u0000"',
    '"\\ud800"',
    '"\\U0010FFFF"',
    '"' + "x" * 100_000 + '"',
    '"' + "\u00e9" * 600 + '"',
    "[" * 300 + "]" * 300,
    "(" * 300 + "1" + ")" * 300,
    "1 + " * 500 + "1",
)
HCL_NAMES = (
    "endpoint",
    "input_file_id",
    "completion_window",
    "metadata",
    "output_expires_after",
    "status",
    "id",
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "dynamic",
    "endpont",
    "batch_id",
    "_",
    "x" * 5000,
    "\u00e9t\u00e9",
)


def _hcl_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\r", "\\r").replace("\t", "\\t") + '"'


HCL_VALUE = st.one_of(
    st.sampled_from(HCL_VALUES),
    st.text(max_size=40).map(_hcl_string),
    st.integers().map(str),
    st.text(max_size=20),  # raw, unquoted: mostly a syntax error somewhere odd
)
_ASSIGNMENT = re.compile(rb"(?m)^([ \t]*)([A-Za-z_][A-Za-z0-9_-]*)([ \t]*=[ \t]*)(.*)$")
_LABEL = re.compile(rb'"([^"\n\\]*)"')


def _hcl_structural(draw: Draw, data: bytes) -> bytes:
    what = draw(st.sampled_from(["value", "value", "name", "label", "repeat-line"]))
    if what == "label":
        labels = list(_LABEL.finditer(data))
        if not labels:
            return data
        match = draw(st.sampled_from(labels))
        label = draw(st.sampled_from(["", "openai_batch", "a b", "${x}", "x" * 3000, "0"]))
        return data[: match.start(1)] + label.encode() + data[match.end(1) :]
    assignments = list(_ASSIGNMENT.finditer(data))
    if not assignments:
        return data
    match = draw(st.sampled_from(assignments))
    if what == "name":
        name = draw(st.sampled_from(HCL_NAMES)).encode()
        return data[: match.start(2)] + name + data[match.end(2) :]
    if what == "repeat-line":
        return data[: match.end()] + b"\n" + match.group(0) + data[match.end() :]
    value = draw(HCL_VALUE).encode("utf-8", "surrogatepass")
    return data[: match.start(4)] + value + data[match.end(4) :]


def _nested(depth: int) -> object:
    value: object = 0
    for _ in range(depth):
        value = [value]
    return value


# Values of the wrong type, size or shape for every field, as JSON and YAML data.
DATA_VALUES: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.5,
    3600.5,
    1e308,
    10**30,
    -(10**30),
    float("nan"),
    float("inf"),
    "",
    " ",
    "x",
    "24",
    "24h",
    "/v1/Embeddings",
    "file-",
    "batch_",
    "${",
    "}",
    "$${x}",
    "%{ if true }a%{ endif }",
    "${local.nope}",
    "${1 / 0}",
    "${range(10000)}",
    '${file("/etc/passwd")}',
    '${jsondecode("[")}',
    "{{ 7 * 7 }}",
    "{% for x in y %}",
    "\x00",
    "\ud800",
    "\U0010ffff",
    "e\u0301",
    "\u202e",
    "\r\n",
    "\\",
    '"',
    "x" * 513,
    "\u00e9" * 600,
    "x" * 100_000,
    [],
    {},
    [None],
    [1, "a", True, None],
    {"a": {"b": [1, {"c": None}]}},
    {"expr": ""},
    {"expr": "var.x"},
    {"expr": 1},
    {"expr": "var.x", "extra": 1},
    {"anchor": "created_at", "seconds": 3600},
    {"anchor": "completed_at", "seconds": "soon"},
    {"//": "tfgen:ignore"},
    {"//": 1},
    _nested(40),
)


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _mutate_tree(draw: Draw, document: object, values: st.SearchStrategy[object]) -> object:
    """Replaces, deletes or renames one node of a parsed document."""
    paths = list(_paths(document))
    if not paths:
        return draw(values)
    path = draw(st.sampled_from(paths))
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    what = draw(st.sampled_from(["replace", "replace", "replace", "delete", "rename", "wrap"]))
    if what == "delete":
        del parent[last]
    elif what == "rename" and isinstance(parent, dict):
        new = draw(st.sampled_from(["", "endpont", "//", "x" * 5000, "${x}", "<<", "expr", "0"]))
        parent[new] = parent.pop(last)
    elif what == "wrap":
        parent[last] = [parent[last]]
    else:
        parent[last] = draw(values)
    return document


DATA_VALUE = st.one_of(
    st.sampled_from(DATA_VALUES),
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=False),
)


def _json_structural(draw: Draw, data: bytes) -> bytes:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return _insert_token(draw, data, "json")
    document = _mutate_tree(draw, document, DATA_VALUE)
    text = json.dumps(
        document, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
    )
    return text.encode("utf-8", "surrogatepass")


def _yaml_structural(draw: Draw, data: bytes) -> bytes:
    try:
        document = yaml.safe_load(data.decode("utf-8-sig"))
    except (ValueError, RecursionError, yaml.YAMLError):
        return _insert_token(draw, data, "yaml")
    document = _mutate_tree(draw, document, DATA_VALUE)
    try:
        text = yaml.safe_dump(
            document,
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([False, None, True])),
            sort_keys=draw(st.booleans()),
        )
    except (yaml.YAMLError, RecursionError):
        return data
    return text.encode("utf-8", "surrogatepass")


def _jsonl_structural(draw: Draw, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    what = draw(st.sampled_from(["field", "field", "line", "repeat", "blank", "swap"]))
    if what == "repeat":
        lines.insert(i, lines[i])
    elif what == "blank":
        lines.insert(i, draw(st.sampled_from([b"", b" ", b"\r", b"\t"])))
    elif what == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif what == "line":
        lines[i] = json.dumps(draw(DATA_VALUE)).encode()
    else:
        try:
            document = json.loads(lines[i])
        except (ValueError, RecursionError):
            return _insert_token(draw, data, "jsonl")
        document = _mutate_tree(draw, document, DATA_VALUE)
        lines[i] = json.dumps(document, ensure_ascii=draw(st.booleans())).encode(
            "utf-8", "surrogatepass"
        )
    return b"\n".join(lines)


STRUCTURAL: dict[str, Callable[[Draw, bytes], bytes]] = {
    "hcl": _hcl_structural,
    "json": _json_structural,
    "yaml": _yaml_structural,
    "jsonl": _jsonl_structural,
}


# -- strategies of cases -------------------------------------------------------------------


@dataclass
class Case:
    files: dict[str, bytes]
    args: list[str] = field(default_factory=list)

    def write(self, work: Path) -> None:
        for name, data in self.files.items():
            path = work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


_VARIABLE = re.compile(rb'variable\s+"([^"]+)"')
VAR_VALUES = (
    "",
    "[",
    "[" * 5000,
    "[" * 3000 + "]" * 3000,
    "{a = 1}",
    '["a", 1]',
    "null",
    "\x00",
    "${x}",
    "x" * 10_000,
    "1e999",
    "/v1/Embeddings",
)


@st.composite
def terraform_modules(draw: Draw) -> Case:
    """One fixture directory as a module, one or two of its files mutated, odd CLI inputs."""
    directory = draw(st.sampled_from(MODULE_DIRS))
    files = {
        p.name: p.read_bytes()
        for p in sorted(directory.iterdir())
        if p.is_file() and kind_of(p.name) in ("hcl", "json", "jsonl")
    }
    for name in draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=2, unique=True)):
        kind = kind_of(name)
        assert kind is not None
        files[name] = draw(mutated(files[name], kind))
    args: list[str] = []
    with_var_file = draw(st.booleans())
    if TFVARS and with_var_file:
        extra = draw(st.sampled_from(TFVARS))
        name = "extra.tfvars.json" if extra.name.endswith(".json") else "extra.tfvars"
        files[name] = draw(mutated(extra.read_bytes(), "json" if name.endswith("json") else "hcl"))
        args += ["--var-file", name]
    declared = sorted({m.group(1) for d in files.values() for m in _VARIABLE.finditer(d)})
    for _ in range(draw(st.integers(0, 2))):
        variable = draw(st.sampled_from([*declared, b"undeclared"])).decode("utf-8", "replace")
        value = draw(st.one_of(st.sampled_from(VAR_VALUES), st.text(max_size=20)))
        args += ["--var", f"{variable}={value}"]
    return Case(files, args)


def _with_data(spec: Path) -> dict[str, bytes]:
    """The JSONL files a spec may name, at the same relative paths, and the `.tf` files of the
    module its output goes into (they declare the locals a spec may use)."""
    found = {p.name: p.read_bytes() for p in spec.parent.glob("*.tf")}
    data = spec.parent / "data"
    if data.is_dir():
        found.update(
            (str(p.relative_to(spec.parent)), p.read_bytes()) for p in data.rglob("*.jsonl")
        )
    return found


@st.composite
def mutated_specs(draw: Draw) -> Case:
    spec = draw(st.sampled_from(SPECS))
    files = _with_data(spec)
    files[spec.name] = draw(mutated(spec.read_bytes(), "yaml"))
    for name in sorted(n for n in files if n.endswith(".jsonl")):
        if draw(st.integers(0, 4)) == 0:
            files[name] = draw(mutated(files[name], "jsonl"))
    return Case(files, [spec.name])


@st.composite
def mutated_jsonl(draw: Draw) -> Case:
    source = draw(st.sampled_from(JSONL))
    endpoint = draw(st.one_of(st.none(), st.sampled_from(ENDPOINTS)))
    return Case(
        {"requests.jsonl": draw(mutated(source.read_bytes(), "jsonl"))},
        [] if endpoint is None else ["--endpoint", endpoint],
    )


# -- properties ------------------------------------------------------------------------------


@fuzzed
@given(case=terraform_modules())
def test_validate_survives_mutated_terraform(case: Case) -> None:
    EXAMPLES_RUN["validate"] += 1
    with example_dir() as (work, cache):
        case.write(work)
        before = snapshot(work)
        run = invoke(["validate", "--format", "json", *case.args, "."], work, cache)
        note(run.describe())
        checked_report(run, work, "validate")
        assert snapshot(work) == before, "validate changed a file"


def default_output(spec: str) -> str:
    root, ext = os.path.splitext(spec)
    return (root if ext in (".yaml", ".yml") else spec) + ".tf.json"


@fuzzed
@given(case=mutated_specs())
def test_render_survives_mutated_specs(case: Case) -> None:
    EXAMPLES_RUN["render"] += 1
    spec = case.args[0]
    out = default_output(spec)
    with example_dir() as (work, cache):
        case.write(work)
        before = snapshot(work)
        run = invoke(["render", spec, "--format", "json"], work, cache)
        note(run.describe())
        checked_report(run, work, "render")
        after = snapshot(work)
        if run.exit_code != 0:
            assert after == before, f"a failed render wrote something\n{run.describe()}"
            return
        assert set(after) == set(before) | {out}, f"render wrote other files\n{run.describe()}"
        assert all(after[name] == data for name, data in before.items()), "an input changed"
        declare_variables(work, (work / out).read_text(encoding="utf-8"))
        validated = invoke(["validate", "--format", "json", out], work, cache)
        note(validated.describe())
        checked_report(validated, work, "validate")
        assert validated.exit_code == 0, (
            f"render wrote a file that validate rejects\n{validated.describe()}"
        )


@fuzzed
@given(case=mutated_jsonl())
def test_check_input_survives_mutated_jsonl(case: Case) -> None:
    EXAMPLES_RUN["check-input"] += 1
    with example_dir() as (work, cache):
        case.write(work)
        before = snapshot(work)
        args = ["check-input", "--format", "json", "requests.jsonl", *case.args]
        run = invoke(args, work, cache)
        note(run.describe())
        checked_report(run, work, "check-input")
        assert snapshot(work) == before, "check-input changed a file"


# A valid spec, built from the contract: names, endpoints, metadata within its limits,
# durations within range. Literal strings carry what must stay literal (`${`, `%{`, `{{ }}`).
NAME = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,24}", fullmatch=True)
LITERAL_BITS = ("${", "%{", "$${", "%%{", "{{ x }}", "{% if %}", "\\", '"', "\n", "\t", "\x00")
LITERAL = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(LITERAL_BITS)), max_size=6).map(
    "".join
)
# Metadata keys: no `${` or `%{` (rendered unescaped: test_a_metadata_key_is_escaped_as_a_template).
KEY = st.text(min_size=1, max_size=64).filter(lambda k: "${" not in k and "%{" not in k)


def _long_value(parts: tuple[str, int]) -> str:
    text, size = parts
    return (text * (size // max(len(text), 1) + 1))[:size] if text else "x" * size


VALUE = st.one_of(
    LITERAL,
    st.tuples(LITERAL, st.integers(480, 512)).map(_long_value),
    st.integers(-(10**6), 10**6),
    st.booleans(),
)
METADATA = st.dictionaries(KEY, VALUE, max_size=8)


@st.composite
def durations(draw: Draw) -> object:
    seconds = draw(
        st.one_of(st.sampled_from([MIN_EXPIRY, MAX_EXPIRY]), st.integers(MIN_EXPIRY, MAX_EXPIRY))
    )
    forms: list[object] = [seconds, f"{seconds}s", {"anchor": "created_at", "seconds": seconds}]
    for unit, size in (("m", 60), ("h", 3600), ("d", 86400)):
        if seconds % size == 0:
            forms.append(f"{seconds // size}{unit}")
    return draw(st.sampled_from(forms))


@st.composite
def valid_specs(draw: Draw) -> dict[str, Any]:
    spec: dict[str, Any] = {"version": 1}
    if draw(st.booleans()):
        spec["provider"] = {"source": "stainless-sdks/openai"}
        if draw(st.booleans()):
            spec["provider"]["version"] = "~> 0.0.1"
    defaults: dict[str, Any] = {}
    for key, strategy in (
        ("completion_window", st.just("24h")),
        ("endpoint", st.sampled_from(ENDPOINTS)),
        ("metadata", METADATA),
        ("output_expires_after", durations()),
    ):
        if draw(st.booleans()):
            defaults[key] = draw(strategy)
    empty_defaults = draw(st.booleans())
    if defaults or empty_defaults:
        spec["defaults"] = defaults
    batches: dict[str, Any] = {}
    for name in draw(st.lists(NAME, min_size=1, max_size=4, unique=True)):
        batch: dict[str, Any] = {}
        for key, strategy in (
            ("completion_window", st.just("24h")),
            ("endpoint", st.sampled_from(ENDPOINTS)),
        ):
            if key not in defaults or draw(st.booleans()):
                batch[key] = draw(strategy)
        if draw(st.booleans()):
            batch["metadata"] = draw(METADATA)
        if draw(st.booleans()):
            batch["output_expires_after"] = draw(durations())
        source = draw(st.sampled_from(["id", "expr", "file"]))
        if source == "id":
            batch["input_file_id"] = "file-" + draw(
                st.from_regex(r"[A-Za-z0-9]{1,24}", fullmatch=True)
            )
        elif source == "expr":
            batch["input_file_id"] = {"expr": "var.input_file_id"}
        else:
            batch["input_file"] = f"data/{name}.jsonl"
        batches[name] = batch
    spec["batches"] = batches
    if draw(st.booleans()):
        lookups = draw(
            st.dictionaries(
                NAME, st.from_regex(r"batch_[a-z0-9]{1,12}", fullmatch=True), max_size=3
            )
        )
        spec["lookups"] = lookups
    if draw(st.booleans()):
        spec["outputs"] = draw(st.booleans())
    return spec


def terraform_literal(text: str) -> str | None:
    """What Terraform reads from a JSON string: `$${` is `${`, `%%{` is `%{`; None if the
    string holds a template sequence (it would be evaluated, not read)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith(("$${", "%%{"), i):
            out.append(text[i + 1 : i + 3])
            i += 3
        elif text.startswith(("${", "%{"), i):
            return None
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def as_terraform_string(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _seconds(value: object) -> int:
    if isinstance(value, dict):
        return int(value["seconds"])
    if isinstance(value, int):
        return value
    assert isinstance(value, str)
    return int(value[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[value[-1]]


def _valid_bodies() -> dict[str, object]:
    """A valid body for each endpoint: the first of its fixture of valid bodies."""
    found = {}
    for path in sorted((ROOT / "tests/fixtures/input/bodies/pass").glob("*.jsonl")):
        first = json.loads(path.read_text("utf-8").splitlines()[0])
        found[first["url"]] = first["body"]
    return found


VALID_BODIES = _valid_bodies()


def declare_variables(work: Path, rendered: str) -> None:
    """The rest of the module: a rendered file that uses `var.NAME` is one file of a module
    whose other files declare NAME (Terraform and tfgen reject an undeclared one)."""
    names = sorted(set(re.findall(r"var\.([A-Za-z_][A-Za-z0-9_-]*)", rendered)))
    (work / "variables.tf").write_text("".join(f'variable "{n}" {{}}\n' for n in names))


@fuzzed
@given(
    spec=valid_specs(),
    bom=st.booleans(),
    crlf=st.booleans(),
    flow=st.sampled_from([False, None, True]),
    unicode=st.booleans(),
)
def test_valid_specs_render_and_validate_clean(
    spec: dict[str, Any], bom: bool, crlf: bool, flow: bool | None, unicode: bool
) -> None:
    EXAMPLES_RUN["valid-spec"] += 1
    text = yaml.safe_dump(spec, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    loaded = yaml.safe_load(text)  # the oracle is what a YAML reader makes of the text
    data = text.replace("\n", "\r\n") if crlf else text
    case = Case({"spec.yaml": (b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8")})
    defaults = loaded.get("defaults") or {}
    for batch in loaded["batches"].values():
        if "input_file" in batch:
            endpoint = batch.get("endpoint", defaults.get("endpoint"))
            body = VALID_BODIES[endpoint]
            request = {"custom_id": "r1", "method": "POST", "url": endpoint, "body": body}
            case.files[batch["input_file"]] = (json.dumps(request) + "\n").encode()
    uploads = {b["input_file"] for b in loaded["batches"].values() if "input_file" in b}
    blocks = len(loaded["batches"]) + len(loaded.get("lookups") or {}) + len(uploads)
    with example_dir() as (work, cache):
        case.write(work)
        declare_variables(work, text)  # render refuses a var.NAME nothing declares
        run = invoke(["render", "spec.yaml", "--format", "json"], work, cache)
        note(f"spec.yaml:\n{text}\n{run.describe()}")
        report = checked_report(run, work, "render")
        assert run.exit_code == 0 and report["diagnostics"] == [], run.describe()
        assert report["summary"]["blocks"] == blocks, run.describe()
        rendered = (work / "spec.tf.json").read_text(encoding="utf-8")
        assert_reads_back(json.loads(rendered), loaded)

        declare_variables(work, rendered)
        validated = invoke(["validate", "--format", "json", "spec.tf.json"], work, cache)
        note(validated.describe())
        checked = checked_report(validated, work, "validate")
        assert validated.exit_code == 0, validated.describe()
        assert checked["diagnostics"] == [], validated.describe()
        assert checked["summary"]["blocks"] == blocks, validated.describe()

        again = invoke(["render", "spec.yaml", "--check"], work, cache)
        assert again.exit_code == 0, f"the same spec rendered differently\n{again.describe()}"


def assert_reads_back(document: dict[str, Any], spec: dict[str, Any]) -> None:
    """The rendered Terraform JSON holds the spec's values, literal strings still literal."""
    defaults = spec.get("defaults") or {}
    resources = document.get("resource", {}).get("openai_batch", {})
    assert sorted(resources) == sorted(spec["batches"])
    for name, batch in spec["batches"].items():
        merged = {**defaults, **batch}
        rendered = resources[name]
        for key in ("completion_window", "endpoint"):
            assert terraform_literal(rendered[key]) == merged[key], (name, key, rendered)
        metadata = {**(defaults.get("metadata") or {}), **(batch.get("metadata") or {})}
        if "metadata" in batch or "metadata" in defaults:
            shown = {
                terraform_literal(k): as_terraform_string(v)
                if not isinstance(v, str)
                else terraform_literal(v)
                for k, v in rendered["metadata"].items()
            }
            expected = {as_terraform_string(k): as_terraform_string(v) for k, v in metadata.items()}
            assert shown == expected, (name, rendered["metadata"])
        if "output_expires_after" in merged:
            expiry = rendered["output_expires_after"]
            assert expiry["anchor"] == "created_at", (name, expiry)
            assert expiry["seconds"] == _seconds(merged["output_expires_after"]), (name, expiry)
        if isinstance(batch.get("input_file_id"), str):
            assert terraform_literal(rendered["input_file_id"]) == batch["input_file_id"]
    lookups = document.get("data", {}).get("openai_batch", {})
    assert {k: v["batch_id"] for k, v in lookups.items()} == (spec.get("lookups") or {})
    outputs = document.get("output", {})
    assert sorted(outputs) == (sorted(spec["batches"]) if spec.get("outputs") else [])


# -- regressions: the minimal input of each crash the properties found -----------------------


def run_in(top: Path, files: dict[str, bytes], args: list[str]) -> tuple[Run, Path]:
    work, cache = top / "work", top / "cache"
    work.mkdir()
    cache.mkdir()
    Case(files).write(work)
    return invoke(args, work, cache), work


def assert_diagnosed(top: Path, files: dict[str, bytes], args: list[str]) -> Run:
    """No crash, exit 0/1, and a JSON report whose findings are all well located."""
    run, work = run_in(top, files, [*args[:1], "--format", "json", *args[1:]])
    assert_no_crash(run)
    report = json.loads(run.stdout)
    for diagnostic in report["diagnostics"]:
        assert_located(diagnostic, work, run)
    return run


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param(
            SPEC_HEAD + b"batches: " + b"[" * 1000 + b"]" * 1000 + b"\n",
            id="yaml-deep-nesting",
        ),
        pytest.param(
            b"version: !foo 1\n",
            id="yaml-unknown-tag",
        ),
        pytest.param(
            b"version: !!python/name:os.system ''\n",
            id="yaml-python-tag",
        ),
        pytest.param(
            b"version: !!int x\n",
            id="yaml-bad-int",
        ),
        pytest.param(
            b"version: !!float x\n",
            id="yaml-bad-float",
        ),
        pytest.param(
            b"version: !!timestamp x\n",
            id="yaml-bad-timestamp",
        ),
        pytest.param(
            SPEC_HEAD + b"batches:\n  a: {input_file_id: file-1, metadata: {k: .inf}}\n",
            id="metadata-infinity",
        ),
        pytest.param(
            SPEC_HEAD + b"lookups:\n  a: {expr: '}'}\n",
            id="expr-not-an-expression",
        ),
        pytest.param(
            SPEC_HEAD + b"batches:\n  a: {input_file: 'a${b.jsonl'}\n",
            id="input-file-dollar-brace",  # was an internal error; fixed, kept as a regression
        ),
        pytest.param(
            SPEC_HEAD + b'batches:\n  a: {input_file: "a\\nb.jsonl"}\n',
            id="input-file-newline",
        ),
        pytest.param(
            SPEC_HEAD + b'lookups:\n  a: "\\ud800"\n',
            id="spec-lone-surrogate",
        ),
        pytest.param(
            SPEC_HEAD + b"on: 1\n",
            id="yaml-non-string-key",
        ),
        pytest.param(
            b'version: "\\U0011FFFF"\n',
            id="yaml-escape-out-of-range",
        ),
        pytest.param(
            b"version: 1\x00\n",
            id="yaml-reader-error-message",
        ),
    ],
)
def test_broken_specs_end_in_a_diagnostic(tmp_path: Path, spec: bytes) -> None:
    assert_diagnosed(tmp_path, {"spec.yaml": spec}, ["render", "spec.yaml"])


def test_a_lone_surrogate_in_terraform_json_is_a_finding(tmp_path: Path) -> None:
    document = b'{"resource": {"openai_batch": {"x": {"endpoint": "\\ud800"}}}}'
    run, _ = run_in(tmp_path, {"main.tf.json": document}, ["validate", "."])
    assert_no_crash(run)
    assert run.exit_code == 1 and "invalid-endpoint" in run.stdout, run.describe()


def test_messages_escape_control_characters(tmp_path: Path) -> None:
    main = BATCH.replace(b'"/v1/responses"', b'"/v1/x\\r\\u001b[2J"')
    run = assert_diagnosed(tmp_path, {"main.tf": main}, ["validate", "."])
    assert run.exit_code == 1 and "invalid-endpoint" in run.stdout, run.describe()


def test_a_batch_name_cannot_end_in_a_newline(tmp_path: Path) -> None:
    spec = SPEC_HEAD + b'batches:\n  "a\\n": {completion_window: 24h, endpoint: /v1/responses,'
    spec += b" input_file_id: file-1}\n"
    run = assert_diagnosed(tmp_path, {"spec.yaml": spec}, ["render", "spec.yaml"])
    assert run.exit_code == 1 and "spec-invalid-name" in run.stdout, run.describe()


def test_a_metadata_key_is_escaped_as_a_template(tmp_path: Path) -> None:
    spec = SPEC_HEAD + b"batches:\n  a: {completion_window: 24h, endpoint: /v1/responses,"
    spec += b" input_file_id: file-1, metadata: {'${x}': v}}\n"
    run, _ = run_in(tmp_path, {"spec.yaml": spec}, ["render", "spec.yaml", "-o", "-"])
    assert run.exit_code == 0, run.describe()
    metadata = json.loads(run.stdout)["resource"]["openai_batch"]["a"]["metadata"]
    assert list(metadata) == ["$${x}"], metadata


def test_escape_inside_a_nested_template_is_valid(tmp_path: Path) -> None:
    """`$${` in a quoted string inside `${...}` is valid Terraform (was a false syntax-error)."""
    document = (
        b'{"resource": {"openai_batch": {"x": {"completion_window": "24h",'
        b' "endpoint": "/v1/responses", "input_file_id": "${lower(\\"file-a$${b\\")}"}}}}'
    )
    run = assert_diagnosed(tmp_path, {"main.tf.json": document}, ["validate", "."])
    assert run.exit_code == 0, run.describe()


def test_unparsable_file_beside_a_batch_is_a_syntax_error(tmp_path: Path) -> None:
    """Every file of a module with a checked block is parsed, as Terraform parses it."""
    files = {"main.tf": BATCH, "broken.tf": b'resource "aws_s3_bucket" "b" {\n'}
    run = assert_diagnosed(tmp_path, files, ["validate", "."])
    found = [(d["file"], d["line"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]
    assert run.exit_code == 1 and found == [("broken.tf", 2, "syntax-error")], run.describe()


def test_every_property_runs_with_the_fuzzed_budget() -> None:
    """A helper put between @fuzzed and @given once took the budget from a property."""
    properties = [
        value
        for name, value in globals().items()
        if name.startswith("test_") and hasattr(value, "hypothesis")
    ]
    assert properties
    for test in properties:
        assert test._hypothesis_internal_use_settings.deadline is None, test.__name__
