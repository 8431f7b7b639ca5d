"""Check an OpenAI batch input file (JSONL) before it is uploaded.

The API accepts a bad file at upload and fails the batch hours later, so every rule the batch
service applies is checked here, line by line. The file is streamed in binary: memory grows
with the number of distinct `custom_id`s (each must be compared with every earlier one), never
with the size of the file or of a line beyond the line itself.

Choices the API documentation leaves open:
- Blank lines after the last request are reported too (one `input-blank-line` for the run):
  only a single newline may end the file. Being strict costs a trivial edit; being lenient could
  cost a batch that fails after upload.
- When no endpoint is given it is inferred as the url most requests use (on a tie, the first
  seen), so url findings are decided after the whole file is read.
- An embeddings `input` that is an array of integers is one tokenized input, not one per token.
- A request is a line that is not blank, whether or not it parses: the 50,000 limit counts
  the lines the service would try to read.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, NoReturn

from tfgen.batch_input.bodies import Bodies, body_positions
from tfgen.batch_input.body_errors import MISSING_PARAMETER, BodyFinding
from tfgen.checks.schemas import batch_endpoints, load_schema
from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic, InputSummary, Span
from tfgen.report.printable import plural
from tfgen.support.collector import collector_paused
from tfgen.support.files import open_binary
from tfgen.terraform.values import parse_number

MAX_BYTES = 200 * 1024 * 1024
MAX_REQUESTS = 50_000
MAX_EMBEDDING_INPUTS = 50_000
MAX_LISTED_PER_CODE = 20

EMBEDDINGS = "/v1/embeddings"
MODERATIONS = "/v1/moderations"

_MIB = 1024 * 1024
_PROGRESS_CALLS = 100
_NEVER = 1 << 62  # a byte count no file reaches: "no event pending"
_SKIP = object()  # an unparsable line, already reported


@dataclass
class InputReport:
    diagnostics: list[Diagnostic]
    summary: InputSummary


@dataclass(frozen=True)
class _Limits:
    max_bytes: int
    max_requests: int
    max_embedding_inputs: int


def check_input(
    path: str,
    endpoint: str | None = None,
    *,
    display: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_BYTES,
    max_requests: int = MAX_REQUESTS,
    max_embedding_inputs: int = MAX_EMBEDDING_INPUTS,
) -> InputReport:
    """Check the batch input file at `path` against `endpoint` (inferred when None).

    `display` names the file in diagnostics (default: `path`); `progress(done, total)` is called
    about a hundred times over the file. The limits are parameters so tests can use small ones.
    """
    limits = _Limits(max_bytes, max_requests, max_embedding_inputs)
    scan = _Scan(display if display is not None else path, endpoint, limits, progress)
    # Every parsed line allocates containers, so collections run all through the loop and find
    # nothing (each line's objects die with it); a full one also walks all the caller holds.
    try:
        with collector_paused(), open_binary(path) as file:
            scan.read(file)
    except OSError as exc:
        return scan.unreadable(exc)
    return scan.finish()


class _Findings:
    """The diagnostics of one file, listing at most MAX_LISTED_PER_CODE of each code."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.listed: list[Diagnostic] = []
        self.counts: dict[str, int] = {}
        self.first_unlisted: dict[str, int] = {}  # code -> line of its first unlisted finding

    def add(self, code: str, line: int, message: str, column: int = 1) -> None:
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= MAX_LISTED_PER_CODE:
            self.listed.append(self._diagnostic(code, line, column, message))
        elif count == MAX_LISTED_PER_CODE + 1:
            self.first_unlisted[code] = line

    def skip(self, code: str, count: int) -> None:
        """Count findings that come after the first unlisted one without building them."""
        if count > 0:
            self.counts[code] += count

    def result(self) -> list[Diagnostic]:
        more = [
            self._diagnostic(
                code,
                line,
                1,
                f"... and {self.counts[code] - MAX_LISTED_PER_CODE:,} more {code} findings "
                f"(only the first {MAX_LISTED_PER_CODE} are listed)",
            )
            for code, line in self.first_unlisted.items()
        ]
        return sorted(self.listed + more, key=Diagnostic.sort_key)

    def _diagnostic(self, code: str, line: int, column: int, message: str) -> Diagnostic:
        return diagnostic(Span.point(self.file, line, column), code, message)


