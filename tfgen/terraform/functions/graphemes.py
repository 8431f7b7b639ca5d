"""User-perceived characters (grapheme clusters), which Terraform counts and slices by."""

from __future__ import annotations

import unicodedata


def _joins_previous(text: str, index: int, regional_run: int) -> bool:
    """Does text[index] continue the user-perceived character before it?"""
    char, previous = text[index], text[index - 1]
    if previous == "\u200d" or (previous == "\r" and char == "\n"):
        return True
    if regional_run > 0 and regional_run % 2 == 0:
        return True  # the second flag letter of a pair
    return (
        char == "\u200d"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or unicodedata.category(char) in ("Mn", "Mc", "Me")
    )


def graphemes(text: str) -> list[str]:
    """Terraform counts characters as grapheme clusters; this covers the common cases."""
    if text.isascii() and "\r\n" not in text:
        return list(text)
    starts, regional_run = [], 0
    for index, char in enumerate(text):
        regional_run = regional_run + 1 if "\U0001f1e6" <= char <= "\U0001f1ff" else 0
        if index == 0 or not _joins_previous(text, index, regional_run):
            starts.append(index)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
