"""lark-cython's contextual lexer with python-hcl2's post-lexer pass folded in.

python-hcl2 merges a newline (or comment) token into a binary operator that follows it, so
that its LALR grammar can tell a line continuation from the end of an attribute. lark-cython
takes no post-lexer, so this lexer does the same: it holds a newline until it has seen the
next token, and hands tokens over in python-hcl2's order, each lexed in the same parser state
as python-hcl2's generator would have lexed it.
"""

from __future__ import annotations

from typing import Any

import lark_cython
from hcl2.postlexer import OPERATOR_TYPES

_Base: Any = lark_cython.plugins["ContextualLexer"]
_Token: Any = lark_cython.Token
_NEWLINE = "NL_OR_COMMENT"
_END = object()  # the lexer reached the end after a held newline


class MergingLexer(_Base):  # type: ignore[misc]
    def make_lexer_state(self, text: str) -> Any:
        self._held: Any = None  # a token decided on, handed over next
        self._pending: Any = None  # a newline whose follower is not yet known
        return _Base.make_lexer_state(self, text)

    def next_token(self, lexer_state: Any, parser_state: Any) -> Any:
        held, self._held = self._held, None
        if held is _END:
            raise EOFError(self)
        if held is not None:
            return held
        token, self._pending = self._pending, None
        if token is None:
            token = _Base.next_token(self, lexer_state, parser_state)
            if token.type != _NEWLINE:
                return token
        try:
            following = _Base.next_token(self, lexer_state, parser_state)
        except EOFError:
            self._held = _END
            return token
        if following.type == _NEWLINE:
            self._pending = following
        elif following.type in OPERATOR_TYPES:
            return _merged(token, following)
        else:
            self._held = following
        return token


def _merged(newline: Any, operator: Any) -> Any:
    """The operator, its text preceded by the newline's, at the operator's position."""
    return _Token(
        operator.type,
        newline.value + operator.value,
        operator.start_pos,
        operator.line,
        operator.column,
        operator.end_line,
        operator.end_column,
        operator.end_pos,
    )


def plugins() -> dict[str, Any]:
    return {**lark_cython.plugins, "ContextualLexer": MergingLexer}
