"""The benchmark corpus (bench/generate.py): deterministic, valid, and given the same findings
by every path through `validate`.

`plain_vs_fast` is the place to add each fast path as it lands: it maps a path's name to the
findings it gives, and the plain path (one module directory at a time, no result cache) is the
reference every other entry must equal.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Report

BENCH = Path(__file__).resolve().parent.parent / "bench"
# diagnostics, the Terraform files checked (real paths), blocks checked
Findings = tuple[list[dict[str, object]], frozenset[str], int]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tfgen's caches go to this test's folder, never the user's."""
    for name in [n for n in os.environ if n.startswith("TFGEN_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(tmp_path)  # paths in findings are relative, as a user sees them
    return gen.generate(Path("corpus"), gen.TINY)


# -- the comparison --------------------------------------------------------------------------


def findings(report: Report) -> Findings:
    items = sorted(report.diagnostics, key=lambda d: (d.sort_key(), d.message))
    checked = frozenset(
        os.path.realpath(f) for f in report.sources if f.endswith((".tf", ".tf.json"))
    )
    assert len(checked) == report.files  # the summary counts each file checked once
    return [d.to_dict() for d in items], checked, report.blocks


def module_files(paths: list[str]) -> dict[str, list[str]]:
    """Module directory -> the Terraform files the paths name in it."""
    modules: dict[str, list[str]] = {}
    for given in paths:
        if os.path.isfile(given):
            modules.setdefault(os.path.dirname(given) or ".", []).append(given)
            continue
        for root, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".tf", ".tf.json")):
                    modules.setdefault(root, []).append(os.path.join(root, name))
    return modules


def plain(paths: list[str]) -> Findings:
    """The reference: each module directory on its own, with the result cache off."""
    diagnostics: list[dict[str, object]] = []
    files: frozenset[str] = frozenset()
    blocks = 0
    saved = os.environ.get("TFGEN_NO_CACHE")
    os.environ["TFGEN_NO_CACHE"] = "1"
    try:
        for directory_files in module_files(paths).values():
            found, count, checked = findings(validate(directory_files))
            diagnostics += found
            files, blocks = files | count, blocks + checked
    finally:
        if saved is None:
            del os.environ["TFGEN_NO_CACHE"]
        else:
            os.environ["TFGEN_NO_CACHE"] = saved
    return sorted(diagnostics, key=_order), files, blocks


def _order(item: dict[str, object]) -> tuple[str, ...]:
    return tuple(str(item[k]) for k in ("file", "line", "column", "code", "message"))


def whole(paths: list[str]) -> Findings:
    found, files, blocks = findings(validate(paths))
    return sorted(found, key=_order), files, blocks


FAST_PATHS: dict[str, Callable[[list[str]], Findings]] = {
    "all paths in one run (result cache empty)": whole,
    "all paths in one run again (result cache warm)": whole,
}


def plain_vs_fast(paths: list[str]) -> dict[str, Findings]:
    """The findings of the plain path and of every fast path, by name; "plain" first."""
    results = {"plain": plain(paths)}
    for name, run in FAST_PATHS.items():
        results[name] = run(paths)
    return results


def assert_same(results: dict[str, Findings]) -> None:
    reference = results["plain"]
    for name, found in results.items():
        assert found == reference, f"{name} differs from the plain path"


# -- mistakes, so that the comparison compares findings and not only silence ----------------


def add_mistakes(root: Path) -> None:
    """Deterministic mistakes across the tree: wrong values, a syntax error, a bad tfvars,
    a batch in a module that had none, and a `.tf.json` file."""
    batch_files = sorted(root.rglob("batch.tf"))
    first = batch_files[0]
    text = first.read_text().replace('"24h"', '"24"', 1).replace('"/v1/', '"/v1/Chat/', 1)
    first.write_text(text)
    (first.parent / "broken.tf").write_text('resource "openai_batch" "x" {\n  endpoint = \n}\n')
    (first.parent / "terraform.tfvars").write_text('batch_input_file_id = "abc"\ntypo = 1\n')
    # Not the module every directory calls: one run checks it through its callers only.
    plain_dir = next(
        d
        for d in sorted(root.glob("*/*"))
        if not (d / "batch.tf").exists() and d.parent.name != "modules"
    )
    (plain_dir / "late.tf.json").write_text(
        '{"resource": {"openai_batch": {"late": {"endpoint": "/v1/embedding",'
        ' "completion_window": "24h", "input_file_id": "file-a"}}}}\n'
    )


