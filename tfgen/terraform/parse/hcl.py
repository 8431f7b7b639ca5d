"""Native HCL (`.tf`) into the model, through python-hcl2's Lark parse tree.

python-hcl2's dict output loses source positions and some literal values (a heredoc's
closing newline, `3.6e3`), so the model is built from the parse tree, which has both.

python-hcl2 accepts some files Terraform rejects, so hcl_strict checks each file first, the
way Terraform's parser does, and hands python-hcl2 a copy rewritten (at the same length)
where python-hcl2 cannot read valid HCL. Positions and literal text therefore come from the
original text, by offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from tfgen.diagnostics import Span
from tfgen.support.limits import deep_recursion
from tfgen.terraform import expr as ex
from tfgen.terraform.model import Attribute, Block, Body, SourceFile
from tfgen.terraform.numbers import is_number, negate
from tfgen.terraform.parse import hcl_scan, hcl_strict
from tfgen.terraform.parse.source import ParseFailure
from tfgen.terraform.parse.template import Piece, Sequence, assemble, parse_heredoc
from tfgen.terraform.values import parse_number

Node = Any  # lark.Tree or lark.Token; Lark ships no usable stubs for its tree shapes


def parse_hcl(text: str, path: str, fixed_span: Span | None = None) -> SourceFile:
    """fixed_span: give every node this span (an expression embedded in a JSON string)."""
    from lark.exceptions import UnexpectedInput

    from tfgen.terraform.parse.lark_parser import (
        parser,  # imported late: it costs ~100 ms at start-up
    )

    try:
        with deep_recursion():
            readable = hcl_strict.checked(text)
            # python-hcl2's grammar, built for speed (see lark_parser).
            return SourceFile(path, _read(_Builder(path, text, fixed_span), readable, parser()))
    except UnexpectedInput as exc:
        raise _failure(exc, text) from None
    except RecursionError:  # a chain of thousands of operators: deep trees, not brackets
        raise ParseFailure(
            "expressions are nested too deeply for tfgen to check", 1, 1, code="file-too-large"
        ) from None


# A large file is read by python-hcl2 a run of top-level items at a time, and each run's tree
# is dropped once its part of the model is built: the tree of a whole 3.5 MB file takes about
# 180 MiB. An item ends with its newline, so LALR reads a run as it reads it in the file.
RUN_CHARS = 64 * 1024


def _read(builder: _Builder, readable: hcl_strict.Readable, lark: Any) -> Body:
    from lark.exceptions import UnexpectedInput

    def whole() -> Body:
        builder.base = 0
        return builder.body(lark.parse(readable.text + "\n").children[0])

    runs = _runs(readable.item_starts, len(readable.text))
    if len(runs) == 1:
        return whole()
    body = Body()
    for start, end in runs:
        try:
            tree = lark.parse(readable.text[start:end] + "\n")
        except UnexpectedInput:
            return whole()  # python-hcl2 refuses this valid HCL: it fails where it does unsplit
        builder.base = start
        part = builder.body(tree.children[0])
        body.attributes.extend(part.attributes)
        body.blocks.extend(part.blocks)
    return body


def _runs(item_starts: list[int], length: int) -> list[tuple[int, int]]:
    """(start, end) offsets of runs of whole items, each at least RUN_CHARS long but the last."""
    runs: list[tuple[int, int]] = []
    begin = 0
    for start in item_starts[1:]:
        if start - begin >= RUN_CHARS:
            runs.append((begin, start))
            begin = start
    runs.append((begin, length))
    return runs


def parse_expression(source: str, span: Span) -> ex.Expr:
    """One HCL expression (inside `${ }` in a JSON string or a heredoc), through the same
    parser as `.tf` files; every node gets span."""
    return _traversal(source, span) or _parsed_expression(source, span)


# `var.name`, `openai_file.input.id`: most of a JSON file's expressions, and the only ones
# whose tree is plain enough to build without the parser (about 1 ms each through it).
_TRAVERSAL = re.compile(r"[ \t]*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)[ \t]*\Z")
_KEYWORDS = frozenset({"true", "false", "null", "for", "in", "if"})


def _traversal(source: str, span: Span) -> ex.Expr | None:
    match = _TRAVERSAL.match(source)
    if match is None:
        return None
    names = match.group(1).split(".")
    if _KEYWORDS.intersection(names):
        return None
    found: ex.Expr = ex.Variable(span, names[0])
    for name in names[1:]:
        found = ex.GetAttr(span, found, name)
    return found


def _parsed_expression(source: str, span: Span) -> ex.Expr:
    try:
        parsed = parse_hcl(f"x = (\n{source}\n)\n", span.file, fixed_span=span)
    except ParseFailure as exc:
        if exc.code != "syntax-error":
            raise  # a limit of the whole file, not a fault of this string
        raise ParseFailure(
            f"invalid expression in string: {exc.message}", span.line, span.column
        ) from None
    return parsed.body.attributes[0].expr


def _failure(exc: Any, text: str) -> ParseFailure:
    """python-hcl2 refused a file hcl_strict accepted: valid HCL that tfgen cannot read."""
    token = getattr(exc, "token", None)
    offset = token.start_pos if token is not None else getattr(exc, "pos_in_stream", None)
    if (token is not None and token.type == "$END") or offset is None or offset >= len(text):
        found, offset = "end of file", len(text)
    elif token is not None:
        found = _describe(token.value, token.type)
    else:
        found = repr(getattr(exc, "char", "?"))
    line, column = hcl_scan.LineIndex(text).position(offset)
    return ParseFailure(f"tfgen cannot read this valid HCL: unexpected {found}", line, column)


def _describe(value: str, kind: str) -> str:
    if value.strip() == "" or value.startswith("\n") or kind == "NL_OR_COMMENT":
        return "newline"
    first = value.strip().splitlines()[0]
    return repr(first[:40])


def _is_tree(node: Node, *names: str) -> bool:
    return hasattr(node, "data") and (not names or node.data in names)


class _Builder:
    def __init__(self, path: str, text: str, fixed_span: Span | None = None) -> None:
        self.path = path
        self.text = text  # the original: python-hcl2 read a copy, rewritten at the same offsets
        self.lines = hcl_scan.LineIndex(text)
        self.fixed_span = fixed_span
        self.base = 0  # where in text the tree being built starts (see _read)

    def span(self, node: Node) -> Span:
        if self.fixed_span is not None:
            return self.fixed_span
        first, last = _edge_tokens(node)
        return Span(
            self.path, *self.lines.span(self.base + first.start_pos, self.base + last.end_pos)
        )

    def source(self, token: Node) -> str:
        return self.text[self.base + token.start_pos : self.base + token.end_pos]

    def before(self, token: Node) -> str:
        return self.text[self.base + token.start_pos - 1]

    def after(self, token: Node) -> str:
        return self.text[self.base + token.end_pos]

    # -- structure -------------------------------------------------------------

    def body(self, node: Node) -> Body:
        body = Body()
        for child in node.children:
            if _is_tree(child, "attribute"):
                name_node = child.children[0]
                body.attributes.append(
                    Attribute(_name(name_node), self.expr(child.children[2]), self.span(name_node))
                )
            elif _is_tree(child, "block"):
                body.blocks.append(self.block(child))
        return body

    def block(self, node: Node) -> Block:
        # HCL reserves no words: `true`, `in` or `for` can be a block type or a label.
        head, *rest = _trees(node, "identifier", "keyword", "literal_value", "string")
        labels = tuple(self.string_literal(c) if c.data == "string" else _name(c) for c in rest)
        inner = next(c for c in node.children if _is_tree(c, "body"))
        return Block(_name(head), labels, self.body(inner), self.span(head))

    def string_literal(self, node: Node) -> str:
        value = self.template(node)
        if isinstance(value, ex.Literal) and isinstance(value.value, str):
            return value.value
        return str(getattr(value, "text", ""))

    # -- expressions -----------------------------------------------------------

    def expr(self, node: Node) -> ex.Expr:
        if not hasattr(node, "data"):
            position = self.lines.position(self.base + node.start_pos)
            raise ParseFailure(f"unexpected token {node!s}", *position)
        handler = self._handlers.get(node.data)
        if handler is None:
            return ex.Opaque(self.span(node), node.data)
        return handler(self, node)

    def expr_term(self, node: Node) -> ex.Expr:
        inner = _trees(node)
        if len(inner) == 1:
            return self.expr(inner[0])
        return ex.Opaque(self.span(node), "expr_term")

    def number(self, node: Node) -> ex.Expr:
        return ex.Literal(self.span(node), parse_number(node.children[0].value))

    def literal_value(self, node: Node) -> ex.Expr:
        word = node.children[0].value
        return ex.Literal(self.span(node), {"true": True, "false": False, "null": None}[word])

    def identifier(self, node: Node) -> ex.Expr:
        return ex.Variable(self.span(node), _name(node))

    def template(self, node: Node) -> ex.Expr:
        pieces: list[Piece] = []
        for part in node.children:
            if not _is_tree(part, "string_part"):
                continue
            piece = part.children[0]
            if _is_tree(piece, "interpolation"):
                # The `~` of `${~ x ~}` is in the original text only (see hcl_readable).
                opener, closer = piece.children[0], piece.children[-1]
                strip_before = self.after(opener) == "~"
                strip_after = self.before(closer) == "~"
                pieces.append(Sequence(self.expr(_trees(piece)[0]), strip_before, strip_after))
            elif hasattr(piece, "data"):
                pieces.append(self.directive(piece))
            else:
                pieces.append(hcl_scan.decode_literal(self.source(piece)))
        return assemble(self.span(node), pieces)

    def directive(self, node: Node) -> Sequence:
        """`%{ if c }`, `%{ else }`, `%{ endif }`, `%{ for k, v in c }`, `%{ endfor }`:
        python-hcl2's flat rules; template.assemble nests them."""
        # As for `${~ x ~}`, the markers are in the original text only (see hcl_readable).
        opener, closer = node.children[0], node.children[-1]
        strip_before = self.after(opener) == "~"
        strip_after = self.before(closer) == "~"
        kind = node.data.removeprefix("template_").removesuffix("_start")
        trees = _trees(node)
        if kind in ("else", "endif", "endfor"):
            return Sequence(ex.Literal(self.span(node), None), strip_before, strip_after, kind)
        if kind == "if":
            return Sequence(self.expr(trees[0]), strip_before, strip_after, "if")
        names = tuple(_name(c) for c in trees[:-1])
        return Sequence(self.expr(trees[-1]), strip_before, strip_after, "for", names)

    def heredoc(self, node: Node) -> ex.Expr:
        """Its body is the lines between the markers, each kept with its newline."""
        opener, rest = self.source(node.children[0]).split("\n", 1)
        body = rest[: rest.rfind("\n", 0, len(rest) - 1) + 1]
        return parse_heredoc(body, opener.startswith("<<-"), self.span(node), parse_expression)

    def tuple(self, node: Node) -> ex.Expr:
        items = tuple(self.expr(c) for c in _trees(node))
        return ex.TupleCons(self.span(node), items)

    def object(self, node: Node) -> ex.Expr:
        items = []
        for elem in _trees(node, "object_elem"):
            key_node, value_node = _trees(elem)
            key_inner = _trees(key_node)
            key = self.expr(key_inner[0]) if key_inner else self.keyword(key_node)
            if isinstance(key, ex.Variable) and _parenthesized(key_inner[0]):
                # `{(name) = 1}` is keyed by name's value, not "name": a template of the
                # variable alone has its value and is never read as a bare name.
                key = ex.Template(key.span, (key,))
            items.append(ex.ObjectItem(key, self.expr(value_node), self.span(key_node)))
        return ex.ObjectCons(self.span(node), tuple(items))

    def keyword(self, node: Node) -> ex.Expr:
        return ex.Variable(self.span(node), node.children[0].value)

    def get_attr(self, node: Node) -> ex.Expr:
        target, access = _trees(node)
        name_node = _trees(access)[0]
        return ex.GetAttr(self.span(node), self.expr(target), _name(name_node))

    def index(self, node: Node) -> ex.Expr:
        target, access = _trees(node)
        if access.data == "short_index":
            key: ex.Expr = ex.Literal(self.span(access), int(access.children[1].value))
        else:
            key = self.expr(_trees(access)[0])
        return ex.Index(self.span(node), self.expr(target), key)

    def call(self, node: Node) -> ex.Expr:
        names = [_name(c) for c in _trees(node, "identifier")]
        arguments = _trees(node, "arguments")
        args: tuple[ex.Expr, ...] = ()
        expand = False
        if arguments:
            args = tuple(self.expr(c) for c in _trees(arguments[0]))
            expand = any(getattr(c, "type", "") == "ELLIPSIS" for c in arguments[0].children)
        return ex.Call(self.span(node), "::".join(names), args, expand)

    def conditional(self, node: Node) -> ex.Expr:
        cond, true_result, false_result = _trees(node)
        return ex.Conditional(
            self.span(node), self.expr(cond), self.expr(true_result), self.expr(false_result)
        )

    def binary_op(self, node: Node) -> ex.Expr:
        left, term = _trees(node)
        operator, right = _trees(term)
        op = operator.children[0].value.strip()
        return ex.BinaryOp(self.span(node), op, self.expr(left), self.expr(right))

    def unary_op(self, node: Node) -> ex.Expr:
        op = node.children[0].value
        operand = self.expr(_trees(node)[0])
        if op == "-" and isinstance(operand, ex.Literal) and is_number(operand.value):
            return ex.Literal(self.span(node), negate(operand.value))
        return ex.UnaryOp(self.span(node), op, operand)

    def for_expr(self, node: Node) -> ex.Expr:
        intro = _trees(node, "for_intro")[0]
        names = [_name(c) for c in _trees(intro, "identifier")]
        collection = self.expr(_trees(intro)[-1])
        cond_nodes = _trees(node, "for_cond")
        condition = self.expr(_trees(cond_nodes[0])[0]) if cond_nodes else None
        results = [c for c in _trees(node) if c.data not in ("for_intro", "for_cond")]
        results = [c for c in results if not _is_tree(c, "new_line_or_comment")]
        key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        span = self.span(node)
        if node.data == "for_object_expr":
            grouping = any(getattr(c, "type", "") == "ELLIPSIS" for c in node.children)
            key, value = (self.expr(r) for r in results)
            return ex.ForExpr(span, key_var, value_var, collection, value, key, condition, grouping)
        return ex.ForExpr(
            span, key_var, value_var, collection, self.expr(results[0]), None, condition
        )

    _handlers: ClassVar[dict[str, Callable[[_Builder, Node], ex.Expr]]] = {
        "expr_term": expr_term,
        "int_lit": number,
        "float_lit": number,
        "literal_value": literal_value,
        "identifier": identifier,
        "string": template,
        "heredoc_template": heredoc,
        "heredoc_template_trim": heredoc,
        "tuple": tuple,
        "object": object,
        "get_attr_expr_term": get_attr,
        "index_expr_term": index,
        "function_call": call,
        "conditional": conditional,
        "binary_op": binary_op,
        "unary_op": unary_op,
        "for_tuple_expr": for_expr,
        "for_object_expr": for_expr,
    }


def _trees(node: Node, *names: str) -> list[Node]:
    return [
        c
        for c in node.children
        if hasattr(c, "data") and c.data != "new_line_or_comment" and (not names or c.data in names)
    ]


def _parenthesized(node: Node) -> bool:
    return _is_tree(node, "expr_term") and getattr(node.children[0], "type", "") == "LPAR"


def _name(node: Node) -> str:
    return str(node.children[0].value)


def _edge_tokens(node: Node) -> tuple[Node, Node]:
    """The first and last token under node (node itself for a token): the parser keeps no
    positions on trees (see lark_parser), and every terminal of the grammar is kept."""
    if not hasattr(node, "data"):
        return node, node
    return _edge(node, last=False), _edge(node, last=True)


def _edge(node: Node, last: bool) -> Node:
    for child in reversed(node.children) if last else node.children:
        if child is None:
            continue
        if not hasattr(child, "data"):
            return child
        found = _edge(child, last)
        if found is not None:
            return found
    return None
