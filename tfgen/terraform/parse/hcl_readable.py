"""Valid HCL rewritten so that python-hcl2's grammar reads it, at the same length.

python-hcl2 rejects some valid HCL: a newline or comment where HCL ignores them (inside
parentheses, brackets, function arguments, `${ }`), a block comment between `=` and its
value, `${~ x ~}` strip markers, `$${` with no `}` after it, a heredoc's closing marker
followed by spaces, `1.e5`, `- -1`. Once hcl_strict has accepted the file, each of these is
rewritten into something python-hcl2 reads with the same meaning.

Every rewrite keeps the text's length, so python-hcl2's offsets are offsets into the original,
which is where the model builder takes positions and literal text from: the characters
changed here (a `~`, the `{` of `$${`) never reach a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tfgen.terraform.parse import hcl_scan as lex
from tfgen.terraform.parse.hcl_scan import Token

# python-hcl2's heredoc markers; HCL allows any identifier (`<<_EOT`, `<<ÉOF`).
_PYTHON_HCL2_MARKER = re.compile(r"[a-zA-Z][a-zA-Z0-9._-]*\Z")
_BARE_EXPONENT = re.compile(r"([0-9]+)\.([eE][+-]?)([0-9]+)\Z")


def rewrite(text: str, tokens: list[Token], skipped: list[Token], cancelled: list[Token]) -> str:
    # Most files need no rewrite: edits are collected first, so that those cost no copy.
    edits: list[tuple[int, str]] = []

    def put(offset: int, replacement: str) -> None:
        edits.append((offset, replacement))

    # A heredoc's closing marker ends with its newline, in python-hcl2's grammar.
    after_heredocs = {t.start + len(t.text) for t in tokens if t.kind == lex.CHEREDOC}
    for token in skipped + cancelled:
        if token.start not in after_heredocs:
            put(token.start, " " * len(token.text))
    for token in tokens:
        if token.kind in (lex.INTERP, lex.CONTROL, lex.SEQ_END) and "~" in token.text:
            put(token.start + token.text.index("~"), " ")
        elif token.kind == lex.QUOTED_LIT and token.text[:3] in ("$${", "%%{"):
            put(token.start + 2, "_")  # no longer an escape python-hcl2 wants closed by `}`
        elif token.kind == lex.NUMBER and _BARE_EXPONENT.match(token.text):
            put(token.start, _BARE_EXPONENT.sub(r"\g<1>\g<2>0\g<3>", token.text))  # 1.e5: 1e05
    _rewrite_heredoc_markers(tokens, put)
    if not edits:
        return text
    chars = list(text)
    for offset, replacement in edits:  # in order: a later edit wins where two overlap
        chars[offset : offset + len(replacement)] = replacement
    return "".join(chars)


def _rewrite_heredoc_markers(tokens: list[Token], put: Callable[[int, str], None]) -> None:
    """Spaces after a closing marker go before it; a marker python-hcl2 cannot read is renamed."""
    openers: list[Token] = []
    for token in tokens:
        if token.kind == lex.OHEREDOC:
            openers.append(token)
        elif token.kind == lex.CHEREDOC:
            opener = openers.pop()
            marker = lex.trim_space(token.text)
            if not _PYTHON_HCL2_MARKER.match(marker):
                marker = "Z" * len(marker)
                name_at = opener.start + (3 if opener.text.startswith("<<-") else 2)
                put(name_at, marker)
            put(token.start, " " * (len(token.text) - len(marker)) + marker)
