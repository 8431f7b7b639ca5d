"""YAML read with positions: every key and item has its span, duplicates are found, merges
behave as PyYAML's own loader makes them, and libyaml and the pure-Python loader agree."""

from __future__ import annotations

import pytest
import yaml
from locations import FIXTURES

from tfgen.spec import yaml_source
from tfgen.spec.yaml_source import load_yaml
from tfgen.terraform.parse.source import ParseFailure

SPEC = FIXTURES / "spec"


def test_keys_and_items_have_their_positions() -> None:
    document = load_yaml("a:\n  b: 1\n  c: [x, y]\n", "s.yaml")
    assert document.data == {"a": {"b": 1, "c": ["x", "y"]}}
    b = document.span(("a", "b"))
    assert (b.line, b.column, b.end_line, b.end_column) == (2, 3, 2, 7)
    y = document.span(("a", "c", 1))
    assert (y.line, y.column) == (3, 10)
    # A path below a scalar falls back to the nearest known place.
    assert document.span(("a", "b", "deeper")) == b


def test_a_key_given_twice_is_recorded_once_per_repeat() -> None:
    document = load_yaml("a: 1\nb: 2\na: 3\n", "s.yaml")
    [(path, span)] = document.duplicates
    assert path == ("a",) and span.line == 3
    assert document.data == {"a": 3, "b": 2}


def test_an_explicit_key_may_override_a_merged_one() -> None:
    """Was: a false spec-duplicate-key; PyYAML's own loader accepts it, the explicit one wins."""
    text = (SPEC / "merge_override.yaml").read_text()
    document = load_yaml(text, "merge_override.yaml")
    assert document.duplicates == []
    assert document.data == yaml.safe_load(text)
    assert document.data["batches"]["embeddings"]["endpoint"] == "/v1/embeddings"


def test_an_integer_of_thousands_of_digits_is_a_number() -> None:
    """Was: Python's int-to-string limit made it an error; a float, as past 2**63."""
    document = load_yaml("n: " + "9" * 5000 + "\n", "s.yaml")
    assert document.data == {"n": float("inf")}


@pytest.mark.parametrize("name", sorted(p.name for p in SPEC.glob("*.yaml")))
def test_libyaml_and_the_python_loader_give_the_same_document(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (SPEC / name).read_text()
    try:
        fast = load_yaml(text, name)
    except ParseFailure as failure:
        fast_failure = (failure.message, failure.line, failure.column)
    else:
        fast_failure = None
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    try:
        slow = load_yaml(text, name)
    except ParseFailure as failure:
        assert fast_failure == (failure.message, failure.line, failure.column)
        return
    assert fast_failure is None
    assert (fast.data, fast.positions, fast.duplicates) == (
        slow.data,
        slow.positions,
        slow.duplicates,
    )


def test_errors_come_from_the_python_loader_with_its_position() -> None:
    with pytest.raises(ParseFailure) as caught:
        load_yaml("a: [1, 2\nb: 3\n", "s.yaml")
    assert caught.value.message.startswith("invalid YAML: ")
    assert (caught.value.line, caught.value.column) == (2, 2)
    assert yaml_source.MERGE_TAG == "tag:yaml.org,2002:merge"


def test_a_node_ending_the_file_without_a_line_break_ends_on_the_last_line() -> None:
    """Was: found by the spec fuzzer: PyYAML ends such a mapping at the start of a line past
    the end of the file, and the finding's span said so."""
    text = "version: 1\nbatches:\n  a:\n    endpoint:"
    document = load_yaml(text, "s.yaml")
    span = document.span(("batches", "a"))
    assert (span.line, span.end_line, span.end_column) == (3, 4, 14)
    with_break = load_yaml(text + "\n", "s.yaml").span(("batches", "a"))
    assert (with_break.end_line, with_break.end_column) == (5, 1)
    assert load_yaml("\ufeffa: [1, 2]", "s.yaml").span(("a",)).end_column == 10
