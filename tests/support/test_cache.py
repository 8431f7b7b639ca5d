"""The result cache: a hit gives the same report without parsing; any change misses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from locations import FIXTURES, ROOT

from tfgen.commands.run_validate import validate
from tfgen.support import cache
from tfgen.support.config import Config
from tfgen.terraform.variable_sources import VariableSources

RULES = FIXTURES / "rules"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TFGEN_NO_CACHE")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    module = tmp_path / "module"
    module.mkdir()
    (module / "main.tf").write_text((RULES / "metadata" / "main.tf").read_text())
    (module / "variables.tf").write_text('variable "owner" {\n  default = "ml"\n}\n')
    return module


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import tfgen.terraform.parse as load

    parsed: list[str] = []
    original = load.parse_text

    def spy(text: str, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(text, path)

    monkeypatch.setattr(load, "parse_text", spy)
    return parsed


def test_a_hit_gives_the_same_report_without_parsing(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate([str(cached)])
    parsed = counted_parses(monkeypatch)
    second = validate([str(cached)])
    assert parsed == []
    assert second.diagnostics == first.diagnostics and second.blocks == first.blocks
    assert len(list((cached.parent / "cache").iterdir())) == 1


@pytest.mark.parametrize("change", ["file", "tfvars", "var", "env"])
def test_any_input_change_misses(
    cached: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    validate([str(cached)], VariableSources((), {}))
    parsed = counted_parses(monkeypatch)
    cli = VariableSources((), {})
    if change == "file":
        (cached / "variables.tf").write_text('variable "owner" {\n  default = "data"\n}\n')
    elif change == "tfvars":
        (cached / "terraform.tfvars").write_text('owner = "x"\n')
    elif change == "var":
        cli = VariableSources((("var", "owner=x"),), {})
    else:
        cli = VariableSources((), {"TF_VAR_owner": "x"})
    validate([str(cached)], cli)
    assert parsed, "a changed input must be checked again"


def test_no_cache_when_disabled_or_unwritable(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
    validate([str(cached)])
    assert not (cached.parent / "cache").exists()
    monkeypatch.delenv("TFGEN_NO_CACHE")
    blocker = cached.parent / "file"
    blocker.write_text("")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert validate([str(cached)]).diagnostics  # still checks, silently without a cache
    assert cache.load("0" * 64) is None


# -- a cached result is the result: regressions -------------------------------------------


def report_json(
    paths: list[str], cli: VariableSources | None = None, config: Config | None = None
) -> str:
    from tfgen.report import format_report
    from tfgen.report.registry import Options

    return format_report("json", validate(paths, cli, config), Options())


def no_cache(monkeypatch: pytest.MonkeyPatch, call: Callable[[], str]) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("TFGEN_NO_CACHE", "1")
        return call()


def test_a_named_file_then_its_directory(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: `validate mod/a.tf` then `validate mod` exited 0 with an error in mod/b.tf."""
    (cached / "b.tf").write_text(
        'resource "openai_batch" "b" {\n  completion_window = "25h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
    )
    validate([str(cached / "main.tf")])
    whole = validate([str(cached)])
    assert "invalid-completion-window" in {d.code for d in whole.diagnostics}
    assert report_json([str(cached)]) == no_cache(monkeypatch, lambda: report_json([str(cached)]))


