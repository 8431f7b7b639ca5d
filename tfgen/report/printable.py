"""Untrusted text made safe to print: it stays on its line and cannot steer a terminal.

File names, block labels and JSONL fields are written by whoever wrote the files, and reports
are read by terminals and by CI runners that execute some lines as commands (GitHub's
`::error ...`). Every string a report shows goes through `printable`.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CR, LF...), DEL, the Unicode line and paragraph separators, and
# lone surrogates (a file name that is not UTF-8, a `\ud800` escape), which cannot be encoded.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char, f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """text with every unprintable character written as an escape (`\\n`, `\\u001b`)."""
    return _UNPRINTABLE.sub(_escape, text)


def plural(count: int, noun: str) -> str:
    """`1 file`, `2 files`, `50,000 requests`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
