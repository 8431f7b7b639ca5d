"""Where the grammar cache goes, and that the parser built with it parses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfgen.load.lark_parser import cache_file, parser


def test_packaged_cache_is_used_when_present(tmp_path: Path) -> None:
    packaged = tmp_path / ".lark_cache.bin"
    packaged.write_bytes(b"")
    assert cache_file(packaged) == packaged


def test_read_only_site_packages_uses_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / "site-packages" / "hcl2" / ".lark_cache.bin"
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root can write anywhere
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    chosen = cache_file(packaged)
    assert chosen.parent == tmp_path / "cache"
    assert chosen.name.startswith("lark-hcl2-") and chosen.suffix == ".bin"


def test_parser_parses_with_positions() -> None:
    tree = parser().parse('a = "b"\n')
    attribute = tree.children[0].children[0]
    assert attribute.data == "attribute" and attribute.meta.line == 1
