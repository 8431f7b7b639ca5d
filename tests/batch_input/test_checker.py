"""The batch input (JSONL) checker: every rule on a failing and a passing file, the limits at
their edges (generated here, never committed), the listing cap, progress and memory."""

from __future__ import annotations

import gc
import inspect
import json
import tracemalloc
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.batch_input.checker import (
    MAX_BYTES,
    MAX_EMBEDDING_INPUTS,
    MAX_LISTED_PER_CODE,
    MAX_REQUESTS,
    InputReport,
    check_input,
)
from tfgen.codes import CODES, severity_of
from tfgen.diagnostics import InputSummary
from tfgen.report.text import input_line

INPUT = FIXTURES / "input"
FAIL, PASS = INPUT / "fail", INPUT / "pass"
CHAT, EMBEDDINGS = "/v1/chat/completions", "/v1/embeddings"


def check(
    path: Path,
    endpoint: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    max_requests: int = MAX_REQUESTS,
    max_embedding_inputs: int = MAX_EMBEDDING_INPUTS,
) -> InputReport:
    return check_input(
        str(path),
        endpoint,
        max_bytes=max_bytes,
        max_requests=max_requests,
        max_embedding_inputs=max_embedding_inputs,
    )


def found(report: InputReport) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in report.diagnostics]


def message(report: InputReport, line: int, code: str) -> str:
    return next(d.message for d in report.diagnostics if (d.span.line, d.code) == (line, code))


# The smallest body each endpoint takes, so that a test of one rule trips no other.
_MINIMAL: dict[str, dict[str, object]] = {
    CHAT: {"messages": [{"role": "user", "content": "hi"}]},
    EMBEDDINGS: {"input": "hi"},
}


def request(custom_id: str, url: str = CHAT, **body: object) -> str:
    payload = {"model": "gpt-4o-mini", **_MINIMAL.get(url, {}), **body}
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": url, "body": payload})


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# --- every rule: a failing fixture (exact findings) and a passing one -------------------------

FAILING = [
    (
        "invalid_json.jsonl",
        [(2, "input-invalid-json"), (3, "input-invalid-json"), (4, "input-invalid-json")],
        {2: "Expecting ',' delimiter", 3: "an array, not a JSON object", 4: "NaN"},
    ),
    ("bom.jsonl", [(1, "input-invalid-json")], {1: "byte order mark"}),
    (
        "missing_field.jsonl",
        [(line, "input-missing-field") for line in range(1, 7)],
        {
            1: "no custom_id",
            2: "custom_id must be a string, not a number",
            3: "no method",
            4: "no url",
            5: "body must be an object, not a string",
            6: "no body",
        },
    ),
    (
        "duplicate_custom_id.jsonl",
        [(3, "input-duplicate-custom-id"), (5, "input-duplicate-custom-id")],
        {3: "'request-1' is already used on line 1", 5: "'request-2' is already used on line 2"},
    ),
    (
        "invalid_method.jsonl",
        [(2, "input-invalid-method"), (3, "input-invalid-method")],
        {2: "'GET'", 3: "'post'"},
    ),
    (
        "url_mismatch.jsonl",
        [(3, "input-url-mismatch"), (5, "input-invalid-url")],
        {3: "'/v1/embeddings' is not", 5: "'/v1/chat/completions/' is not a batch endpoint"},
    ),
    (
        "invalid_url.jsonl",
        [(line, "input-invalid-url") for line in (1, 2, 3)],
        {1: 'is not a batch endpoint; did you mean "/v1/chat/completions"?'},
    ),
    (
        "missing_model.jsonl",
        [(2, "input-missing-model"), (3, "input-missing-model")],
        {2: "body.model is missing", 3: "a number"},
    ),
    (
        "model_mismatch.jsonl",
        [(3, "input-model-mismatch")],
        {3: "'gpt-4o' differs from 'gpt-4o-mini', first used on line 1"},
    ),
    ("stream.jsonl", [(2, "input-stream-not-allowed")], {2: "stream is true"}),
    ("moderations_missing_input.jsonl", [(2, "input-missing-input")], {2: "needs input"}),
    (
        "blank_line.jsonl",
        [(2, "input-blank-line"), (4, "input-blank-line")],
        {2: "blank line between requests", 4: "blank line between requests"},
    ),
    ("trailing_blank_lines.jsonl", [(3, "input-blank-line")], {3: "2 blank lines after the last"}),
    ("not_utf8.jsonl", [(2, "input-not-utf8")], {2: "not valid UTF-8 (byte 0xe9)"}),
    ("empty.jsonl", [(1, "input-empty-file")], {1: "no requests (empty)"}),
    ("blank_only.jsonl", [(1, "input-empty-file")], {1: "only blank lines"}),
]


