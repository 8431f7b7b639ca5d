"""Terraform's syntax rules, checked before python-hcl2 builds the model.

python-hcl2's grammar accepts files that Terraform rejects: a quoted string split over two
lines, two arguments on one line, object elements with no separator, a template in a block
label, `1 +` at the end of a line, a heredoc whose marker is never closed... This module
parses the token stream of hcl_scan the way hclsyntax's parser (hashicorp/hcl parser.go,
parser_template.go) does, and raises ParseFailure at the first error Terraform would report:
the first lexical error if there is one, else the first parse error, at the same position.

It builds nothing: python-hcl2's tree still makes the model, from the text this check hands
back (hcl_readable), rewritten where python-hcl2's grammar is stricter than HCL's.

Where a construct is cut short by the end of the file, HCL points at the construct's opening
token; tfgen keeps its long-standing "unexpected end of file" at the end of the file instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from tfgen.terraform.parse import hcl_readable
from tfgen.terraform.parse import hcl_scan as lex
from tfgen.terraform.parse.hcl_scan import Token
from tfgen.terraform.parse.source import ParseFailure

_BINARY_LEVELS = (
    frozenset({"||"}),
    frozenset({"&&"}),
    frozenset({"==", "!="}),
    frozenset({"<", ">", "<=", ">="}),
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
)
_BINARY_OPERATORS = frozenset(op for level in _BINARY_LEVELS for op in level)
_LEXICAL_ERRORS = {
    "&": "unsupported operator '&' (did you mean '&&'?)",
    "|": "unsupported operator '|' (did you mean '||'?)",
    "~": "unsupported operator '~' (did you mean '!'?)",
    "^": "unsupported operator '^'",
    "`": "invalid character '`' (a multi-line string is written as a heredoc: <<EOT)",
    "'": 'invalid character "\'" (strings are enclosed in double quotes)',
    ";": "invalid character ';' (arguments are separated by newlines, items by commas)",
    lex.QUOTED_NEWLINE: "quoted strings may not be split over multiple lines "
    "(use \\n, or a heredoc: <<EOT)",
}
# Go's big.ParseFloat in base 10, which is how HCL reads a number token such as `1.5.2`.
_VALID_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?\Z")


class Readable(NamedTuple):
    """What python-hcl2 is to read: the text rewritten where it cannot read valid HCL (see
    hcl_readable), the same length, and where each top-level argument or block starts."""

    text: str
    item_starts: list[int]


def checked(text: str) -> Readable:
    """Raises ParseFailure where Terraform would first report an error in this file."""
    tokens = lex.scan(text)
    for index, token in enumerate(tokens):
        if token.kind == lex.QUOTED_NEWLINE and not _string_closes(tokens, index):
            raise _fail(tokens[-1], "")  # a string cut short by the end of the file
        if token.kind in _LEXICAL_ERRORS or token.kind == lex.INVALID:
            message = _LEXICAL_ERRORS.get(token.kind, f"invalid character {token.text!r}")
            raise ParseFailure(message, token.line, token.column)
    parser = _Parser(tokens)
    try:
        parser.body(lex.EOF)
    except ParseFailure as failure:
        raise (parser.noted[0] if parser.noted else failure) from None
    if parser.noted:
        raise parser.noted[0]
    return Readable(
        hcl_readable.rewrite(text, tokens, parser.skipped, parser.cancelled), parser.item_starts
    )


def _string_closes(tokens: list[Token], index: int) -> bool:
    """Whether the quoted string holding tokens[index] has its closing quote."""
    depth = 0
    for token in tokens[index + 1 :]:
        if token.kind in (lex.OQUOTE, lex.OHEREDOC, lex.INTERP, lex.CONTROL):
            depth += 1
        elif token.kind in (lex.CHEREDOC, lex.SEQ_END) or (token.kind == lex.CQUOTE and depth):
            depth -= 1
        elif token.kind == lex.CQUOTE:
            return True
    return False


def _describe(token: Token) -> str:
    if token.kind in (lex.NEWLINE, lex.COMMENT):
        return "newline"
    if token.kind == lex.EOF:
        return "end of file"
    return repr(token.text.split("\n")[0][:40])


def _fail(token: Token, message: str) -> ParseFailure:
    if token.kind == lex.EOF:
        return ParseFailure("unexpected end of file", token.line, token.column)
    return ParseFailure(message, token.line, token.column)


def _unexpected(token: Token, expected: str = "") -> ParseFailure:
    suffix = f" ({expected})" if expected else ""
    return _fail(token, f"unexpected {_describe(token)}{suffix}")


class _Peeker:
    """hclsyntax's peeker: comments are skipped, newlines only where they matter."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.newlines = [True]
        self.skipped: list[Token] = []  # newlines and comments read past as whitespace
        # Errors after which HCL parses on as if nothing happened (a bad number, escape...):
        # the first is reported unless an error before it comes up later.
        self.noted: list[ParseFailure] = []
        self.cancelled: list[Token] = []  # `- -x`, `!!x`: unary operators that cancel out
        self.item_starts: list[int] = []  # offsets of the top-level arguments and blocks
        # Each token is peeked at several times before it is read: the answer is kept until
        # the position moves or newlines start or stop mattering.
        self._found: tuple[Token, int, str] | None = None

    def _next(self) -> tuple[Token, int, str]:
        found = self._found
        if found is None:
            found = self._found = self._find()
        return found

    def _find(self) -> tuple[Token, int, str]:
        """The next token that matters, the position after it, and its kind (a comment that
        ends its line counts as the newline)."""
        newlines = self.newlines[-1]
        tokens = self.tokens
        for index in range(self.position, len(tokens)):
            token = tokens[index]
            if token.kind == lex.COMMENT:
                # A line comment ends its line, so it stands in for the newline it swallowed.
                if newlines and token.text.endswith("\n"):
                    return token, index + 1, lex.NEWLINE
                continue
            if token.kind == lex.NEWLINE and not newlines:
                continue
            return token, index + 1, token.kind
        return tokens[-1], len(tokens), tokens[-1].kind

    def peek(self) -> Token:
        return self._next()[0]

    def read(self) -> Token:
        token, after, _ = self._next()
        if after - 1 > self.position:
            self.skipped.extend(self.tokens[self.position : after - 1])
        self.position = after
        self._found = None
        return token

    def peek_kind(self) -> str:
        return self._next()[2]

    def read_kind(self) -> tuple[Token, str]:
        kind = self._next()[2]
        return self.read(), kind

    @contextmanager
    def noting(self) -> Iterator[None]:
        try:
            yield
        except ParseFailure as failure:
            self.noted.append(failure)

    @contextmanager
    def newlines_matter(self, include: bool) -> Iterator[None]:
        self.newlines.append(include)
        self._found = None
        try:
            yield
        finally:
            self.newlines.pop()
            self._found = None


