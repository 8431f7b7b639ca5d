"""Where the grammar cache goes, and that the parser built with it parses."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from tfgen.terraform.parse.lark_parser import cache_file, parser


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
    monkeypatch.delenv("TFGEN_NO_CACHE")
    chosen = cache_file(packaged)
    assert chosen is not None and chosen.parent == tmp_path / "cache"
    assert chosen.name.startswith("lark-hcl2-") and chosen.suffix == ".bin"


def test_parser_parses_with_positions() -> None:
    tree = parser().parse('a = "b"\n')
    attribute = tree.children[0].children[0]
    assert attribute.data == "attribute" and attribute.meta.line == 1


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A read-only site-packages without python-hcl2's cache: the user's cache is chosen."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TFGEN_NO_CACHE")
    chosen = cache_file(tmp_path / "site-packages" / "hcl2" / ".lark_cache.bin")
    assert chosen is not None
    return chosen


def test_no_cache_means_no_grammar_cache_either(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
    assert cache_file(user_cache.parent.parent / "site-packages" / "hcl2" / "x.bin") is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: p.chmod(0o666),  # anyone may have written it
        lambda p: p.parent.chmod(0o777),  # anyone may replace it
        lambda p: os.chown(p, 12345, 12345),  # someone else wrote it
        lambda p: (p.unlink(), p.symlink_to("/etc/hostname")),  # not a plain file
    ],
    ids=["group-or-world-writable", "open-folder", "other-owner", "symlink"],
)
def test_a_cache_anyone_else_could_have_written_is_never_read(
    user_cache: Path, tamper: Callable[[Path], object]
) -> None:
    user_cache.write_bytes(b"x\n")
    if os.getuid() != 0 and "chown" in repr(tamper):
        pytest.skip("only root can give a file to another user")
    tamper(user_cache)
    packaged = user_cache.parent.parent / "site-packages" / "hcl2" / ".lark_cache.bin"
    assert cache_file(packaged) is None


def test_a_forged_cache_does_not_run_its_code(
    user_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lark unpickles a cache before checking it: a planted pickle would run as the user."""
    from hcl2 import parser as hcl2_parser

    marker = tmp_path / "pwned"
    forged = pickle.dumps(_Payload(str(marker)))
    user_cache.write_bytes(b"forged\n" + forged)
    user_cache.chmod(0o666)
    monkeypatch.setattr(hcl2_parser, "PARSER_FILE", str(tmp_path / "site-packages" / "x.bin"))
    parser.cache_clear()
    try:
        assert parser().parse('a = "b"\n').children
    finally:
        parser.cache_clear()
    assert not marker.exists()


class _Payload:
    """Unpickling this creates a file: proof that the pickle was loaded."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.path, "w"))