@pytest.mark.parametrize(("name", "expected", "fragments"), FAILING, ids=[f[0] for f in FAILING])
def test_failing_fixture(
    name: str, expected: list[tuple[int, str]], fragments: dict[int, str]
) -> None:
    report = check(FAIL / name)
    assert found(report) == expected
    for line, fragment in fragments.items():
        code = next(c for n, c in expected if n == line)
        assert fragment in message(report, line, code)


PASSING = [
    "chat.jsonl",
    "no_final_newline.jsonl",
    "stream_false.jsonl",
    "utf8.jsonl",
    "embeddings.jsonl",
    "moderations.jsonl",
]


@pytest.mark.parametrize("name", PASSING)
def test_passing_fixture(name: str) -> None:
    report = check(PASS / name)
    assert report.diagnostics == []
    assert report.summary.requests >= 2


# Which passing file shows the absence of each rule's problem; the limits are also checked
# at full size below, with generated files.
PAIRS = {
    "input-invalid-json": ("invalid_json.jsonl", "chat.jsonl"),
    "input-missing-field": ("missing_field.jsonl", "chat.jsonl"),
    "input-duplicate-custom-id": ("duplicate_custom_id.jsonl", "chat.jsonl"),
    "input-invalid-method": ("invalid_method.jsonl", "chat.jsonl"),
    "input-url-mismatch": ("url_mismatch.jsonl", "chat.jsonl"),
    "input-invalid-url": ("invalid_url.jsonl", "chat.jsonl"),
    "input-missing-model": ("missing_model.jsonl", "chat.jsonl"),
    "input-model-mismatch": ("model_mismatch.jsonl", "chat.jsonl"),
    "input-stream-not-allowed": ("stream.jsonl", "stream_false.jsonl"),
    "input-missing-input": ("moderations_missing_input.jsonl", "moderations.jsonl"),
    "input-blank-line": ("blank_line.jsonl", "no_final_newline.jsonl"),
    "input-not-utf8": ("not_utf8.jsonl", "utf8.jsonl"),
    "input-empty-file": ("empty.jsonl", "chat.jsonl"),
    # request bodies, against OpenAI's API description (tests/batch_input/test_bodies.py)
    "input-unknown-parameter": ("../bodies/fail/chat_completions.jsonl", "chat.jsonl"),
    "input-invalid-parameter": ("../bodies/fail/chat_completions.jsonl", "chat.jsonl"),
    "input-missing-parameter": ("../bodies/fail/chat_completions.jsonl", "chat.jsonl"),
}


@pytest.mark.parametrize("code", sorted(PAIRS))
def test_each_rule_has_a_failing_and_a_passing_fixture(code: str) -> None:
    failing, passing = PAIRS[code]
    assert code in {d.code for d in check(FAIL / failing).diagnostics}
    assert code not in {d.code for d in check(PASS / passing).diagnostics}


def test_every_input_code_is_covered() -> None:
    limits = {"input-too-many-requests", "input-too-large", "input-too-many-embedding-inputs"}
    checked_elsewhere = {"input-purpose-not-batch", "input-file-missing"}  # Terraform blocks
    input_codes = {code for code in CODES if code.startswith("input-")} - {"input-file-id-format"}
    assert input_codes - checked_elsewhere == set(PAIRS) | limits


