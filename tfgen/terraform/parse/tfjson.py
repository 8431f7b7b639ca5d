"""Terraform JSON syntax (`.tf.json`) into the same model as native HCL.

JSON has no blocks, so the nesting depth of each top-level key says where the labels end
(`resource` has two labels, `variable` one, `locals` none), as Terraform's JSON spec defines.
"""

from __future__ import annotations

from tfgen.diagnostics import Span
from tfgen.terraform import expr as ex
from tfgen.terraform.model import Attribute, Block, Body, SourceFile
from tfgen.terraform.parse.hcl import parse_expression
from tfgen.terraform.parse.jsonpos import JsonMember, JsonSyntaxError, JsonValue, Pos, parse
from tfgen.terraform.parse.source import ParseFailure
from tfgen.terraform.parse.template import parse_template

# Labels each top-level block type takes in Terraform's JSON syntax.
_LABELS = {
    "resource": 2,
    "data": 2,
    "variable": 1,
    "output": 1,
    "module": 1,
    "provider": 1,
    "locals": 0,
    "terraform": 0,
    "moved": 0,
    "import": 0,
    "check": 1,
    "removed": 0,
}
# Nested block types Terraform knows inside any resource (the rest are attributes).
_NESTED_LABELS = {"lifecycle": 0, "dynamic": 1, "provisioner": 1, "connection": 0}
COMMENT_KEY = "//"


def parse_tfjson(text: str, path: str) -> SourceFile:
    return read_tfjson(json_tree(text), path)


def json_tree(text: str) -> JsonValue:
    """The document with the position of every value and key."""
    try:
        return parse(text)
    except JsonSyntaxError as exc:
        raise ParseFailure(exc.message, exc.line, exc.column, exc.code) from None


def read_tfjson(root: JsonValue, path: str) -> SourceFile:
    return SourceFile(path, _Reader(path).top(root))


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path

    def span(self, start: Pos, end: Pos) -> Span:
        return Span(self.path, start.line, start.column, end.line, end.column)

    def fail(self, value: JsonValue, message: str) -> ParseFailure:
        return ParseFailure(message, value.start.line, value.start.column)

    def members(self, value: JsonValue, what: str) -> list[JsonMember]:
        if value.kind != "object":
            raise self.fail(value, f"{what} must be a JSON object, got {value.kind}")
        assert isinstance(value.value, list)
        return [m for m in value.value if isinstance(m, JsonMember)]

    def top(self, root: JsonValue) -> Body:
        body = Body()
        for member in self.members(root, "a Terraform JSON file"):
            if member.key == COMMENT_KEY:
                continue
            labels = _LABELS.get(member.key)
            if labels is None:
                raise ParseFailure(
                    f'unsupported block type "{member.key}"',
                    member.key_start.line,
                    member.key_start.column,
                )
            header = self.span(member.key_start, member.key_end)
            body.blocks.extend(self.blocks(member.key, (), labels, member.value, header))
        return body

    def blocks(
        self, kind: str, labels: tuple[str, ...], remaining: int, value: JsonValue, header: Span
    ) -> list[Block]:
        """One JSON value that holds blocks: objects keyed by label, then bodies."""
        if value.kind == "array":  # several blocks of one type may be written as an array
            assert isinstance(value.value, list)
            found = []
            for item in value.value:
                assert isinstance(item, JsonValue)
                found.extend(self.blocks(kind, labels, remaining, item, header))
            return found
        if remaining == 0:
            return [Block(kind, labels, self.body(value), header, self.notes(value))]
        found = []
        for member in self.members(value, f'the "{kind}" block'):
            if member.key == COMMENT_KEY:
                continue
            span = self.span(member.key_start, member.key_end)
            found.extend(
                self.blocks(kind, (*labels, member.key), remaining - 1, member.value, span)
            )
        return found

    def body(self, value: JsonValue) -> Body:
        body = Body()
        for member in self.members(value, "a block body"):
            key_span = self.span(member.key_start, member.key_end)
            if member.key == COMMENT_KEY:
                continue
            nested = _NESTED_LABELS.get(member.key)
            if nested is not None:
                body.blocks.extend(self.blocks(member.key, (), nested, member.value, key_span))
            else:
                body.attributes.append(Attribute(member.key, self.expr(member.value), key_span))
        return body

    def notes(self, value: JsonValue) -> tuple[str, ...]:
        """The body's `"//"` comments, where Terraform JSON keeps what HCL writes as `#`."""
        return tuple(
            m.value.value
            for m in self.members(value, "a block body")
            if m.key == COMMENT_KEY and isinstance(m.value.value, str)
        )

    def expr(self, value: JsonValue) -> ex.Expr:
        span = self.span(value.start, value.end)
        if value.kind == "string":
            assert isinstance(value.value, str)
            return _template(value.value, span)
        if value.kind == "array":
            assert isinstance(value.value, list)
            return ex.TupleCons(
                span, tuple(self.expr(v) for v in value.value if isinstance(v, JsonValue))
            )
        if value.kind == "object":
            items = tuple(
                ex.ObjectItem(
                    _template(m.key, self.span(m.key_start, m.key_end)),
                    self.expr(m.value),
                    self.span(m.key_start, m.key_end),
                )
                for m in self.members(value, "an object")
            )
            return ex.ObjectCons(span, items)
        return ex.Literal(span, value.value)


def _template(text: str, span: Span) -> ex.Expr:
    """A JSON string as Terraform reads it: a template only where it holds a sequence (most
    strings hold none, and the template scan is what a `.tf.json` file costs)."""
    if "${" not in text and "%{" not in text:
        return ex.Literal(span, text)
    return parse_template(text, span, parse_expression)
