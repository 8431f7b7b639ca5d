"""python-hcl2's Lark parser, with its grammar cache somewhere writable and safe to load.

python-hcl2 caches the compiled grammar beside itself in site-packages. Where that is
read-only (a system install, a locked CI image) and the cache was never written, every run
compiles the grammar again: about 1.3 s. tfgen then keeps the cache in the user's cache
directory instead.

Lark stores the cache with `pickle` and unpickles it before checking anything, so loading a
cache file someone else wrote runs their code. A cache file is used only when it and its
folder belong to the user (or, for python-hcl2's own, to root, like the code beside it) and
no one else can write them; otherwise the grammar is compiled and nothing is read.
TFGEN_NO_CACHE=1 turns the user's grammar cache off, as it does the result cache.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from pathlib import Path
from typing import Any


@functools.cache
def parser() -> Any:
    from hcl2 import parser as hcl2_parser
    from hcl2.postlexer import PostLexer
    from lark import Lark

    cache = cache_file(Path(hcl2_parser.PARSER_FILE))
    return Lark.open(
        "hcl2.lark",
        parser="lalr",
        cache=False if cache is None else str(cache),
        rel_to=hcl2_parser.__file__,
        propagate_positions=True,
        postlex=PostLexer(),
    )


def cache_file(packaged: Path) -> Path | None:
    """python-hcl2's own cache when it exists or can be written; else one per user; None
    where no cache is safe to read."""
    if packaged.exists() or os.access(packaged.parent, os.W_OK):
        return packaged if is_private(packaged, owners={os.getuid(), 0}) else None
    if os.environ.get("TFGEN_NO_CACHE"):
        return None
    from hcl2.version import version

    from tfgen.support.cache import user_cache_folder

    folder = user_cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None  # nowhere to write: Lark compiles the grammar and carries on
    major, minor = sys.version_info[:2]
    found = folder / f"lark-hcl2-{version}-py{major}{minor}.bin"
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
