""" "Did you mean" suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to word, compared case-insensitively, if any is close."""
    options = list(candidates)
    folded = {c.casefold(): c for c in options}
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = closest(word, candidates)
    return f'; did you mean "{match}"?' if match and match != word else ""