# --- what every diagnostic carries -----------------------------------------------------------


def test_diagnostics_name_the_display_file_and_carry_no_address() -> None:
    report = check_input(str(FAIL / "missing_field.jsonl"), display="batch.jsonl")
    assert report.diagnostics
    for diagnostic in report.diagnostics:
        assert diagnostic.span.file == "batch.jsonl"
        assert diagnostic.span.column == 1
        assert diagnostic.address is None and diagnostic.attribute is None
        assert diagnostic.severity is severity_of(diagnostic.code)


def test_file_defaults_to_the_path_as_given() -> None:
    path = str(FAIL / "stream.jsonl")
    assert check_input(path).diagnostics[0].span.file == path


def test_columns_point_at_the_bad_byte_and_the_json_error() -> None:
    raw = (FAIL / "not_utf8.jsonl").read_bytes().splitlines()[1]
    prefix = raw[: raw.index(b"\xe9")].decode()
    assert check(FAIL / "not_utf8.jsonl").diagnostics[0].span.column == len(prefix) + 1
    broken = check(FAIL / "invalid_json.jsonl").diagnostics[0]
    assert broken.span.column == len('{"custom_id": "request-2", "method": "POST"') + 1


def test_bom_is_reported_and_the_request_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (request("a") + "\n" + request("a") + "\n").encode())
    assert found(check(path)) == [(1, "input-invalid-json"), (2, "input-duplicate-custom-id")]


def test_an_unreadable_file_is_one_finding(tmp_path: Path) -> None:
    report = check(tmp_path)  # a directory
    assert found(report) == [(1, "unreadable-file")]


# --- endpoint: given or inferred -------------------------------------------------------------


def test_inferred_endpoint_is_the_most_used_url_and_says_so() -> None:
    report = check(FAIL / "url_mismatch.jsonl")
    assert report.summary.endpoint == CHAT and report.summary.endpoint_inferred
    assert "inferred: the url of 3 of 5 requests" in message(report, 3, "input-url-mismatch")
    assert "(most used)" in input_line(report.summary)


def test_given_endpoint_wins_over_the_majority() -> None:
    report = check(FAIL / "url_mismatch.jsonl", EMBEDDINGS)
    mismatched = [line for line, code in found(report) if code == "input-url-mismatch"]
    assert mismatched == [1, 2, 4, 5]
    # Line 3's url is the batch's: its body is checked, and it is a chat body.
    assert [line for line, code in found(report) if code.endswith("-parameter")] == [3, 3]
    assert "the batch's endpoint '/v1/embeddings'" in message(report, 1, "input-url-mismatch")
    assert "inferred" not in message(report, 1, "input-url-mismatch")
    assert not report.summary.endpoint_inferred


def test_a_tie_infers_the_first_url_seen(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "tie.jsonl", [request("a", EMBEDDINGS), request("b", CHAT)])
    report = check(path)
    assert report.summary.endpoint == EMBEDDINGS
    assert found(report) == [(2, "input-url-mismatch")]


def test_moderation_input_is_required_by_the_given_endpoint(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "m.jsonl", [request("a", "/v1/moderations")])
    assert found(check(path)) == [(1, "input-missing-input")]
    assert found(check(path, "/v1/moderations")) == [(1, "input-missing-input")]


# --- summary ---------------------------------------------------------------------------------


def test_summary_of_an_embeddings_file() -> None:
    summary = check(PASS / "embeddings.jsonl").summary
    size = (PASS / "embeddings.jsonl").stat().st_size
    # A string counts 1, an array of strings its length, an array of tokens is one input.
    assert summary == InputSummary(3, "text-embedding-3-small", EMBEDDINGS, True, size, 5)


def test_summary_line() -> None:
    summary = InputSummary(2, "text-embedding-3-small", EMBEDDINGS, True, 1234, 3)
    assert input_line(summary) == (
        "2 requests, model text-embedding-3-small, endpoint /v1/embeddings (most used), "
        "1,234 bytes, 3 embedding inputs"
    )
    one = InputSummary(1, None, CHAT, False, 1, None)
    assert input_line(one) == "1 request, no model, endpoint /v1/chat/completions, 1 byte"