# Closing token kinds and what they close, for HCL's recovery.
_CLOSERS = {
    "}": "{",
    "]": "[",
    ")": "(",
    lex.CQUOTE: lex.OQUOTE,
    lex.CHEREDOC: lex.OHEREDOC,
    lex.SEQ_END: lex.INTERP,
}


def _is_keyword(token: Token, word: str) -> bool:
    return token.kind == lex.IDENT and token.text == word


class _Parser(_Peeker):
    # -- structure (ParseBody, ParseBodyItem, finishParsingBodyBlock) ------------

    def body(self, end: str) -> None:
        # HCL also refuses an argument set twice in one body ("Attribute redefined"); tfgen
        # reports that as duplicate-attribute, with the first one's line, not as syntax.
        while True:
            token = self.peek()
            kind = self.peek_kind()
            if kind == end:
                self.read()
                return
            if kind == lex.NEWLINE:
                self.read()
            elif kind == lex.IDENT and end == lex.EOF:
                self.top_level_item(token)
            elif kind == lex.IDENT:
                self.body_item()
            elif kind == lex.OQUOTE:
                raise _fail(token, "argument names must not be quoted")
            else:
                raise _unexpected(token, "expected an argument or block definition")

    def top_level_item(self, first: Token) -> None:
        """python-hcl2 reads a large file a few top-level items at a time (hcl.RUN_CHARS), so
        memory grows with the largest item, which is bounded here."""
        self.item_starts.append(first.start)
        start = self.position
        self.body_item()
        if self.position - start > lex.MAX_ITEM_TOKENS:
            raise ParseFailure(
                f"this top-level block or argument has more than {lex.MAX_ITEM_TOKENS:,} "
                f"tokens; tfgen reads those of up to {lex.MAX_ITEM_TOKENS:,}",
                first.line,
                first.column,
                code="file-too-large",
            )

    def body_item(self) -> None:
        name = self.read()
        kind = self.peek_kind()
        if kind == "=":
            self.attribute(single_line=False)
        elif kind in (lex.OQUOTE, "{", lex.IDENT):
            self.block()
        else:
            raise _fail(name, f"{name.text!r} needs '=' to set an argument, or '{{' for a block")

    def attribute(self, single_line: bool) -> None:
        self.read()  # =
        self.expression()
        if single_line:
            return
        end = self.peek()
        kind = self.peek_kind()
        if kind == ",":
            raise _fail(end, "unexpected ',' after argument (arguments end with a newline)")
        if kind not in (lex.NEWLINE, lex.EOF):
            raise _fail(end, f"missing newline after argument, before {_describe(end)}")
        self.read()

    def block(self) -> None:
        self.block_labels()
        if self.peek_kind() in (lex.NEWLINE, lex.EOF, "}"):
            self.body("}")
        else:
            self.single_line_block()
        end = self.peek()
        if self.peek_kind() not in (lex.NEWLINE, lex.EOF):
            raise _fail(end, f"missing newline after block, before {_describe(end)}")
        self.read()

    def block_labels(self) -> None:
        while True:
            token = self.peek()
            kind = self.peek_kind()
            if kind == "{":
                self.read()
                return
            if kind == lex.OQUOTE:
                self.label()
            elif kind == lex.IDENT:
                self.read()
            elif kind == lex.NEWLINE:
                raise _fail(token, "a block's '{' must be on the same line as its type and labels")
            else:
                raise _unexpected(token, "expected a block label or '{'")

    def label(self) -> None:
        """parseQuotedStringLiteral: a block label is a string with no template sequences."""
        self.read()
        while True:
            token = self.read()
            if token.kind == lex.CQUOTE:
                return
            if token.kind == lex.QUOTED_LIT:
                with self.noting():
                    _decode(token, quoted=True)
            elif token.kind in (lex.INTERP, lex.CONTROL):
                raise _fail(token, f"a block label cannot contain {token.text[:2]!r} sequences")
            else:
                raise _unexpected(token)

    def single_line_block(self) -> None:
        """`name { arg = value }`: one argument, closed on the same line.

        HCL checks the closing brace even when the argument went wrong (after skipping the
        rest of the line), and reports a bad closing before anything wrong inside.
        """
        noted = len(self.noted)
        inside: ParseFailure | None = None
        try:
            self.single_line_body()
        except ParseFailure as failure:
            inside = failure
            self.recover_after_body_item()
        token = self.peek()
        kind = self.peek_kind()
        if kind == "}":
            self.read()
        elif kind in (",", lex.NEWLINE) or inside is None:
            del self.noted[noted:]
            raise _fail(token, "a single-line block must close with '}' right after its argument")
        if inside is not None:
            raise inside

    def recover_after_body_item(self) -> None:
        """HCL's recovery: on to the end of the line, skipping whatever brackets open there."""
        opened: list[str] = []
        while True:
            kind = self.read_kind()[1]
            if kind == lex.EOF or (kind == lex.NEWLINE and not opened):
                return
            if kind in _CLOSERS.values() or kind == lex.CONTROL:
                opened.append(lex.INTERP if kind == lex.CONTROL else kind)
            elif kind in _CLOSERS:
                while opened and opened[-1] != _CLOSERS[kind]:
                    opened.pop()
                if opened:
                    opened.pop()

    def single_line_body(self) -> None:
        name = self.read()
        if name.kind != lex.IDENT:
            raise _unexpected(name, "expected an argument or block definition")
        kind = self.peek_kind()
        if kind in (lex.OQUOTE, "{", lex.IDENT):
            raise _fail(name, "a single-line block can hold only one argument, and no block")
        if kind != "=":
            raise _fail(name, f"{name.text!r} needs '=' to set an argument")
        self.attribute(single_line=True)

    # -- expressions (parseTernaryConditional, parseBinaryOps, ...) ----------------

    def expression(self) -> Token:
        """Parses one expression; returns its first token (where HCL's range starts)."""
        first = self.peek()
        self.binary(0)
        if self.peek_kind() != "?":
            return first
        self.read()
        self.expression()
        colon = self.peek()
        if self.peek_kind() != ":":
            self.noted.append(_unexpected(colon, "expected ':' and the false result"))
            return first
        self.read()
        self.expression()
        return first

    def binary(self, level: int) -> None:
        """parseBinaryOps from `level` down: an operand, then the operators around it."""
        self.term()
        self.traversals()
        if self.peek_kind() in _BINARY_OPERATORS:  # most operands stand alone
            self.climb(level)

    def climb(self, level: int) -> None:
        """The rest of parseBinaryOps at `level` and below, their first operand read."""
        if level == len(_BINARY_LEVELS):
            return
        self.climb(level + 1)
        while self.peek_kind() in _BINARY_LEVELS[level]:
            self.read()
            self.binary(level + 1)

    def term(self) -> None:
        token = self.peek()
        kind = self.peek_kind()
        if kind == "(":
            self.parenthesized()
        elif kind == lex.NUMBER:
            with self.noting():
                _number(self.read())
        elif kind == lex.IDENT:
            self.read()
            if self.peek_kind() in ("(", "::"):
                self.call()
        elif kind in (lex.OQUOTE, lex.OHEREDOC):
            self.template(self.read())
        elif kind in ("-", "!"):
            self.unary()
        elif kind == "[":
            self.tuple_cons()
        elif kind == "{":
            self.object_cons()
        else:
            raise _unexpected(token)

    def unary(self) -> None:
        operators: list[Token] = []
        while self.peek_kind() in ("-", "!"):
            operator = self.read()
            if operators and operators[-1].kind == operator.kind:
                self.cancelled += [operators.pop(), operator]
            else:
                operators.append(operator)
        self.term()
        self.traversals()

    def parenthesized(self) -> None:
        self.read()
        with self.newlines_matter(False):
            self.expression()
            close = self.peek()
            if self.peek_kind() != ")":
                raise _unexpected(close, "expected ')'")
            self.read()

    def traversals(self) -> None:
        while True:
            kind = self.peek_kind()
            if kind == ".":
                self.read()
                self.attribute_access()
            elif kind == "[":
                self.index_step(self.read())
            else:
                return

    def attribute_access(self) -> None:
        token = self.peek()
        kind = self.peek_kind()
        if kind == lex.IDENT:
            self.read()
        elif kind == lex.NUMBER:
            with self.noting():
                _legacy_index(self.read(), token)
        elif kind == "*":
            self.attribute_splat(self.read())
        else:
            raise _fail(token, f"an attribute name is required after '.', not {_describe(token)}")

    def attribute_splat(self, star: Token) -> None:
        """`.*.name.0`: attribute and legacy index steps only."""
        while self.peek_kind() == ".":
            self.read()
            token = self.peek()
            kind = self.peek_kind()
            if kind == lex.NUMBER:
                with self.noting():
                    _legacy_index(self.read(), star)
            elif kind == "*":
                raise _fail(token, "a splat (*) cannot be used inside another '.*' splat")
            elif kind != lex.IDENT:
                raise _fail(
                    star, f"an attribute name is required after '.', not {_describe(token)}"
                )
            else:
                self.read()

    def index_step(self, opener: Token) -> None:
        if self.peek_kind() == "*":
            self.read()
            close, kind = self.read_kind()
            if kind != "]":
                raise self.unclosed_index(opener, close)
            self.traversals()
            return
        with self.newlines_matter(False):
            self.expression()
            close, kind = self.read_kind()
            if kind != "]":
                raise self.unclosed_index(opener, close)

    def unclosed_index(self, opener: Token, found: Token) -> ParseFailure:
        """HCL reports a missing `]` where its recovery stops: the next `]`, or end of file.

        (Its diagnostic keeps a pointer to the token variable that recovery then overwrites.)
        """
        depth = 0
        token = self.read()
        while token.kind != lex.EOF and not (token.kind == "]" and depth == 0):
            depth += {"[": 1, "]": -1}.get(token.kind, 0)
            token = self.read()
        where = f"line {opener.line}, column {opener.column}"
        return _fail(token, f"the '[' at {where} is not closed: found {_describe(found)}")

    def call(self) -> None:
        """finishParsingFunctionCall: `name(args)` or `provider::ns::name(args)`."""
        opener, kind = self.read_kind()
        while kind == "::":
            name, name_kind = self.read_kind()
            if name_kind != lex.IDENT:
                raise _unexpected(name, "expected a function name after '::'")
            opener, kind = self.read_kind()
        if kind != "(":
            raise _unexpected(opener, "expected '(' to call the function")
        with self.newlines_matter(False):
            self.arguments()

    def arguments(self) -> None:
        while self.peek_kind() != ")":
            self.expression()
            separator, kind = self.read_kind()
            if kind == ")":
                return
            if kind == "...":
                if self.peek_kind() != ")":
                    raise _fail(separator, "an expanded argument (...) must be the last one")
                break
            if kind != ",":
                raise _unexpected(separator, "expected ',' between function arguments")
        self.read()

    # -- collections and for expressions -----------------------------------------

    def tuple_cons(self) -> None:
        opener = self.read()
        with self.newlines_matter(False):
            if _is_keyword(self.peek(), "for"):
                self.for_expression(opener)
                return
            while self.peek_kind() != "]":
                self.expression()
                separator = self.peek()
                kind = self.peek_kind()
                if kind == "]":
                    break
                if kind != ",":
                    raise _unexpected(separator, "expected ',' between items")
                self.read()
            self.read()

    def object_cons(self) -> None:
        opener = self.read()
        with self.newlines_matter(False):
            is_for = _is_keyword(self.peek(), "for")
        if is_for:
            with self.newlines_matter(False):
                self.for_expression(opener)
            return
        with self.newlines_matter(True):
            while not self.object_element():
                pass

    def object_element(self) -> bool:
        """One `key = value` and its separator; True once the closing brace is read."""
        kind = self.peek_kind()
        if kind in (lex.NEWLINE, "}"):
            self.read()
            return kind == "}"
        self.expression()
        token = self.peek()
        kind = self.peek_kind()
        if kind in (lex.NEWLINE, ","):
            raise _fail(token, f"missing '=' and a value after the key, before {_describe(token)}")
        if kind not in ("=", ":"):
            raise _unexpected(token, "expected '=' between key and value")
        self.read()
        self.expression()
        token = self.peek()
        kind = self.peek_kind()
        if kind not in ("}", ",", lex.NEWLINE):
            raise _fail(
                token, f"missing ',' or newline between elements, before {_describe(token)}"
            )
        self.read()
        return kind == "}"

    def for_expression(self, opener: Token) -> None:
        """finishParsingForExpr, from `for` to the closing bracket (newlines never matter)."""
        self.read()  # for
        self.for_names("for expression")
        self.expression()
        self.expect(":", "expected ':' after the for expression's collection")
        key_or_value = self.expression()
        key = None
        if self.peek_kind() == "=>":
            self.read()
            key = key_or_value
            self.expression()
        ellipsis = self.read() if self.peek_kind() == "..." else None
        if _is_keyword(self.peek(), "if"):
            self.read()
            self.expression()
        closer = "}" if opener.kind == "{" else "]"
        self.expect(closer, f"expected {closer!r} to end the for expression")
        if closer == "]" and key is not None:
            self.noted.append(_fail(key, "a for expression building a tuple has no key (=>)"))
        if closer == "]" and ellipsis is not None:
            self.noted.append(
                _fail(ellipsis, "grouping (...) needs a for expression for an object")
            )
        if closer == "}" and key is None:
            self.noted.append(
                _fail(key_or_value, "a for expression for an object needs a key (=>)")
            )

    def for_names(self, what: str) -> None:
        """`k, v in` / `v in`, shared by for expressions and %{ for } directives."""
        name = self.peek()
        if name.kind != lex.IDENT:
            raise _unexpected(name, f"{what} needs a variable name after 'for'")
        self.read()
        if self.peek_kind() == ",":
            self.read()
            name = self.peek()
            if name.kind != lex.IDENT:
                raise _unexpected(name, f"{what} needs a variable name after ','")
            self.read()
        keyword = self.peek()
        if not _is_keyword(keyword, "in"):
            raise _unexpected(keyword, f"{what} needs 'in' after its variable names")
        self.read()

    def expect(self, kind: str, expected: str) -> Token:
        token = self.peek()
        if self.peek_kind() != kind:
            raise _unexpected(token, expected)
        return self.read()

    # -- templates (parseTemplateParts, templateParser) ----------------------------

    def template(self, opener: Token) -> None:
        end = lex.CQUOTE if opener.kind == lex.OQUOTE else lex.CHEREDOC
        first = self.peek()
        directives: list[Token] = []
        while True:
            token = self.read()
            if token.kind == end:
                break
            if token.kind in (lex.QUOTED_LIT, lex.STRING_LIT):
                with self.noting():
                    _decode(token, quoted=token.kind == lex.QUOTED_LIT)
            elif token.kind == lex.INTERP:
                self.interpolation(end, first)
            elif token.kind == lex.CONTROL:
                directives.append(self.directive(token))
            elif opener.kind == lex.OHEREDOC and token.kind == lex.EOF:
                raise _unclosed_heredoc(opener, token)
            else:
                raise _unexpected(token, "the string is not closed")
        with self.noting():
            _Directives(directives, token).check()

    def interpolation(self, end: str, first: Token) -> None:
        with self.newlines_matter(False):
            self.expression()
            close = self.peek()
            if close.kind == lex.SEQ_END:
                self.read()
                return
            if close.kind in (lex.CQUOTE, lex.OQUOTE) and end == lex.CQUOTE:
                raise _fail(first, "a ${ ... } sequence in this string is never closed")
            raise _unexpected(close, "expected '}' to end the ${ ... } sequence")

    def directive(self, opener: Token) -> Token:
        """One `%{ ... }`; returns the keyword token, for the balance check."""
        with self.newlines_matter(False):
            keyword = self.peek()
            if keyword.kind != lex.IDENT:
                raise _unexpected(keyword, "expected if, for, else, endif or endfor after '%{'")
            self.read()
            if keyword.text == "if":
                self.expression()
            elif keyword.text == "for":
                self.for_names("for directive")
                self.expression()
            elif keyword.text not in ("else", "endif", "endfor"):
                raise _fail(keyword, f"{keyword.text!r} is not a template directive")
            self.expect(lex.SEQ_END, f"expected '}}' to end the %{{ {keyword.text} }} directive")
        # HCL places a directive at its `%{`, and the balance check only needs the keyword.
        return opener._replace(kind=keyword.kind, text=keyword.text)


