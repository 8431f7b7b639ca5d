"""`--format sarif`: a SARIF 2.1.0 log with one rule per code, for code scanning uploads.

The output is deterministic (no timestamps, no absolute working directory, results in the
Report's sorted order, rules in code order) so that the same findings give the same bytes.

Findings that come from no file (`<command line>`, a `TF_VAR_name` environment variable) still
get a result: GitHub rejects a whole upload when a result has no physical location, so they get
one whose `uri` is the encoded pseudo-name, with a `description` saying it is not a file and no
`region` (their 1:1 position is a placeholder). A finding whose line is unknown (below 1) keeps
its file but has no region either.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from tfgen import __version__
from tfgen.codes import CODES, Code
from tfgen.diagnostics import Diagnostic, Report, Severity, Span
from tfgen.report.paths import posix_path
from tfgen.report.registry import Options, reporter

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/tfgen/tfgen"
HELP_URI = f"{INFORMATION_URI}/blob/main/README.md#rule-codes"
SRCROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DRIVE = re.compile(r"[A-Za-z]:/")

JSON = dict[str, Any]


def level(severity: Severity) -> str:
    return _LEVELS[severity]


def camel_case(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("-"))


def rule(code: Code) -> JSON:
    return {
        "id": code.name,
        "name": camel_case(code.name),
        "shortDescription": {"text": code.summary},
        # codes.py has one sentence per code; the README table holds the longer story.
        "fullDescription": {"text": code.summary},
        "help": {"text": f"{code.summary} See README.md#rule-codes."},
        "helpUri": HELP_URI,
        "defaultConfiguration": {"level": level(code.severity)},
    }


def artifact_location(span: Span) -> JSON:
    file = span.file
    if not span.in_file:
        return {
            "uri": quote(file, safe=""),
            "description": {"text": f"Not a file: the finding comes from {file}."},
        }
    path = posix_path(file)
    if path.startswith("/") or _DRIVE.match(path):
        # A colon is fine after "file://" (C:/...), but in a relative reference it would
        # read as a scheme, so only absolute paths keep theirs.
        return {"uri": "file://" + ("" if path.startswith("/") else "/") + quote(path, "/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def region(span: Span) -> JSON | None:
    if span.line < 1 or not span.in_file:
        return None
    found: JSON = {"startLine": span.line}
    if span.column < 1:
        return found
    found["startColumn"] = span.column
    # SARIF's endColumn is exclusive like Span's; a backwards end would fail validation.
    if span.end_column >= 1 and (span.end_line, span.end_column) >= (span.line, span.column):
        found["endLine"] = span.end_line
        found["endColumn"] = span.end_column
    return found


def physical_location(span: Span) -> JSON:
    found: JSON = {"artifactLocation": artifact_location(span)}
    where = region(span)
    if where is not None:
        found["region"] = where
    return found


def message(diagnostic: Diagnostic) -> str:
    """Prefixed with the address, as in the text format: a result alone must say which block."""
    if diagnostic.address:
        return f"{diagnostic.address}: {diagnostic.message}"
    return diagnostic.message


def result(diagnostic: Diagnostic, rule_indexes: dict[str, int]) -> JSON:
    found: JSON = {"ruleId": diagnostic.code}
    if diagnostic.code in rule_indexes:
        found["ruleIndex"] = rule_indexes[diagnostic.code]
    found["level"] = level(diagnostic.severity)
    found["message"] = {"text": message(diagnostic)}
    found["locations"] = [{"physicalLocation": physical_location(diagnostic.span)}]
    properties = {
        key: value
        for key, value in (("address", diagnostic.address), ("attribute", diagnostic.attribute))
        if value is not None
    }
    if properties:
        found["properties"] = properties
    return found


def document(report: Report) -> JSON:
    codes = sorted(CODES)  # sorted, so a rule's index does not move when codes.py is reordered
    rule_indexes = {code: index for index, code in enumerate(codes)}
    driver = {
        "name": "tfgen",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule(CODES[code]) for code in codes],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {
            SRCROOT: {
                "description": {"text": "The directory tfgen ran in; relative paths start there."}
            }
        },
        "results": [result(d, rule_indexes) for d in report.sorted()],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


@reporter("sarif")
def format_sarif(report: Report, options: Options) -> str:
    return json.dumps(document(report), indent=2) + "\n"
