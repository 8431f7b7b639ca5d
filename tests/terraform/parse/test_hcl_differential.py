"""tfgen's HCL reading against HashiCorp's own parser, on one-edit mutants of real files.

The reference is the npm package @cdktf/hcl2json (hashicorp/hcl compiled to WebAssembly),
driven by tests/reference/hcl_reference.js. Install it with `npm ci` in tests/reference;
without node or that install the test skips.

For every mutant: tfgen accepts exactly when HCL does; when both reject, tfgen reports HCL's
first error position (except at end of file, where tfgen reports the end of the file); when
both accept, every value tfgen knows is the value HCL gives.

Two refusals are not syntax errors in tfgen, and are compared as what they are there:
- an argument set twice in one body: HCL refuses it while parsing; tfgen's model keeps both
  and its duplicate-attribute rule reports it (in the blocks tfgen checks);
- an operator applied to a literal of the wrong type (`!50`): hcl2json evaluates it and
  refuses the file; tfgen's evaluator reports the same "Invalid operand".

Run `python tests/terraform/parse/test_hcl_differential.py` for the agreement figure.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from locations import FIXTURES, TESTS

from tfgen.support.limits import deep_recursion
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.model import Body
from tfgen.terraform.parse import ParseFailure, hcl, hcl_strict
from tfgen.terraform.parse.hcl import parse_hcl
from tfgen.terraform.values import is_known, parse_number

REFERENCE = TESTS / "reference"
PACKAGE = REFERENCE / "node_modules" / "@cdktf" / "hcl2json"
HCL_FIXTURES = FIXTURES / "hcl"
CORPUS = HCL_FIXTURES / "corpus"
SEED = 9
MUTANTS_PER_FILE = 120

# Characters and tokens an edit inserts: HCL's punctuation, and the ones people mistype.
_CHARS = list("{}[]()=,.:?!\"'\\$%~#/*<>-+ \n\tabexyz019_&|;`@")
_TOKENS = [
    "{", "}", "[", "]", "(", ")", "=", ",", '"', "${", "%{", "~", ".", "...", "=>", "?", ":",
    "\n", "#", "//", "/*", "*/", "<<EOT\n", "EOT", "for", "in", "if", " ", "-", "!", "1e3",
    "\\", "'", "::", "==", "&&", "*", "0.5", "null", "x", "\\n", "$${", "%%{", "\\u00e9",
]  # fmt: skip
_WORDS = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Mutant:
    name: str
    text: str


def mutants() -> list[Mutant]:
    """The same mutants on every run: each one edit away from a corpus file."""
    found = []
    for path in sorted(CORPUS.glob("*.tf")):
        original = path.read_text(encoding="utf-8")
        rng = random.Random(f"{SEED}:{path.name}")
        for number in range(MUTANTS_PER_FILE):
            text = original
            while text == original:
                operator = rng.choice(_OPERATORS)
                text = operator(original, rng)
            found.append(Mutant(f"{path.stem}-{number:03d}-{operator.__name__}", text))
    return found


def _delete_char(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + text[at + 1 :]


def _insert_char(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(_CHARS) + text[at:]


def _replace_char(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(_CHARS) + text[at + 1 :]


def _insert_token(text: str, rng: random.Random) -> str:
    at = rng.choice([m.start() for m in _WORDS.finditer(text)] + [len(text)])
    return text[:at] + rng.choice(_TOKENS) + text[at:]


def _delete_token(text: str, rng: random.Random) -> str:
    word = rng.choice(list(_WORDS.finditer(text)))
    return text[: word.start()] + text[word.end() :]


def _duplicate_token(text: str, rng: random.Random) -> str:
    word = rng.choice(list(_WORDS.finditer(text)))
    return text[: word.end()] + word.group() + text[word.end() :]


def _swap_tokens(text: str, rng: random.Random) -> str:
    words = list(_WORDS.finditer(text))
    at = rng.randrange(len(words) - 1)
    first, second = words[at], words[at + 1]
    between = text[first.end() : second.start()]
    return text[: first.start()] + second.group() + between + first.group() + text[second.end() :]


def _join_lines(text: str, rng: random.Random) -> str:
    at = rng.choice([m.start() for m in re.finditer("\n", text)])
    return text[:at] + rng.choice(["", " "]) + text[at + 1 :]


def _split_string(text: str, rng: random.Random) -> str:
    strings = list(re.finditer(r'"[^"\n]+"', text))
    string = rng.choice(strings)
    at = rng.randrange(string.start() + 1, string.end())
    return text[:at] + "\n" + text[at:]


_OPERATORS = [
    _delete_char, _insert_char, _replace_char, _insert_token, _delete_token,
    _duplicate_token, _swap_tokens, _join_lines, _split_string,
]  # fmt: skip


# -- what each side makes of a file ------------------------------------------------------


def reference_results(items: list[Mutant]) -> list[dict[str, Any]]:
    payload = json.dumps([{"name": m.name, "text": m.text} for m in items])
    completed = subprocess.run(
        ["node", str(REFERENCE / "hcl_reference.js")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    # hcl2json writes cty's numbers exactly: read them as Terraform numbers, not floats.
    results: list[dict[str, Any]] = json.loads(
        completed.stdout, parse_float=parse_number, parse_int=parse_number
    )
    return results


# hcl2json's refusals that come from evaluating a value, not from parsing.
_EVALUATION_ERRORS = {"Invalid operand"}


def tfgen_result(text: str) -> dict[str, Any]:
    try:
        body = parse_hcl(text, "input.tf").body
    except ParseFailure as failure:
        return _refusal(failure.line, failure.column, str(failure))
    repeated = min(_repeated_arguments(body), default=None)
    if repeated is not None:
        return _refusal(*repeated, "duplicate-attribute")
    scope = Scope()
    value = render_body(body, scope)
    return {"ok": True, "value": value, "problems": [p.message for p in scope.problems]}


def _refusal(line: int, column: int, message: str) -> dict[str, Any]:
    return {"ok": False, "line": line, "column": column, "message": message}


def render_body(body: Body, scope: Scope) -> dict[str, Any]:
    """tfgen's model in hcl2json's shape: blocks nested by type and labels, in lists."""
    rendered: dict[str, Any] = {}
    for attribute in body.attributes:
        rendered[attribute.name] = evaluate(attribute.expr, scope)
    for block in body.blocks:
        node = rendered
        for key in (block.type, *block.labels[:-1]) if block.labels else ():
            node = node.setdefault(key, {})
        last = block.labels[-1] if block.labels else block.type
        node.setdefault(last, []).append(render_body(block.body, scope))
    return rendered


def _repeated_arguments(body: Body) -> Iterator[tuple[int, int]]:
    seen: set[str] = set()
    for attribute in body.attributes:
        if attribute.name in seen:
            yield attribute.name_span.line, attribute.name_span.column
        seen.add(attribute.name)
    for block in body.blocks:
        yield from _repeated_arguments(block.body)


def value_differences(ours: object, theirs: object, where: str = "") -> Iterator[str]:
    """Where a value tfgen knows differs from HCL's; HCL's unevaluated "${...}" is skipped."""
    if isinstance(theirs, str) and _is_expression(theirs):
        return
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in ours.keys() | theirs.keys():
            if key in ours and key in theirs:
                yield from value_differences(ours[key], theirs[key], f"{where}.{key}")
            elif key not in ours or is_known(ours[key]):
                yield f"{where}.{key}: only one side has it"
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for index, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
            yield from value_differences(mine, other, f"{where}[{index}]")
    elif is_known(ours) and _as_hcl2json(ours) != theirs:
        yield f"{where}: tfgen {ours!r}, HCL {theirs!r}"


def _is_expression(value: str) -> bool:
    """hcl2json writes literal `${` as `$${`; an undoubled one starts an expression."""
    bare = value.replace("$${", "").replace("%%{", "")
    return "${" in bare or "%{" in bare


def _as_hcl2json(value: object) -> object:
    if isinstance(value, str):
        return value.replace("${", "$${").replace("%{", "%%{")
    return value


def disagreements(items: list[Mutant], results: list[dict[str, Any]]) -> Iterator[str]:
    for mutant, theirs in zip(items, results, strict=True):
        ours = tfgen_result(mutant.text)
        if not theirs["ok"] and theirs["message"] in _EVALUATION_ERRORS:
            if not (ours["ok"] and any(p.startswith(theirs["message"]) for p in ours["problems"])):
                yield f"{mutant.name}: HCL {_verdict(theirs)}, tfgen's evaluator does not"
        elif ours["ok"] != theirs["ok"]:
            verdict = "accepts" if ours["ok"] else f"rejects ({ours['message']})"
            yield f"{mutant.name}: tfgen {verdict}, HCL {_verdict(theirs)}"
        elif not ours["ok"] and not _same_position(ours, theirs):
            yield (
                f"{mutant.name}: tfgen {ours['line']}:{ours['column']} {ours['message']!r}, "
                f"HCL {_verdict(theirs)}"
            )
        elif ours["ok"]:
            for difference in value_differences(ours["value"], theirs["value"]):
                yield f"{mutant.name}: {difference}"


def _same_position(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    if str(ours["message"]).startswith("unexpected end of file"):
        return True  # HCL points at the unclosed opener; tfgen at the end of the file
    return bool((ours["line"], ours["column"]) == (theirs["line"], theirs["column"]))


def _verdict(result: dict[str, Any]) -> str:
    if result["ok"]:
        return "accepts"
    return f"rejects at {result['line']}:{result['column']} ({result['message']})"


# -- the tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the HCL reference runs under Node")
    if not (PACKAGE / "main.wasm.gz").is_file():
        pytest.skip("@cdktf/hcl2json is not installed: run `npm ci` in tests/reference")


def test_mutants_are_many_and_deterministic() -> None:
    first, second = mutants(), mutants()
    assert len(first) >= 400
    assert first == second
    assert len({m.text for m in first}) > 0.9 * len(first)


def _files(folder: Path) -> list[Mutant]:
    return [Mutant(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.tf"))]


@pytest.mark.usefixtures("reference")
def test_corpus_files_are_valid_hcl() -> None:
    items = _files(CORPUS)
    results = reference_results(items)
    assert all(r["ok"] for r in results)
    assert list(disagreements(items, results)) == []


@pytest.mark.usefixtures("reference")
def test_construct_fixtures_agree_with_hashicorp_hcl() -> None:
    """tests/fixtures/hcl: valid ones are valid HCL, invalid ones fail where HCL says."""
    valid, invalid = _files(HCL_FIXTURES / "valid"), _files(HCL_FIXTURES / "invalid")
    results = reference_results(valid + invalid)
    assert [r["name"] for r in results if not r["ok"]] == [m.name for m in invalid]
    assert list(disagreements(valid + invalid, results)) == []


@pytest.mark.usefixtures("reference")
@pytest.mark.slow
def test_mutants_agree_with_hashicorp_hcl() -> None:
    items = mutants()
    found = list(disagreements(items, reference_results(items)))
    assert found == [], f"{len(found)} of {len(items)} mutants disagree:\n" + "\n".join(found)


def _model(text: str) -> object:
    try:
        return parse_hcl(text, "input.tf")
    except ParseFailure as failure:
        return (str(failure), failure.line, failure.column, failure.code)


def test_a_file_read_in_runs_of_items_is_read_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large file goes to python-hcl2 a run of top-level items at a time (hcl._read): with
    one item a run, every mutant and fixture gives the model, or the failure, of one read."""
    fixtures = [p for p in sorted(FIXTURES.rglob("*.tf")) if p.stat().st_size < 1_000_000]
    items = mutants() + [Mutant(str(p), p.read_text(errors="replace")) for p in fixtures]
    whole = [_model(m.text) for m in items]
    monkeypatch.setattr(hcl, "RUN_CHARS", 1)
    runs = [_model(m.text) for m in items]
    with deep_recursion():  # some fixtures nest a thousand levels
        assert [m.name for m, a, b in zip(items, runs, whole, strict=True) if a != b] == []
    split = [m for m in items if len(checked_or_none(m.text)) > 1]
    assert len(split) > len(items) / 4  # valid files of several items: read in several runs


def checked_or_none(text: str) -> list[int]:
    try:
        with deep_recursion():
            return hcl_strict.checked(text).item_starts
    except ParseFailure:
        return []


if __name__ == "__main__":
    all_mutants = mutants()
    problems = list(disagreements(all_mutants, reference_results(all_mutants)))
    print("\n".join(problems))
    print(
        f"{len(all_mutants) - len({p.split(':')[0] for p in problems})} agree of {len(all_mutants)}"
    )
    sys.exit(1 if problems else 0)
