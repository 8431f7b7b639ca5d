"""Where the grammar cache goes, and that a cache someone else could have written is never
read."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from tfgen.terraform.parse.lark_parser import cache_file, compiled_lexer, parser


@pytest.fixture
def packaged(tmp_path: Path) -> Path:
    """Where python-hcl2 keeps its own cache, in a site-packages of this test's."""
    folder = tmp_path / "site-packages" / "hcl2"
    folder.mkdir(parents=True)
    return folder / ".lark_cache.bin"


@pytest.fixture
def user_cache(tmp_path: Path, packaged: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A read-only site-packages without tfgen's cache: the user's cache folder is chosen."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root can write anywhere
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    chosen = cache_file(packaged)
    assert chosen is not None
    return chosen


def test_the_grammar_cache_is_beside_python_hcl2_where_that_can_be_written(
    packaged: Path,
) -> None:
    """As python-hcl2 keeps its own: a fresh HOME (CI, pre-commit) then compiles nothing."""
    chosen = cache_file(packaged)
    assert chosen is not None and chosen.parent == packaged.parent
    assert chosen.name.startswith("lark-hcl2-") and chosen.name.endswith("-tokens.bin")


def test_a_read_only_site_packages_uses_the_user_cache_folder(
    tmp_path: Path, user_cache: Path
) -> None:
    assert user_cache.parent == tmp_path / "cache"
    assert user_cache.name.startswith("lark-hcl2-") and user_cache.suffix == ".bin"


def test_no_result_cache_keeps_the_grammar_cache(
    user_cache: Path, packaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TFGEN_NO_CACHE (set for every test) is about results; the grammar never changes one."""
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
    assert cache_file(packaged) == user_cache


def test_a_folder_that_cannot_be_made_means_no_cache(
    tmp_path: Path, packaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert cache_file(packaged) is None


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
    user_cache: Path, packaged: Path, tamper: Callable[[Path], object]
) -> None:
    user_cache.write_bytes(b"x\n")
    if os.getuid() != 0 and "chown" in repr(tamper):
        pytest.skip("only root can give a file to another user")
    tamper(user_cache)
    assert cache_file(packaged) is None


def test_a_forged_cache_does_not_run_its_code(
    user_cache: Path, packaged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lark unpickles a cache before checking it: a planted pickle would run as the user."""
    from hcl2 import parser as hcl2_parser

    monkeypatch.setattr(hcl2_parser, "PARSER_FILE", str(packaged))
    marker = tmp_path / "pwned"
    user_cache.write_bytes(b"forged\n" + pickle.dumps(_Payload(str(marker))))
    user_cache.chmod(0o666)
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


def test_tokens_carry_the_positions_trees_do_not() -> None:
    tree = parser().parse('a = "b"\n')
    attribute = tree.children[0].children[0]
    name = attribute.children[0].children[0]
    assert attribute.data == "attribute" and (name.value, name.start_pos, name.end_pos) == (
        "a",
        0,
        1,
    )


def test_the_pure_python_path_is_taken_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_PURE_PYTHON", "1")
    assert not compiled_lexer()
