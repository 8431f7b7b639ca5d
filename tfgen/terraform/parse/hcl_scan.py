"""HashiCorp's HCL lexer in Python: the token stream Terraform's parser reads.

This follows hclsyntax's scanner (scan_tokens.rl in hashicorp/hcl) rule by rule, because
python-hcl2's Lark grammar tokenizes differently: it lets a quoted string run over a
newline, treats a block comment as a line break and knows nothing of heredoc closing rules.
The strict checker (hcl_strict) parses this stream the way Terraform does.

Columns count code points (as the rest of tfgen does); HCL counts grapheme clusters, which
differs only after combining characters on the same line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import NamedTuple

from tfgen.support.limits import MAX_NESTING
from tfgen.terraform.parse.source import ParseFailure

IDENT = "identifier"
NUMBER = "number"
NEWLINE = "newline"
COMMENT = "comment"
OQUOTE = "opening quote"
CQUOTE = "closing quote"
QUOTED_LIT = "string"
STRING_LIT = "heredoc text"
QUOTED_NEWLINE = "newline in string"
INTERP = "${"
CONTROL = "%{"
SEQ_END = "end of template sequence"
OHEREDOC = "heredoc"
CHEREDOC = "heredoc marker"
INVALID = "invalid character"
EOF = "end of file"

# Every other token's kind is its own text: `{`, `==`, `...`, `;` and so on.
_OPERATOR = re.compile(r"\.\.\.|==|!=|>=|<=|&&|\|\||::|=>|~\}")  # HCL's, tried in this order
_OPERATOR_STARTS = frozenset(".=!><&|:~")
_SELF_TOKENS = frozenset("[]().,*/%+-=<>!?:&|~^;`'")

_NESTING = {"(": 1, "[": 1, "{": 1, INTERP: 1, CONTROL: 1, ")": -1, "]": -1, "}": -1, SEQ_END: -1}
_NUMBER = re.compile(r"[0-9](?:[0-9.]|[eE][+-]?[0-9])*")
_IDENT_TAIL = re.compile(r"[A-Za-z0-9_-]*")
_ASCII_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_SPACES = re.compile(r"[ \t]*")
_QUOTED_RUN = re.compile(r'(?:[^\\$%"\r\n]+|\\[^\r\n])*')
_HEREDOC_RUN = re.compile(r"[^$%\r\n]*")
_MAIN, _STRING = "main", "string"


@dataclass
class _Heredoc:
    marker: str | None  # None: a standalone template, which has no closing marker
    start_of_line: bool = True


class LineIndex:
    """Offsets to (line, column), both 1-based; columns count code points."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) of two offsets, in one call: the model builder
        asks this for every node."""
        starts = self.starts
        line, end_line = bisect.bisect_right(starts, start), bisect.bisect_right(starts, end)
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1


class Token(NamedTuple):  # a tuple: the scanner makes one per token, and a tuple is cheapest
    kind: str
    text: str
    start: int  # offset into the text
    lines: LineIndex  # the text's: line and column are worked out only for a message

    @property
    def line(self) -> int:
        return self.lines.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.lines.position(self.start)[1]


_new_token = tuple.__new__


def ident_end(text: str, index: int) -> int:
    """End of the identifier starting at index (index itself when there is none).

    HCL identifiers are Unicode ID_Start or `_`, then ID_Continue or `-`. Python's identifiers
    use XID_Start and XID_Continue, which leave out a handful of rare characters of those.
    """
    if index >= len(text) or not (text[index] == "_" or text[index].isidentifier()):
        return index
    end = index + 1
    while True:
        end = _match_end(_IDENT_TAIL, text, end)
        if end < len(text) and ord(text[end]) > 127 and ("a" + text[end]).isidentifier():
            end += 1
        else:
            return end


def _match_end(pattern: re.Pattern[str], text: str, index: int) -> int:
    match = pattern.match(text, index)
    return index if match is None else match.end()


def is_space(char: str) -> bool:
    """Go's unicode.IsSpace, which HCL uses to trim heredoc markers and strip templates."""
    return char.isspace() and char not in "\x1c\x1d\x1e\x1f"


def trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return text[start:end]


# Parsing costs about 20 us a token (python-hcl2's Lark parse, then the model): a file of more
# tokens than this is refused, so that no file under the size limit takes more than seconds.
# About 4.5 MB of ordinary HCL, 6,000 openai_batch blocks.
MAX_TOKENS = 600_000
# python-hcl2's tree of a top-level block or argument is held whole while its part of the model
# is built (about 400 bytes a token), so memory grows with the largest one: bounded here.
MAX_ITEM_TOKENS = 150_000
# A .tf.json file's templates are parsed one string at a time, about 300 us each: the tokens of
# all of them keep a smaller budget.
MAX_TEMPLATE_TOKENS = 150_000
_BUDGET: ContextVar[list[int] | None] = ContextVar("tfgen_token_budget", default=None)


@contextmanager
def token_budget(limit: int = MAX_TOKENS) -> Iterator[None]:
    """One budget for every scan of one file until the block ends."""
    reset = _BUDGET.set([limit, limit])  # what is left, and the whole
    try:
        yield
    finally:
        _BUDGET.reset(reset)


