"""A spec document into the rendering's data: defaults merged, durations in seconds,
expressions kept apart from literal strings, and where each value came from."""

from __future__ import annotations

from tfgen.spec.build import build, duration_seconds, expression_or_value
from tfgen.spec.templating import Expression
from tfgen.spec.yaml_source import load_yaml

SPEC = """version: 1
defaults:
  completion_window: 24h
  endpoint: /v1/chat/completions
  metadata: {team: ml}
  output_expires_after: 2h
batches:
  nightly:
    input_file_id: file-1
    metadata: {job: nightly}
  from_var:
    input_file_id: {expr: var.file_id}
    endpoint: /v1/embeddings
"""


def rendering() -> dict[str, dict[str, object]]:
    built = build(load_yaml(SPEC, "s.yaml"), "s.yaml", "s.tf.json", "note")
    return {b["name"]: b for b in built.batches}


def test_durations_in_seconds() -> None:
    assert [duration_seconds(v) for v in ("30s", "90m", "12h", "7d", 7200)] == [
        30,
        5400,
        43200,
        604800,
        7200,
    ]
    assert duration_seconds("2 weeks") == "2 weeks"  # left for the schema to refuse


def test_expressions_are_marked_and_literals_are_not() -> None:
    assert expression_or_value({"expr": "var.x"}) == Expression("var.x")
    assert expression_or_value({"a": {"expr": "1"}, "b": "${x}"}) == {
        "a": Expression("1"),
        "b": "${x}",
    }


def test_defaults_apply_and_metadata_merges_key_by_key() -> None:
    batches = rendering()
    nightly = batches["nightly"]["arguments"]
    assert isinstance(nightly, dict)
    assert nightly["metadata"] == {"team": "ml", "job": "nightly"}
    assert nightly["output_expires_after"] == {"anchor": "created_at", "seconds": 7200}
    from_var = batches["from_var"]["arguments"]
    assert isinstance(from_var, dict)
    assert from_var["endpoint"] == "/v1/embeddings"
    assert from_var["input_file_id"] == Expression("var.file_id")


def test_each_value_remembers_its_spec_line() -> None:
    built = build(load_yaml(SPEC, "s.yaml"), "s.yaml", "s.tf.json", "note")
    where = built.provenance[("resource", "openai_batch", "nightly", "metadata", "job")]
    assert (where.file, where.line) == ("s.yaml", 10)
    team = built.provenance[("resource", "openai_batch", "nightly", "metadata", "team")]
    assert team.line == 5  # from the defaults