def test_embedding_inputs_are_only_counted_for_embeddings() -> None:
    assert check(PASS / "chat.jsonl").summary.embedding_inputs is None


# --- the listing cap -------------------------------------------------------------------------


def test_listing_stops_after_the_cap_but_the_count_is_right(tmp_path: Path) -> None:
    lines = [request("same") for _ in range(MAX_LISTED_PER_CODE + 8)]  # 27 duplicates
    report = check(write_lines(tmp_path / "dup.jsonl", lines))
    listed = [d for d in report.diagnostics if d.code == "input-duplicate-custom-id"]
    assert len(listed) == MAX_LISTED_PER_CODE + 1
    assert [d.span.line for d in listed[:-1]] == list(range(2, MAX_LISTED_PER_CODE + 2))
    assert listed[-1].span.line == MAX_LISTED_PER_CODE + 2  # the line of the 21st
    assert listed[-1].message.startswith("... and 7 more")


def test_url_listing_keeps_the_first_mismatches_across_urls(tmp_path: Path) -> None:
    # Two wrong urls interleaved: the listed ones must be the file's first, whatever the url.
    wrong = [EMBEDDINGS, "/v1/completions"]
    lines = [request(f"r{i}", wrong[i % 2] if i % 3 == 0 else CHAT) for i in range(300)]
    report = check(write_lines(tmp_path / "urls.jsonl", lines))
    expected = [i + 1 for i in range(300) if i % 3 == 0]
    listed = [d.span.line for d in report.diagnostics if d.code == "input-url-mismatch"]
    assert listed == expected[: MAX_LISTED_PER_CODE + 1]
    assert f"... and {len(expected) - MAX_LISTED_PER_CODE} more" in report.diagnostics[-1].message


def test_a_long_run_of_blank_lines_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "blanks.jsonl"
    path.write_text(request("a") + "\n" * 1001 + request("b") + "\n", encoding="utf-8")
    report = check(path)
    assert len(report.diagnostics) == MAX_LISTED_PER_CODE + 1
    assert "... and 980 more" in report.diagnostics[-1].message


# --- limits: small ones on fixtures, real ones on generated files ----------------------------


def test_limit_constants_and_defaults() -> None:
    assert MAX_BYTES == 200 * 1024 * 1024
    assert MAX_REQUESTS == MAX_EMBEDDING_INPUTS == 50_000
    assert MAX_LISTED_PER_CODE == 20
    defaults = inspect.signature(check_input).parameters
    assert defaults["max_bytes"].default == MAX_BYTES
    assert defaults["max_requests"].default == MAX_REQUESTS
    assert defaults["max_embedding_inputs"].default == MAX_EMBEDDING_INPUTS


def test_byte_limit_at_its_edge() -> None:
    path = PASS / "chat.jsonl"
    size = path.stat().st_size
    assert check(path, max_bytes=size).diagnostics == []
    report = check(path, max_bytes=size - 1)
    assert found(report) == [(3, "input-too-large")]  # the line where the file crosses it
    assert (
        f"{size:,} bytes, more than the limit of {size - 1:,} bytes"
        in report.diagnostics[0].message
    )


def test_byte_limit_is_reported_once_where_it_is_crossed() -> None:
    first_line = len((PASS / "chat.jsonl").read_bytes().splitlines(keepends=True)[0])
    report = check(PASS / "chat.jsonl", max_bytes=first_line + 1)
    assert found(report) == [(2, "input-too-large")]


def test_request_limit_on_a_small_file() -> None:
    assert check(PASS / "chat.jsonl", max_requests=3).diagnostics == []
    report = check(PASS / "chat.jsonl", max_requests=2)
    assert found(report) == [(3, "input-too-many-requests")]
    assert "3 requests, more than the limit of 2" in report.diagnostics[0].message


