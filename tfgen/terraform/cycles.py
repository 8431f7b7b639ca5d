"""Cycles among a module's named values, found from what each refers to, as Terraform's graph
finds them: whether or not the branch that closes the cycle is ever taken.

The nodes are local values and the validation rules of input variables (Terraform 1.9+ lets a
rule refer to other variables and to locals, and a local that uses the variable then waits for
its rules).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from tfgen.diagnostics import Span
from tfgen.terraform.expr import Expr
from tfgen.terraform.model import Module
from tfgen.terraform.references import references


@dataclass(frozen=True)
class Cycle:
    path: tuple[str, ...]  # `local.a`, `local.b`, ..., back to the first
    span: Span  # where the first of them is defined

    @property
    def message(self) -> str:
        named = [f"{node} (validation)" if node.startswith("var.") else node for node in self.path]
        what = "local values" if all(n.startswith("local.") for n in self.path) else "values"
        return f"{what} refer to each other: {' -> '.join(named)}"


def module_cycles(module: Module) -> list[Cycle]:
    expressions, spans = _nodes(module)
    edges = {
        node: [target for target in _targets(exprs, node) if target in expressions]
        for node, exprs in expressions.items()
    }
    return [Cycle(tuple(path), spans[path[0]]) for path in cycles(edges)]


def _nodes(module: Module) -> tuple[dict[str, list[Expr]], dict[str, Span]]:
    expressions: dict[str, list[Expr]] = {}
    spans: dict[str, Span] = {}
    for block in module.blocks("locals"):
        for attribute in block.body.attributes:
            node = f"local.{attribute.name}"
            if node not in expressions:
                expressions[node], spans[node] = [attribute.expr], attribute.name_span
    for block in module.blocks("variable"):
        rules = [
            a.expr for rule in block.body.blocks if rule.type == "validation"
            for a in rule.body.attributes
        ]  # fmt: skip
        node = f"var.{block.labels[0]}" if block.labels else ""
        if rules and node not in expressions:
            expressions[node], spans[node] = rules, block.span
    return expressions, spans


def _targets(expressions: list[Expr], node: str) -> Iterator[str]:
    for expression in expressions:
        for reference in references(expression):
            subject = reference.subject(1)
            if reference.root in ("local", "var") and subject and subject[0] != node:
                yield subject[0]
            elif subject and subject[0] == node and node.startswith("local."):
                yield node  # a local that uses itself


def cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One loop through each strongly connected group of nodes (or node that points at
    itself), starting at its first node in `edges` order and ending back there."""
    order = {node: n for n, node in enumerate(edges)}
    found = []
    for group in _components(edges):
        start = min(group, key=order.__getitem__)
        if len(group) > 1 or start in edges[start]:
            found.append(_loop(start, set(group), edges))
    return sorted(found, key=lambda path: order[path[0]])


def _components(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(edges[successor])))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    groups.append(group)
    return groups


def _loop(start: str, group: set[str], edges: Mapping[str, Sequence[str]]) -> list[str]:
    """The shortest path from start back to itself inside the group (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in edges[node]:
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if successor in group and successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError("a strongly connected group always loops back")  # pragma: no cover
