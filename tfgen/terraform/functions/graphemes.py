"""User-perceived characters (grapheme clusters), which Terraform counts and slices by."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _cluster() -> Any:
    import regex  # imported when first needed: most strings are ASCII

    return regex.compile(r"\X")


def graphemes(text: str) -> list[str]:
    """Unicode's extended grapheme clusters, as Terraform's length, substr and strrev use."""
    if text.isascii() and "\r\n" not in text:
        return list(text)
    found: list[str] = _cluster().findall(text)
    return found