def scan(text: str) -> list[Token]:
    """The whole token stream of a configuration file, ending with an EOF token."""
    return _Scanner(text).run()


def scan_template(text: str) -> list[Token]:
    """A standalone template (a JSON string, a heredoc's body): literals and sequences."""
    scanner = _Scanner(text)
    scanner.modes = [_Heredoc(None, start_of_line=False)]
    return scanner.run()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.budget = _BUDGET.get() or [MAX_TOKENS, MAX_TOKENS]
        self.depth = 0
        self.tokens: list[Token] = []
        self.modes: list[str | _Heredoc] = [_MAIN]
        self.braces = 0
        self.return_braces: list[int] = []  # brace depths at which a `}` ends a template sequence
        self.lines = LineIndex(text)

    def run(self) -> list[Token]:
        index = 0
        while index < len(self.text):
            mode = self.modes[-1]
            if mode == _MAIN:
                index = self.main(index)
            elif mode == _STRING:
                index = self.quoted(index)
            else:
                assert isinstance(mode, _Heredoc)
                index = self.heredoc(index, mode)
        self.emit(EOF, len(self.text), len(self.text))
        self.budget[0] -= len(self.tokens)
        return self.tokens

    def emit(self, kind: str, start: int, end: int) -> int:
        step = _NESTING.get(kind)
        if step is not None:
            self.depth += step
            if self.depth > MAX_NESTING:
                raise ParseFailure(
                    f"expressions nest more than {MAX_NESTING:,} levels deep; tfgen checks up "
                    f"to {MAX_NESTING:,}",
                    *self.lines.position(start),
                    code="file-too-large",
                )
        if len(self.tokens) >= self.budget[0]:
            raise ParseFailure(
                f"the file has more than {self.budget[1]:,} tokens; tfgen parses files of up "
                f"to {self.budget[1]:,}",
                1,
                1,
                code="file-too-large",
            )
        # tuple.__new__ skips the NamedTuple's own __new__, a Python call per token.
        self.tokens.append(_new_token(Token, (kind, self.text[start:end], start, self.lines)))
        return end

    # -- outside templates -----------------------------------------------------

    def main(self, index: int) -> int:
        text = self.text
        char = text[index]
        if char in " \t":
            index = self.spaces(index)
            if index == len(text):
                return index
            char = text[index]
        word = _ASCII_IDENT.match(text, index)  # most tokens: ASCII needs no Unicode tables
        if word is not None and (word.end() == len(text) or text[word.end()] < "\x80"):
            return self.emit(IDENT, index, word.end())
        if "0" <= char <= "9":
            end = _match_end(_NUMBER, text, index)
            while text[end - 1] == ".":  # a number never ends with its dot: `foo.0.bar`
                end -= 1
            return self.emit(NUMBER, index, end)
        end = ident_end(text, index)
        if end > index:
            return self.emit(IDENT, index, end)
        if char == "#" or text.startswith(("//", "/*"), index):
            end = self.comment_end(index)
            if end > index:
                return self.emit(COMMENT, index, end)
        if char == "\n" or text.startswith("\r\n", index):
            return self.emit(NEWLINE, index, index + (1 if char == "\n" else 2))
        return self.punctuation(index)

    def spaces(self, index: int) -> int:
        return _match_end(_SPACES, self.text, index)

    def comment_end(self, index: int) -> int:
        """A line comment takes its newline with it; an unclosed `/*` is no comment at all."""
        text = self.text
        if text.startswith("/*", index):
            close = text.find("*/", index + 2)
            return index if close < 0 else close + 2
        newline = text.find("\n", index)
        return len(text) if newline < 0 else newline + 1

    def punctuation(self, index: int) -> int:
        text = self.text
        if text.startswith("<<", index):
            end = self.heredoc_start(index)
            if end > index:
                return end
        char = text[index]
        operator = _OPERATOR.match(text, index) if char in _OPERATOR_STARTS else None
        if operator is not None:
            if operator.group() == "~}":
                return self.close_sequence(index, 2)
            return self.emit(operator.group(), index, operator.end())
        if char == "{":
            self.braces += 1
            return self.emit("{", index, index + 1)
        if char == "}":
            if self.return_braces and self.return_braces[-1] == self.braces:
                return self.close_sequence(index, 1)
            self.braces -= 1
            return self.emit("}", index, index + 1)
        if char == '"':
            self.modes.append(_STRING)
            return self.emit(OQUOTE, index, index + 1)
        return self.emit(char if char in _SELF_TOKENS else INVALID, index, index + 1)

    def close_sequence(self, index: int, length: int) -> int:
        # A stray `~}` still ends "a sequence", so the parser reports it where it stands.
        if self.return_braces and self.return_braces[-1] == self.braces:
            self.return_braces.pop()
            self.modes.pop()
        self.braces -= 1
        return self.emit(SEQ_END, index, index + length)

    def heredoc_start(self, index: int) -> int:
        """`<<EOT` or `<<-EOT` directly followed by a newline; anything else is two `<`."""
        text = self.text
        name_start = index + 3 if text.startswith("<<-", index) else index + 2
        name_end = ident_end(text, name_start)
        if name_end == name_start:
            return index
        newline = 1 if text.startswith("\n", name_end) else 2
        if not text.startswith("\n" if newline == 1 else "\r\n", name_end):
            return index
        self.modes.append(_Heredoc(text[name_start:name_end]))
        return self.emit(OHEREDOC, index, name_end + newline)

    # -- inside templates ------------------------------------------------------

    def open_sequence(self, index: int) -> int:
        kind = INTERP if self.text[index] == "$" else CONTROL
        length = 3 if self.text.startswith("~", index + 2) else 2
        self.braces += 1
        self.return_braces.append(self.braces)
        self.modes.append(_MAIN)
        return self.emit(kind, index, index + length)

    def escaped_sequence(self, index: int) -> int:
        """End of `$`/`%` as literal text: alone, or doubled before `{` (`$${`, `%%{~`)."""
        text = self.text
        char = text[index]
        if text.startswith(char + char + "{", index):
            return index + (4 if text.startswith("~", index + 3) else 3)
        return index + 1

    def quoted(self, index: int) -> int:
        text = self.text
        char = text[index]
        if text.startswith(("${", "%{"), index):
            return self.open_sequence(index)
        if char == '"':
            self.modes.pop()
            return self.emit(CQUOTE, index, index + 1)
        if char in "\r\n":
            end = index
            while end < len(text) and text[end] in "\r\n":
                end += 1
            return self.emit(QUOTED_NEWLINE, index, end)
        if char in "$%":
            if index + 1 == len(text):  # HCL's scanner needs the next character to decide
                return self.emit(INVALID, index, index + 1)
            return self.emit(QUOTED_LIT, index, self.escaped_sequence(index))
        end = self.quoted_run(index)
        return self.emit(QUOTED_LIT if end > index else INVALID, index, max(end, index + 1))

    def quoted_run(self, index: int) -> int:
        """Literal characters and backslash escapes, up to a quote, `$`, `%` or newline (a
        backslash before a newline, or at the end, escapes nothing: the run ends before it)."""
        return _match_end(_QUOTED_RUN, self.text, index)

    def heredoc(self, index: int, doc: _Heredoc) -> int:
        text = self.text
        if text.startswith(("${", "%{"), index):
            doc.start_of_line = False
            return self.open_sequence(index)
        if text[index] in "$%":
            doc.start_of_line = False
            # HCL's scanner needs the next character to decide; a standalone template's
            # scan ends on "straggling" literal text, a heredoc's on an invalid character.
            last = index + 1 == len(text) and doc.marker is not None
            return self.emit(INVALID if last else STRING_LIT, index, self.escaped_sequence(index))
        end = _match_end(_HEREDOC_RUN, text, index)
        newline = 1 if text.startswith("\n", end) else 2 if text.startswith("\r\n", end) else 0
        if newline:
            return self.heredoc_line(index, end, newline, doc)
        if end < len(text) and text[end] == "\r":  # a lone CR stops HCL's scanner
            if end > index:
                self.emit(STRING_LIT, index, end)
            return self.emit(INVALID, end, end + 1)
        doc.start_of_line = False
        return self.emit(STRING_LIT, index, end)

    def heredoc_line(self, index: int, end: int, newline: int, doc: _Heredoc) -> int:
        line = self.text[index:end]
        if doc.start_of_line and trim_space(line) == doc.marker:
            self.modes.pop()
            self.emit(CHEREDOC, index, end)
            return self.emit(NEWLINE, end, end + newline)
        doc.start_of_line = True
        return self.emit(STRING_LIT, index, end + newline)