# -- the tests -------------------------------------------------------------------------------


def terraform_paths(corpus: Any) -> list[str]:
    parts = [corpus.small, corpus.tree, corpus.files, corpus.tfjson, *corpus.blocks.values()]
    return [str(corpus.path(p)) for p in parts]


def all_files(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        yield path.relative_to(root).as_posix(), path.read_bytes()


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    gen.generate(tmp_path / "a", gen.TINY, seed=5)
    gen.generate(tmp_path / "b", gen.TINY, seed=5)
    gen.generate(tmp_path / "c", gen.TINY, seed=6)
    first = list(all_files(tmp_path / "a"))
    assert first == list(all_files(tmp_path / "b"))
    assert dict(first) != dict(all_files(tmp_path / "c"))


def test_the_corpus_has_every_part(corpus: Any) -> None:
    sizes = gen.TINY
    assert corpus.tree_files == sizes.tree_dirs * sizes.files_per_dir + 1  # + the called module
    assert corpus.tree_batch_files >= 1
    lines = corpus.path(corpus.jsonl).read_bytes().splitlines()
    assert len(lines) == sizes.jsonl_requests
    assert corpus.jsonl_bytes <= sizes.jsonl_bytes
    for count, path in corpus.blocks.items():
        assert corpus.path(path).read_text().count('resource "openai_batch"') == count


def test_a_second_run_reuses_the_corpus(corpus: Any) -> None:
    again, reused = gen.reuse_or_generate(Path("corpus"), gen.TINY)
    assert reused
    assert again.manifest() == corpus.manifest()
    _, reused = gen.reuse_or_generate(Path("corpus"), gen.TINY, seed=gen.SEED + 1)
    assert not reused


def test_the_generated_terraform_has_no_findings(corpus: Any) -> None:
    report = validate(terraform_paths(corpus))
    assert [d.to_dict() for d in report.diagnostics] == []
    assert report.blocks > sum(gen.TINY.blocks) + gen.TINY.one_block_files + gen.TINY.tfjson_blocks


def test_the_generated_spec_and_input_have_no_findings(corpus: Any) -> None:
    from tfgen.batch_input.checker import check_input
    from tfgen.commands.run_render import run_render

    spec = corpus.path(corpus.spec)
    outcome = run_render(str(spec), str(spec.with_name("out.tf.json")))
    assert outcome.exit_code == 0, [d.to_dict() for d in outcome.report.diagnostics]
    assert outcome.report.diagnostics == []
    checked = check_input(str(corpus.path(corpus.jsonl)))
    assert checked.diagnostics == []
    assert checked.summary.requests == gen.TINY.jsonl_requests


def test_the_invalid_input_has_one_body_finding_every_so_many_lines(tmp_path: Path) -> None:
    import random

    from tfgen.batch_input.checker import check_input

    path = tmp_path / "input.jsonl"
    gen.write_jsonl(path, 64 * 1024, 40, random.Random(1), invalid_every=10)
    checked = check_input(str(path))
    assert [d.span.line for d in checked.diagnostics] == [10, 20, 30, 40]
    assert [d.code for d in checked.diagnostics] == [
        "input-unknown-parameter",
        "input-invalid-parameter",
        "input-invalid-parameter",
        "input-invalid-parameter",
    ]


def test_fast_paths_agree_with_the_plain_path_on_the_corpus(corpus: Any) -> None:
    assert_same(plain_vs_fast(terraform_paths(corpus)))


def test_fast_paths_agree_with_the_plain_path_on_mistakes(corpus: Any) -> None:
    tree = corpus.path(corpus.tree)
    add_mistakes(tree)
    results = plain_vs_fast([str(tree)])
    codes = {item["code"] for item in results["plain"][0]}
    assert {"syntax-error", "invalid-endpoint", "undeclared-variable"} <= codes
    assert_same(results)
