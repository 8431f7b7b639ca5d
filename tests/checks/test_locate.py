"""A finding inside a nested value points at the key or item the source spells out."""

from __future__ import annotations

from tfgen.checks.locate import locate
from tfgen.terraform.parse.hcl import parse_hcl

TEXT = 'metadata = {\n  team = "ml"\n  list = [1, 2]\n}\nother = var.x\n'


def test_the_deepest_literal_key_or_item_is_found() -> None:
    metadata, _ = parse_hcl(TEXT, "main.tf").body.attributes
    team = locate(metadata, ["team"])
    assert (team.line, team.column) == (2, 3)
    item = locate(metadata, ["list", 1])
    assert (item.line, item.column) == (3, 14)


def test_a_path_the_source_does_not_spell_stops_at_what_it_does() -> None:
    metadata, other = parse_hcl(TEXT, "main.tf").body.attributes
    assert locate(metadata, ["missing"]) == metadata.span
    assert locate(other, ["team"]) == other.span  # var.x: the value came from elsewhere