class _HeldBodyFindings:
    """Body findings, held by url until the file's endpoint is known.

    A body is checked against the endpoint its url names; when that url is not the batch's
    endpoint (given, or inferred at the end), the url is the finding, and the body's findings
    against the wrong schema are dropped. Each url keeps the first MAX_LISTED_PER_CODE + 1
    findings of each code, so together they hold the file's first ones, and counts the rest.
    """

    def __init__(self) -> None:
        self.held: dict[str, list[tuple[int, int, str, str]]] = {}
        self.counts: dict[tuple[str, str], int] = {}

    def add(self, url: str, line: int, code: str, message: str, column: int) -> None:
        count = self.counts.get((url, code), 0) + 1
        self.counts[(url, code)] = count
        if count <= MAX_LISTED_PER_CODE + 1:
            self.held.setdefault(url, []).append((line, column, code, message))

    def release(self, findings: _Findings, endpoint: str | None) -> None:
        kept = [url for url in self.held if endpoint is None or url == endpoint]
        added: dict[str, int] = {}
        for line, column, code, message in heapq.merge(*(self.held[url] for url in kept)):
            findings.add(code, line, message, column)
            added[code] = added.get(code, 0) + 1
        for code, count in added.items():
            total = sum(self.counts.get((url, code), 0) for url in kept)
            findings.skip(code, total - count)


