"""Request bodies against OpenAI's API description: every endpoint's valid bodies pass, and
each kind of mistake is found at its line and column, with its JSON path.

The expected findings of each failing fixture are in tests/fixtures/input/bodies/expected.json
(line, column, code, message); the column is where the key or value is in the line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.batch_input import bodies
from tfgen.batch_input.bodies import Bodies, body_positions
from tfgen.batch_input.checker import check_input
from tfgen.checks.schemas import load_schema

BODIES = FIXTURES / "input" / "bodies"
EXPECTED = json.loads((BODIES / "expected.json").read_text("utf-8"))
ENDPOINTS = load_schema("request-bodies")["x-tfgen-endpoints"]


def found(path: Path) -> list[list[object]]:
    report = check_input(str(path))
    return [[d.span.line, d.span.column, d.code, d.message] for d in report.diagnostics]


@pytest.mark.parametrize("name", sorted(p.name for p in (BODIES / "pass").iterdir()))
def test_valid_bodies_of_every_endpoint_pass(name: str) -> None:
    assert found(BODIES / "pass" / name) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_found_where_it_is(name: str) -> None:
    assert found(BODIES / "fail" / name) == EXPECTED[name]


def test_every_endpoint_has_fixtures_both_ways() -> None:
    def urls(folder: str) -> set[str]:
        return {
            json.loads(line)["url"]
            for path in (BODIES / folder).iterdir()
            for line in path.read_text("utf-8").splitlines()
        }

    assert urls("pass") == urls("fail") == set(ENDPOINTS)


def test_the_column_is_the_key_s_or_the_value_s() -> None:
    line = b'{"custom_id": "a", "body": {"model": "m", "n": [1, {"x": 2}]}}'
    column = body_positions(line)
    assert column(("n",), True) == line.index(b'"n"') + 1
    assert column(("n", 1, "x"), False) == line.index(b"2}") + 1
    assert column(("missing",), False) == line.index(b'{"model"') + 1
    assert column((), False) == line.index(b'{"model"') + 1


def test_a_line_that_does_not_parse_with_positions_points_at_its_start() -> None:
    assert body_positions(b"\xff")(("n",), False) == 1


def test_without_jsonschema_rs_the_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_PURE_PYTHON", "1")
    for name in sorted(EXPECTED):
        assert found(BODIES / "fail" / name) == EXPECTED[name]
    assert Bodies(load_schema("request-bodies"))._compile("/v1/embeddings").fast is None


def test_a_body_nested_deeper_than_jsonschema_can_follow_is_a_finding() -> None:
    deep: object = "x"
    for _ in range(3000):
        deep = {"a": deep}
    checker = Bodies(load_schema("request-bodies"))
    [finding] = checker.findings("/v1/chat/completions", {"model": "m", "metadata": deep})
    assert "nested too deeply" in finding.message


def test_a_body_jsonschema_rs_refuses_goes_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    checker = Bodies(load_schema("request-bodies"))
    endpoint = checker._compile("/v1/embeddings")

    class Refusing:
        def is_valid(self, body: object) -> bool:
            raise ValueError("cannot hold it")

    monkeypatch.setattr(endpoint, "fast", Refusing())
    assert endpoint.findings({"model": "m", "input": "x", "dimensions": 10**30}) == []
    [finding] = endpoint.findings({"model": "m", "input": "x", "dimensions": 0})
    assert finding.code == "input-invalid-parameter"


def test_an_endpoint_without_a_schema_is_not_checked() -> None:
    assert Bodies(load_schema("request-bodies")).findings("/v1/nope", {"x": 1}) == []
    assert bodies.Bodies({}).findings("/v1/embeddings", {"x": 1}) == []


def test_body_findings_are_listed_twenty_times_then_counted(tmp_path: Path) -> None:
    line = (
        '{"custom_id": "r%d", "method": "POST", "url": "/v1/embeddings", '
        '"body": {"model": "m", "input": "x", "dimension": 3}}'
    )
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(line % i for i in range(30)) + "\n")
    report = check_input(str(path))
    codes = [d.code for d in report.diagnostics]
    assert codes == ["input-unknown-parameter"] * 21
    assert report.diagnostics[-1].message == (
        "... and 10 more input-unknown-parameter findings (only the first 20 are listed)"
    )
    assert report.diagnostics[-1].span.line == 21


def test_with_the_endpoint_inferred_a_minority_url_s_body_is_not_checked(tmp_path: Path) -> None:
    chat = (
        '{"custom_id": "c%d", "method": "POST", "url": "/v1/chat/completions", '
        '"body": {"model": "m", "messages": [{"role": "user", "content": "x"}]}}'
    )
    stray = chat.replace("/v1/chat/completions", "/v1/embeddings") % 9
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([chat % 1, stray, chat % 2]) + "\n")
    report = check_input(str(path))
    assert [(d.span.line, d.code) for d in report.diagnostics] == [(2, "input-url-mismatch")]
    # Given as the batch's endpoint, that url's bodies are the ones checked.
    given = check_input(str(path), "/v1/embeddings")
    assert {(d.span.line, d.code) for d in given.diagnostics} >= {
        (2, "input-missing-parameter"),
        (2, "input-unknown-parameter"),
    }


def test_where_jsonschema_finds_nothing_jsonschema_rs_s_words_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint = Bodies(load_schema("request-bodies"))._compile("/v1/chat/completions")

    class Silent:
        def evolve(self, **changes: object) -> Silent:
            return self

        def iter_errors(self, value: object) -> list[object]:
            return []

    monkeypatch.setattr(endpoint, "_validator", lambda: Silent())
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": "9"}
    [finding] = endpoint.findings(body)
    assert finding.path == ("max_tokens",) and finding.message.startswith("body.max_tokens: ")


def test_an_integer_past_what_tfgen_reads_is_not_a_crash(tmp_path: Path) -> None:
    # Regression: the body held tfgen's unknown value, which jsonschema then tried to quote.
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": '
        '{"model": "m", "input": "x", "max_output_tokens": ' + "9" * 5000 + "}}\n"
    )
    assert check_input(str(path)).diagnostics == []
