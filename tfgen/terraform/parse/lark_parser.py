"""python-hcl2's grammar as a Lark parser, built for speed, with its cache somewhere safe.

Two choices make the parse about twice as fast as python-hcl2's own `parses_to_tree`:
- no `propagate_positions`: every token carries its offsets, so the model builder takes a
  node's span from its first and last token (hcl.py) instead of Lark copying them up the
  tree for every rule it reduces;
- the `lark-cython` plugin when it is installed (the `fast` extra): the same LALR tables and
  trees, with the lexer and parser loop compiled. It has no post-lexer, so python-hcl2's
  (newlines merged into a following binary operator) is done by its lexer (cython_lexer.py).
  TFGEN_PURE_PYTHON=1 takes the pure-Python path, which tests keep identical.

The compiled grammar is cached by Lark with `pickle`, which runs code when it is loaded, so
a cache file is used only when it and its folder belong to the user (or, beside python-hcl2,
to root, like the code there) and no one else can write them; otherwise the grammar is
compiled (about 1.5 s) and nothing is read. The cache holds the grammar, never a result, so
TFGEN_NO_CACHE (the result cache) leaves it alone.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from pathlib import Path
from typing import Any

from tfgen.support.accelerators import accelerator


def compiled_lexer() -> bool:
    """Whether parses go through lark-cython."""
    return accelerator("lark_cython") is not None


@functools.cache
def parser(compiled: bool | None = None) -> Any:
    from hcl2 import parser as hcl2_parser
    from lark import Lark

    if compiled is None:
        compiled = compiled_lexer()
    options: dict[str, Any] = {}
    if compiled:
        from tfgen.terraform.parse.cython_lexer import plugins

        options["_plugins"] = plugins()
    else:
        from hcl2.postlexer import PostLexer

        options["postlex"] = PostLexer()
    cache = cache_file()
    return Lark.open(
        "hcl2.lark",
        parser="lalr",
        # Lark's cache key leaves out the post-lexer and plugins: one file serves both paths.
        cache=False if cache is None else str(cache),
        rel_to=hcl2_parser.__file__,
        propagate_positions=False,
        **options,
    )


def cache_file(packaged: Path | None = None) -> Path | None:
    """Where the compiled grammar is kept: beside python-hcl2's own cache when that folder
    can be written or already holds ours (as python-hcl2 keeps its own: a fresh HOME, a CI
    container, a pre-commit environment then pays no compile), else in the user's cache
    folder; None where no cache is safe to read."""
    from hcl2 import parser as hcl2_parser
    from hcl2.version import version

    major, minor = sys.version_info[:2]
    name = f"lark-hcl2-{version}-py{major}{minor}-tokens.bin"
    beside = (packaged or Path(hcl2_parser.PARSER_FILE)).with_name(name)
    if beside.exists() or os.access(beside.parent, os.W_OK):
        return beside if is_private(beside, owners={os.getuid(), 0}) else None
    from tfgen.support.cache import user_cache_folder

    folder = user_cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None  # nowhere to write: Lark compiles the grammar and carries on
    found = folder / name
    return found if is_private(found, owners={os.getuid()}) else None


def is_private(path: Path, owners: set[int]) -> bool:
    """path (if it exists) and its folder belong to one of owners and only they can write."""
    for entry in (path, path.parent):
        try:
            info = entry.lstat()
        except FileNotFoundError:
            if entry == path:
                continue  # Lark will create it, with the user as owner
            return False
        except OSError:
            return False
        if entry == path and not stat.S_ISREG(info.st_mode):
            return False
        if info.st_uid not in owners or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True