def test_the_examples_give_the_same_report_in_any_order(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was: `validate examples/invalid/jobs.tf.json` then `validate examples/invalid`: 3 errors."""
    invalid = EXAMPLES / "invalid"
    for paths in ([str(invalid / "jobs.tf.json")], [str(invalid)], [str(invalid / "main.tf")]):
        assert report_json(paths) == no_cache(monkeypatch, lambda p=paths: report_json(p))  # type: ignore[misc]


def test_a_configuration_change_is_never_stale(cached: Path) -> None:
    """Was: changing only `exclude` returned the result computed before."""
    (cached / "b.tf").write_text(
        'resource "openai_batch" "b" {\n  completion_window = "25h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
    )
    first = validate([str(cached)])
    assert "invalid-completion-window" in {d.code for d in first.diagnostics}
    excluded = validate([str(cached)], config=Config(exclude=("b.tf",)))
    assert [d.code for d in excluded.diagnostics if d.span.file.endswith("b.tf")] == []
    assert excluded.files == 2
    disabled = validate(
        [str(cached)], config=Config(disable=frozenset({"metadata-too-many-pairs"}))
    )
    assert [d for d in disabled.diagnostics if d.code == "metadata-too-many-pairs"] == []
    assert validate([str(cached)]).diagnostics == first.diagnostics


@pytest.mark.parametrize(
    "entry",
    [
        "[]",
        "{}",
        '{"blocks": 1, "declared": [], "diagnostics": {}}',
        '{"blocks": "1", "declared": [], "diagnostics": []}',
        '{"blocks": 1, "declared": [3], "diagnostics": []}',
        '{"blocks": 1, "declared": [], "diagnostics": [{"file": "main.tf"}]}',
        '{"blocks": 1, "declared": [], "diagnostics": [{"file": "main.tf", "line": "2",'
        ' "column": 1, "end_line": 2, "end_column": 2, "severity": "error", "code": "x",'
        ' "message": "m", "address": null, "attribute": null}]}',
        '{"blocks": 1, "declared": [], "diagnostics": [], "extra": 1}',
        '{"blocks": 1, "declared": [], "diagnostics": [',
        "\udcff",
    ],
)
def test_a_malformed_entry_is_a_miss(
    cached: Path, monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    """Was: valid JSON of the wrong shape made every later run an internal error."""
    expected = no_cache(monkeypatch, lambda: report_json([str(cached)]))
    validate([str(cached)])
    [stored] = (cached.parent / "cache").iterdir()
    stored.write_bytes(entry.encode("utf-8", "surrogateescape"))
    assert report_json([str(cached)]) == expected
    assert report_json([str(cached)]) == expected  # the miss was stored again, well-formed


def test_the_cache_keeps_a_bounded_number_of_entries(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for n in range(6):
        validate([str(cached)], VariableSources((("var", f"owner=o{n}"),), {}))
    assert len(list((cached.parent / "cache").glob("*.json"))) == 3


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Parts that would run together unseparated must still give different keys.
        ({"a.tf": b"xy"}, {"a.tfx": b"y"}),
        ({"a.tf": b""}, {"a.tf": b"", "b.tf": b""}),
    ],
)
def test_different_modules_have_different_keys(
    one: dict[str, bytes], other: dict[str, bytes]
) -> None:
    assert cache.module_key(one, [], (), {}) != cache.module_key(other, [], (), {})


# -- a cached result is the result: random sequences of invocations -------------------------

SNIPPETS = (
    'resource "openai_batch" "a" {\n  completion_window = "24h"\n'
    '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n',
    'resource "openai_batch" "b" {\n  completion_window = "25h"\n'
    '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n',
    'resource "openai_batch" "a" {\n  completion_window = "24h"\n'
    '  endpoint = local.endpoint\n  input_file_id = "x"\n}\n',
    'variable "endpoint" {\n  default = "/v1/responses"\n}\n',
    'variable "endpoint" {\n  default = "/v1/embedding"\n}\n',
    "locals {\n  endpoint = var.endpoint\n}\n",
    'resource "aws_vpc" "v" {\n  cidr_block = \n',  # a syntax error
    "",
)
TFVARS = ('endpoint = "/v1/Responses"\n', "other = 1\n", 'endpoint = "/v1/videos"\n')
FILES = ("m1/main.tf", "m1/extra.tf", "m1/vars.tf", "m2/main.tf", "m2/vars.tf", "m2/x.tf.json")
EXCLUDES = ((), ("m1/extra.tf",), ("m2/*",), ("*.tf.json",))

Operation = tuple[str, int, int]


def _operations() -> st.SearchStrategy[list[Operation]]:
    kinds = st.sampled_from(("run", "run", "run", "edit", "tfvars", "exclude", "var", "env"))
    return st.lists(st.tuples(kinds, st.integers(0, 63), st.integers(0, 63)), max_size=12)


def _paths(choice: int) -> list[str]:
    """A subset of files and directories, as a user or pre-commit would name them."""
    every = [".", "m1", "m2", *(f for f in FILES if f.endswith(".tf"))]
    chosen = [p for bit, p in enumerate(every) if choice >> bit & 1]
    return chosen or ["."]


def _tfjson(snippet: str) -> str:
    """The JSON twin of a resource snippet, so that both syntaxes meet the cache."""
    body = {
        "completion_window": "25h" if "25h" in snippet else "24h",
        "endpoint": "/v1/responses",
        "input_file_id": "file-1",
    }
    return json.dumps({"resource": {"openai_batch": {"j": body}}})


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(operations=_operations())
def test_random_invocations_give_the_same_report_with_and_without_the_cache(
    operations: list[Operation],
) -> None:
    with tempfile.TemporaryDirectory() as top, pytest.MonkeyPatch.context() as patch:
        work = Path(top) / "work"
        for name in FILES:
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(_tfjson("") if name.endswith(".json") else SNIPPETS[0])
        patch.chdir(work)
        patch.setenv("TFGEN_CACHE_DIR", str(Path(top) / "cache"))
        ordered: tuple[tuple[str, str], ...] = ()
        environ: dict[str, str] = {}
        config = Config()
        for kind, a, b in [*operations, ("run", 0, 0)]:
            if kind == "edit":
                name = FILES[a % len(FILES)]
                snippet = SNIPPETS[b % len(SNIPPETS)]
                Path(name).write_text(_tfjson(snippet) if name.endswith(".json") else snippet)
            elif kind == "tfvars":
                Path(f"m{a % 2 + 1}/terraform.tfvars").write_text(TFVARS[b % len(TFVARS)])
            elif kind == "exclude":
                config = Config(exclude=EXCLUDES[a % len(EXCLUDES)])
            elif kind == "var":
                ordered = (("var", f"endpoint={TFVARS[b % 3].split('=')[1].strip()}"),)[: a % 2]
            elif kind == "env":
                environ = {"TF_VAR_endpoint": "/v1/Embeddings"} if a % 2 else {}
            else:
                paths, cli = _paths(a), VariableSources(ordered, environ)
                patch.delenv("TFGEN_NO_CACHE", raising=False)
                cached = report_json(paths, cli, config)
                patch.setenv("TFGEN_NO_CACHE", "1")
                assert cached == report_json(paths, cli, config), (operations, kind, a, b)


def test_parallel_processes_sharing_the_cache_give_the_uncached_reports(tmp_path: Path) -> None:
    """pre-commit splits a 40-file module across processes: was, the first run failed and
    every later one passed with the error still in place."""
    module = tmp_path / "module"
    module.mkdir()
    for n in range(40):
        window = "25h" if n == 7 else "24h"
        (module / f"f{n:02}.tf").write_text(
            f'resource "openai_batch" "b{n}" {{\n  completion_window = "{window}"\n'
            f'  endpoint = "/v1/responses"\n  input_file_id = "file-{n}"\n}}\n'
        )
    files = sorted(str(p.relative_to(tmp_path)) for p in module.iterdir())
    chunks = [files[i::3] for i in range(3)]
    env = {k: v for k, v in os.environ.items() if k != "TFGEN_NO_CACHE"}
    env["TFGEN_CACHE_DIR"] = str(tmp_path / "cache")

    def run_all(environ: dict[str, str]) -> list[tuple[int, str]]:
        command = [sys.executable, "-m", "tfgen", "validate", "--format", "json"]
        running = [
            subprocess.Popen(
                [*command, *chunk], cwd=tmp_path, env=environ, stdout=subprocess.PIPE, text=True
            )
            for chunk in chunks
        ]
        return [(p.wait(timeout=120), p.communicate()[0]) for p in running]

    expected = run_all({**env, "TFGEN_NO_CACHE": "1"})
    assert [code for code, _ in expected] == [1, 1, 1]
    assert run_all(env) == expected
    assert run_all(env) == expected