class _Scan:
    """The state of one pass over a file; `read` is the hot loop, the rest is rare paths."""

    def __init__(
        self,
        file: str,
        endpoint: str | None,
        limits: _Limits,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.endpoint = endpoint
        self.limits = limits
        self.progress = progress
        self.findings = _Findings(file)
        self.bodies = Bodies(load_schema("request-bodies"))
        self.held = _HeldBodyFindings()
        self.seen: dict[str, int] = {}  # custom_id -> line of its first use
        self.url_counts: dict[str, int] = {}
        self.url_lines: dict[str, list[int]] = {}  # url -> its first MAX_LISTED_PER_CODE+1 lines
        self.model: str | None = None
        self.model_line = 0
        self.embedding_inputs = 0
        self.embeddings_over_line = 0  # 0: the limit was not crossed
        self.too_many_line = 0
        self.too_large_line = 0
        self.size = self.lines = self.requests = self.trailing_blank = 0
        self.total = self.reported = 0
        self.step = self.next_progress = _NEVER

    def read(self, file: BinaryIO) -> None:
        self._start_progress(file)
        loads = _DECODER.decode
        request = self._request
        over = self.limits.max_requests + 1
        next_event = self._next_event()
        size = line = requests = blank_start = 0
        # No line is held longer than the file may be: one that is cannot be a request of a
        # file the API accepts, and the rest of it is only counted.
        longest = self.limits.max_bytes + 1
        readline = file.readline
        for raw in iter(lambda: readline(longest), b""):
            line += 1
            size += len(raw)
            if size >= next_event:  # one comparison covers the byte limit and progress
                next_event = self._milestone(size, line)
            if len(raw) == longest and raw[-1:] != b"\n":
                size += _count_rest(file)
                break
            if raw.isspace():
                blank_start = blank_start or line
                continue
            if blank_start:
                self._blank_lines(blank_start, line)
                blank_start = 0
            requests += 1
            if requests == over:
                self.too_many_line = line
            try:
                obj = loads(raw.decode())
            except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
                obj = self._unparsable(raw, line, exc)
            if type(obj) is dict:
                request(obj, line, raw)
            elif obj is not _SKIP:
                self._add("input-invalid-json", line, f"{_json_type(obj)}, not a JSON object")
        self.size, self.lines, self.requests = size, line, requests
        self.trailing_blank = blank_start
        if self.progress is not None and self.total and self.reported != size:
            self.progress(size, self.total)  # let a progress bar end at 100%

    def _request(self, obj: dict[str, Any], line: int, raw: bytes) -> None:
        custom_id = obj.get("custom_id")
        if type(custom_id) is str:
            first = self.seen.setdefault(custom_id, line)
            if first != line:
                message = f"custom_id {_short(custom_id)} is already used on line {first}"
                self._add("input-duplicate-custom-id", line, message)
        else:
            self._bad_field(obj, "custom_id", "a string", line)
        if obj.get("method") != "POST":
            self._bad_method(obj, line)
        url = obj.get("url")
        if type(url) is str:
            count = self.url_counts.get(url, 0) + 1
            self.url_counts[url] = count
            if count <= MAX_LISTED_PER_CODE + 1:
                self.url_lines.setdefault(url, []).append(line)
        else:
            self._bad_field(obj, "url", "a string", line)
            url = None
        body = obj.get("body")
        if type(body) is dict:
            self._body(body, self.endpoint or url, line)
            # Against the endpoint it was written for; a url that is not the batch's is a
            # finding of its own, and every parameter of such a body would be another.
            if url is not None:
                self._body_schema(body, url, line, raw)
        else:
            self._bad_field(obj, "body", "an object", line)

    def _body(self, body: dict[str, Any], endpoint: str | None, line: int) -> None:
        # `endpoint` is the given one, else this line's own url: the inferred endpoint is only
        # known at the end, and a line whose url differs from it is reported anyway.
        model = body.get("model")
        if model != self.model or model is None:
            self._check_model(model, line)
        if body.get("stream") is True:
            message = "body.stream is true; batch requests cannot stream (remove it)"
            self._add("input-stream-not-allowed", line, message)
        if endpoint == EMBEDDINGS:
            self._count_embeddings(body.get("input"), line)
        elif endpoint == MODERATIONS and "input" not in body:
            self._add("input-missing-input", line, "a /v1/moderations body needs input")

    def _body_schema(self, body: dict[str, Any], url: str, line: int, raw: bytes) -> None:
        found = [f for f in self.bodies.findings(url, body) if not _owned(f, url)]
        if found:
            where = body_positions(raw)
            for finding in found:
                column = where(finding.path, finding.on_key)
                self.held.add(url, line, finding.code, finding.message, column)

    def _check_model(self, model: object, line: int) -> None:
        if type(model) is not str or not model:
            what = "missing" if model is None else f"{_json_type(model)}, not a model name"
            self._add("input-missing-model", line, f"body.model is {what}")
        elif self.model is None:
            self.model, self.model_line = model, line
        else:
            message = (
                f"body.model {_short(model)} differs from {_short(self.model)}, first used on "
                f"line {self.model_line}; a batch file uses one model"
            )
            self._add("input-model-mismatch", line, message)

    def _count_embeddings(self, value: object, line: int) -> None:
        if type(value) is str:
            count = 1
        elif type(value) is list:
            # An array of integers is one input given as tokens; any other array is a list.
            count = 1 if value and type(value[0]) is int else len(value)
        else:
            count = 0
        self.embedding_inputs += count
        limit = self.limits.max_embedding_inputs
        if self.embedding_inputs > limit and not self.embeddings_over_line:
            self.embeddings_over_line = line

    def _bad_field(self, obj: dict[str, Any], name: str, expected: str, line: int) -> None:
        if name not in obj:
            message = f"the request has no {name}"
        else:
            message = f"{name} must be {expected}, not {_json_type(obj[name])}"
        self._add("input-missing-field", line, message)

    def _bad_method(self, obj: dict[str, Any], line: int) -> None:
        method = obj.get("method")
        if type(method) is not str:
            self._bad_field(obj, "method", "a string", line)
        else:
            message = f"method is {_short(method)}; batch requests must use 'POST'"
            self._add("input-invalid-method", line, message)

    def _unparsable(self, raw: bytes, line: int, exc: ValueError | RecursionError) -> object:
        """Report a line that does not decode or parse; a BOM-prefixed object is still checked."""
        if isinstance(exc, UnicodeDecodeError):
            column = len(raw[: exc.start].decode()) + 1
            message = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
            self._add("input-not-utf8", line, message, column)
            return _SKIP
        text = raw.decode()
        if not isinstance(exc, (json.JSONDecodeError, RecursionError)):
            try:
                return _WIDE_DECODER.decode(text)
            except (ValueError, RecursionError) as inner:
                exc = inner
        offset = 0
        if text.startswith("\ufeff"):
            message = "the line starts with a byte order mark (BOM); save the file without it"
            self._add("input-invalid-json", line, message)
            offset = 1
            try:
                return _WIDE_DECODER.decode(text[1:])
            except (ValueError, RecursionError) as inner:
                exc = inner
        column = 1
        if isinstance(exc, json.JSONDecodeError):
            # pos, not colno: the line's own newline would put an error at its end on "line 2".
            end = len(text.rstrip("\r\n"))
            reason, column = exc.msg, min(exc.pos + offset, end) + 1
        elif isinstance(exc, RecursionError):
            reason = "nested too deeply"
        else:
            reason = str(exc)  # NaN or Infinity, from _reject_constant
        self._add("input-invalid-json", line, f"not valid JSON: {reason}", column)
        return _SKIP

    def _blank_lines(self, start: int, end: int) -> None:
        """Lines start..end-1 are blank, and a request follows them."""
        code = "input-blank-line"
        message = "blank line between requests; every line must be one request"
        listed = min(end, start + MAX_LISTED_PER_CODE + 1)
        for line in range(start, listed):
            self._add(code, line, message)
        self.findings.skip(code, end - listed)

    def _start_progress(self, file: BinaryIO) -> None:
        if self.progress is None:
            return
        try:
            self.total = os.fstat(file.fileno()).st_size
        except (OSError, ValueError):
            self.total = 0
        if self.total:  # a pipe has no size to show progress against
            self.step = -(-self.total // _PROGRESS_CALLS)
            self.next_progress = self.step

    def _next_event(self) -> int:
        byte_limit = _NEVER if self.too_large_line else self.limits.max_bytes + 1
        return min(byte_limit, self.next_progress)

    def _milestone(self, size: int, line: int) -> int:
        if size > self.limits.max_bytes and not self.too_large_line:
            self.too_large_line = line
        if self.progress is not None and size >= self.next_progress:
            self.progress(size, self.total)
            self.reported, self.next_progress = size, size + self.step
        return self._next_event()

    def _add(self, code: str, line: int, message: str, column: int = 1) -> None:
        self.findings.add(code, line, message, column)

    def unreadable(self, exc: OSError) -> InputReport:
        self._add("unreadable-file", 1, f"cannot read the file: {exc.strerror or exc}")
        return InputReport(self.findings.result(), self._summary(self.endpoint, False))

    def finish(self) -> InputReport:
        """The findings that need the whole file: urls, limits, emptiness, trailing blanks."""
        endpoint, inferred = self._endpoint()
        self._url_findings(endpoint, inferred)
        self.held.release(self.findings, endpoint)
        self._limit_findings(endpoint)
        if not self.requests:
            what = "empty" if not self.size else "only blank lines"
            self._add("input-empty-file", 1, f"the file has no requests ({what})")
        elif self.trailing_blank:
            count = self.lines - self.trailing_blank + 1
            message = (
                f"{plural(count, 'blank line')} after the last request; only a single newline "
                f"may end the file"
            )
            self._add("input-blank-line", self.trailing_blank, message)
        return InputReport(self.findings.result(), self._summary(endpoint, inferred))

    def _endpoint(self) -> tuple[str | None, bool]:
        if self.endpoint is not None:
            return self.endpoint, False
        # Only a batch endpoint can be the batch's: a url that is none is never inferred.
        valid = [url for url in self.url_counts if url in batch_endpoints()]
        if not valid:
            return None, False
        # max() keeps the first of equals, and dicts keep insertion order: the first seen wins.
        return max(valid, key=self.url_counts.__getitem__), True

    def _url_findings(self, endpoint: str | None, inferred: bool) -> None:
        if self.endpoint is None:
            invalid = [url for url in self.url_counts if url not in batch_endpoints()]
            self._list_urls("input-invalid-url", invalid, _not_an_endpoint)
        wrong = [url for url in self.url_counts if url != endpoint]
        if endpoint is None or not wrong:
            return
        if inferred:
            wrong = [url for url in wrong if url in batch_endpoints()]
            used = self.url_counts[endpoint]
            total = sum(self.url_counts.values())
            share = f"inferred: the url of {used:,} of {total:,} requests"
            target = f"the endpoint {_short(endpoint)} ({share})"
        else:
            target = f"the batch's endpoint {_short(endpoint)}"
        self._list_urls(
            "input-url-mismatch", wrong, lambda url: f"url {_short(url)} is not {target}"
        )

    def _list_urls(self, code: str, urls: list[str], message: Callable[[str], str]) -> None:
        """The first lines of these urls, in file order, and a count of the rest."""
        # Each url keeps its first lines, so together they hold the file's first such lines.
        pairs = ((line, url) for url in urls for line in self.url_lines[url])
        first = heapq.nsmallest(MAX_LISTED_PER_CODE + 1, pairs)
        for line, url in first:
            self._add(code, line, message(url))
        self.findings.skip(code, sum(self.url_counts[url] for url in urls) - len(first))

    def _limit_findings(self, endpoint: str | None) -> None:
        limits = self.limits
        if self.too_many_line:
            message = (
                f"{self.requests:,} requests, more than the limit of {limits.max_requests:,}; "
                f"this line is request {limits.max_requests + 1:,}"
            )
            self._add("input-too-many-requests", self.too_many_line, message)
        if self.too_large_line:
            message = (
                f"the file is {self.size:,} bytes, more than the limit of "
                f"{_size(limits.max_bytes)}; it crosses the limit on this line"
            )
            self._add("input-too-large", self.too_large_line, message)
        if endpoint == EMBEDDINGS and self.embeddings_over_line:
            message = (
                f"{self.embedding_inputs:,} embedding inputs, more than the limit of "
                f"{limits.max_embedding_inputs:,}; this line crosses the limit"
            )
            self._add("input-too-many-embedding-inputs", self.embeddings_over_line, message)

    def _summary(self, endpoint: str | None, inferred: bool) -> InputSummary:
        inputs = self.embedding_inputs if endpoint == EMBEDDINGS else None
        return InputSummary(self.requests, self.model, endpoint, inferred, self.size, inputs)


def _owned(finding: BodyFinding, endpoint: str) -> bool:
    """Findings another rule of this file already gives, in its own words."""
    if finding.about[:1] == ("model",):
        return True  # input-missing-model
    # input-missing-input
    return (
        endpoint == MODERATIONS
        and finding.code == MISSING_PARAMETER
        and finding.about == ("input",)
    )


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON value")


# json.loads accepts NaN and Infinity; the API's parser, like JSON itself, does not.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
# For the rare line with an integer of more digits than Python converts (valid JSON): slower,
# so only tried on a line the fast decoder refused.
_WIDE_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_int=parse_number)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _short(text: str, limit: int = 60) -> str:
    """Quote a value from the file for a message, cut so a huge value cannot flood the output."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _size(count: int) -> str:
    exact = f"{count:,} bytes"
    return f"{count // _MIB} MB ({exact})" if count % _MIB == 0 else exact


def _count_rest(file: BinaryIO) -> int:
    """The bytes left in file, read a chunk at a time and dropped."""
    total = 0
    while chunk := file.read(1024 * 1024):
        total += len(chunk)
    return total


def _not_an_endpoint(url: str) -> str:
    from tfgen.checks.suggest import did_you_mean

    return f"url {_short(url)} is not a batch endpoint{did_you_mean(url, batch_endpoints())}"
