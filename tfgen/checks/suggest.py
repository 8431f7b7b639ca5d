""" "Did you mean" suggestions."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to word, compared case-insensitively, if any is close."""
    import difflib  # here: asked only for a finding, and most runs have none

    options = [str(c) for c in candidates]
    folded = {c.casefold(): c for c in options}
    match = difflib.get_close_matches(str(word).casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(word: object, candidates: Iterable[object]) -> str:
    match = closest(str(word), [str(c) for c in candidates])
    return f'; did you mean "{match}"?' if match and match != word else ""