# -- string literals ---------------------------------------------------------------------

_QUOTED_PIECE = re.compile(r"\\(?:u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|.?)|\$\$\{|%%\{", re.S)
_HEREDOC_PIECE = re.compile(r"\$\$\{|%%\{")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


class EscapeError(ValueError):
    """An invalid backslash escape; offset is where its backslash is in the literal."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def decode_literal(raw: str, quoted: bool = True) -> str:
    """A template literal's value: escapes resolved (quoted strings only), `$${` made `${`."""
    pieces: list[str] = []
    last = 0
    for match in (_QUOTED_PIECE if quoted else _HEREDOC_PIECE).finditer(raw):
        pieces.append(raw[last : match.start()])
        last = match.end()
        piece = match.group()
        pieces.append(_escape(piece, match.start()) if piece[0] == "\\" else piece[0] + "{")
    pieces.append(raw[last:])
    return "".join(pieces)


def _escape(piece: str, offset: int) -> str:
    selector = piece[1:2]
    if selector in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[selector]
    if selector not in ("u", "U"):
        raise EscapeError(f"invalid escape sequence \\{selector} in string", offset)
    digits = 4 if selector == "u" else 8
    if len(piece) != digits + 2:
        raise EscapeError(f"\\{selector} must be followed by {digits} hexadecimal digits", offset)
    code = int(piece[2:], 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise EscapeError(f"cannot encode character U+{code:04X} in UTF-8", offset)
    return chr(code)
