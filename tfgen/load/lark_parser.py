"""python-hcl2's Lark parser, with its grammar cache somewhere writable.

python-hcl2 caches the compiled grammar beside itself in site-packages. Where that is
read-only (a system install, a locked CI image) and the cache was never written, every run
compiles the grammar again: about 1.3 s. tfgen then keeps the cache in the user's cache
directory instead.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any


@functools.cache
def parser() -> Any:
    from hcl2 import parser as hcl2_parser
    from hcl2.postlexer import PostLexer
    from lark import Lark

    packaged = Path(hcl2_parser.PARSER_FILE)
    return Lark.open(
        "hcl2.lark",
        parser="lalr",
        cache=str(cache_file(packaged)),
        rel_to=hcl2_parser.__file__,
        propagate_positions=True,
        postlex=PostLexer(),
    )


def cache_file(packaged: Path) -> Path:
    """python-hcl2's own cache when it exists or can be written; else one per user."""
    if packaged.exists() or os.access(packaged.parent, os.W_OK):
        return packaged
    from hcl2.version import version

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(os.environ.get("TFGEN_CACHE_DIR") or Path(base) / "tfgen")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return packaged  # nowhere to write: Lark compiles the grammar and carries on
    major, minor = sys.version_info[:2]
    return folder / f"lark-hcl2-{version}-py{major}{minor}.bin"