class _Directives:
    """templateParser.parseRoot: every %{ if } and %{ for } closed, in order."""

    def __init__(self, keywords: list[Token], end: Token) -> None:
        self.keywords = keywords
        self.end = end
        self.index = 0

    def check(self) -> None:
        while self.index < len(self.keywords):
            self.item()

    def item(self) -> None:
        keyword = self.keywords[self.index]
        self.index += 1
        if keyword.text not in ("if", "for"):
            raise _fail(keyword, f"unexpected %{{ {keyword.text} }} directive")
        closer = "endif" if keyword.text == "if" else "endfor"
        seen_else = False
        while self.index < len(self.keywords):
            word = self.keywords[self.index].text
            if word in ("if", "for"):
                self.item()
                continue
            token = self.keywords[self.index]
            self.index += 1
            if word == closer:
                return
            if word == "else" and closer == "endif" and not seen_else:
                seen_else = True
                continue
            raise _fail(token, f"unexpected %{{ {word} }} directive (expected {closer})")
        raise _fail(self.end, f"the %{{ {keyword.text} }} directive has no %{{ {closer} }}")


def _unclosed_heredoc(opener: Token, end: Token) -> ParseFailure:
    marker = opener.text.strip().lstrip("<-")
    message = f"unexpected end of file: the heredoc needs {marker} on a line of its own"
    return ParseFailure(message, end.line, end.column)


def _decode(token: Token, quoted: bool) -> str:
    try:
        return lex.decode_literal(token.text, quoted)
    except lex.EscapeError as exc:
        raise ParseFailure(exc.message, token.line, token.column + exc.offset) from None


def _number(token: Token) -> None:
    if not _VALID_NUMBER.match(token.text):
        raise _fail(token, f"invalid number literal {token.text!r}")


def _legacy_index(number: Token, subject: Token) -> None:
    """`foo.0`: HCL's legacy index; `foo.0.1` reads as the number 0.1, which HCL refuses."""
    if "." in number.text:
        first, second = number.text.split(".", 1)
        raise _fail(subject, f"chained legacy index: write [{first}][{second}]")
    _number(number)