def test_embedding_limit_on_a_small_file() -> None:
    assert check(PASS / "embeddings.jsonl", max_embedding_inputs=5).diagnostics == []
    report = check(PASS / "embeddings.jsonl", max_embedding_inputs=4)
    assert found(report) == [(3, "input-too-many-embedding-inputs")]
    assert "5 embedding inputs, more than the limit of 4" in report.diagnostics[0].message


def small_requests(count: int) -> list[str]:
    # Compact on purpose: 50,001 of these are about 7 MB.
    return [
        f'{{"custom_id":"{i}","method":"POST","url":"/v1/chat/completions",'
        f'"body":{{"model":"m","messages":[{{"role":"user","content":"x"}}]}}}}'
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [MAX_REQUESTS, MAX_REQUESTS + 1])
def test_the_real_request_limit(tmp_path: Path, count: int) -> None:
    report = check(write_lines(tmp_path / "many.jsonl", small_requests(count)))
    assert report.summary.requests == count
    if count == MAX_REQUESTS:
        assert report.diagnostics == []
    else:
        assert found(report) == [(MAX_REQUESTS + 1, "input-too-many-requests")]
        assert "50,001 requests, more than the limit of 50,000" in report.diagnostics[0].message


def embedding_lines(total: int, per_line: int = 1000) -> list[str]:
    sizes = [per_line] * (total // per_line) + ([total % per_line] if total % per_line else [])
    return [request(f"e{i}", EMBEDDINGS, input=["x"] * size) for i, size in enumerate(sizes)]


@pytest.mark.parametrize("endpoint", [None, EMBEDDINGS])
@pytest.mark.parametrize("total", [MAX_EMBEDDING_INPUTS, MAX_EMBEDDING_INPUTS + 1])
def test_the_real_embedding_input_limit(tmp_path: Path, total: int, endpoint: str | None) -> None:
    path = write_lines(tmp_path / "embed.jsonl", embedding_lines(total))
    report = check(path, endpoint)
    assert report.summary.embedding_inputs == total
    if total == MAX_EMBEDDING_INPUTS:
        assert report.diagnostics == []
    else:
        assert found(report) == [(51, "input-too-many-embedding-inputs")]  # 50 full lines, then 1


# --- progress and memory ---------------------------------------------------------------------


def test_progress_is_reported_about_a_hundred_times(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", small_requests(5000))
    calls: list[tuple[int, int]] = []
    check_input(str(path), progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert 50 <= len(calls) <= 101
    assert calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    padding = "lorem ipsum " * 2500  # ~30 KB per line, 1,000 lines: ~30 MB
    lines = [request(f"r{i}", messages=[{"role": "user", "content": padding}]) for i in range(1000)]
    path = write_lines(tmp_path / "big.jsonl", lines)
    del lines
    tracemalloc.start()
    try:
        report = check(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.diagnostics == [] and report.summary.bytes > 30_000_000
    assert peak < 5 * 1024 * 1024, f"peak {peak:,} bytes"


def test_the_garbage_collector_is_restored() -> None:
    assert gc.isenabled()
    check(PASS / "chat.jsonl")
    assert gc.isenabled()
    gc.disable()
    try:
        check(PASS / "chat.jsonl")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_url_that_is_no_endpoint_is_never_inferred() -> None:
    """Was: every line `/v1/chat/completion` made that the endpoint, and the file passed."""
    report = check(FAIL / "invalid_url.jsonl")
    assert report.summary.endpoint is None and not report.summary.endpoint_inferred
    assert {code for _, code in found(report)} == {"input-invalid-url"}


def test_a_line_longer_than_the_file_may_be_is_never_held_whole(tmp_path: Path) -> None:
    """Was: a 2 GB file without a newline took 6.3 GB: a line past the byte limit is only
    counted, so memory stays bounded by the limit whatever the line lengths."""
    path = tmp_path / "long.jsonl"
    path.write_bytes(request("a").encode() + b"\n" + b"x" * 5000)
    report = check(path, CHAT, max_bytes=1000)
    assert found(report) == [(2, "input-too-large")]
    assert report.summary.bytes == path.stat().st_size
