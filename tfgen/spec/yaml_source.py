"""YAML read with the position of every key and value, so spec errors name their line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tfgen.diagnostics import Span
from tfgen.terraform.parse.source import ParseFailure

Path = tuple[Any, ...]
MAX_NODES = 100_000  # aliases can make a short file expand without bound ("billion laughs")
MERGE_TAG = "tag:yaml.org,2002:merge"
INT_TAG = "tag:yaml.org,2002:int"


@dataclass
class YamlDocument:
    data: object
    positions: dict[Path, Span] = field(default_factory=dict)  # a key's span, or an item's
    duplicates: list[tuple[Path, Span]] = field(default_factory=list)

    def span(self, path: Path) -> Span:
        """The closest position the document has for path."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        raise KeyError(path)


def _compose(text: str) -> Node | None:
    """libyaml where PyYAML has it (six times faster, the same nodes and positions); any
    document it refuses is read again by the pure-Python loader, whose errors tfgen reports."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            node: Node | None = yaml.compose(text, Loader=fast)
            return node
        except Exception:  # the slow path below reports it, exactly as before
            pass
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return node


def load_yaml(text: str, file: str) -> YamlDocument:
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ParseFailure(
            f"invalid YAML: {_one_line(exc.problem or exc.context)}", line, column
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character: one line, at its position
        line, column = _position(text, exc.position)
        raise ParseFailure(
            f"invalid YAML: unacceptable character #x{exc.character:04x}", line, column
        ) from None
    except yaml.YAMLError as exc:
        raise ParseFailure(f"invalid YAML: {_one_line(str(exc))}", 1, 1) from None
    except (RecursionError, ValueError) as exc:  # deep nesting; an escape beyond U+10FFFF
        what = "nested too deeply" if isinstance(exc, RecursionError) else _one_line(str(exc))
        raise ParseFailure(f"invalid YAML: {what}", 1, 1) from None
    document = YamlDocument(None, {(): Span.point(file, 1, 1)})
    if root is not None:
        try:
            document.data = _Walker(file, document, _end(text)).value(root, ())
        except yaml.MarkedYAMLError as exc:  # a tag that names no safe type, `!!int x`
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ParseFailure(
                f"invalid YAML: {_one_line(exc.problem or exc.context)}", line, column
            ) from None
        except (ValueError, TypeError, AttributeError) as exc:  # `!!timestamp x` and the like
            raise ParseFailure(f"invalid YAML value: {_one_line(str(exc))}", 1, 1) from None
    return document


# PyYAML's line breaks, by which its marks count lines.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _end(text: str) -> tuple[int, int]:
    """The position just after the last character, 1-based, as PyYAML counts lines."""
    breaks = list(_BREAK.finditer(text))
    last_start = breaks[-1].end() if breaks else int(text.startswith("\ufeff"))  # no column
    return len(breaks) + 1, len(text) - last_start + 1


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class _Walker:
    def __init__(self, file: str, document: YamlDocument, end: tuple[int, int]) -> None:
        self.file = file
        self.document = document
        self.end = end
        self.nodes = 0
        self.constructor = SafeConstructor()

    def span(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        # A node that ends the file without a final line break ends, for PyYAML, at the
        # start of a line that does not exist.
        stop = min((end.line + 1, end.column + 1), self.end)
        return Span(self.file, start.line + 1, start.column + 1, *stop)

    def value(self, node: Node, path: Path) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ParseFailure(
                f"the spec expands to more than {MAX_NODES} YAML nodes (aliases?)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.document.positions[path + (index,)] = self.span(item)
                items.append(self.value(item, (*path, index)))
            return items
        assert isinstance(node, ScalarNode)
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:
            if node.tag != INT_TAG:
                raise
            # An integer of more digits than Python converts: a float, by the convention.
            return float(node.value.replace("_", ""))

    def mapping(self, node: MappingNode, path: Path) -> dict[Any, object]:
        result: dict[Any, object] = {}
        explicit: set[Any] = set()  # a merged key may be overridden; an explicit one only once
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged = self.value(value_node, path)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for key, value in item.items():
                            result.setdefault(key, value)
                continue
            key = self.value(key_node, path)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise ParseFailure("a mapping key must be a plain value", *self._at(key_node))
            span = self.span(key_node).to(self.span(value_node))
            if key in explicit:
                self.document.duplicates.append(((*path, key), span))
            explicit.add(key)
            self.document.positions[path + (key,)] = span
            result[key] = self.value(value_node, (*path, key))
        return result

    @staticmethod
    def _at(node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1
