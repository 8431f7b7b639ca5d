"""`count` and `for_each`: one scope per instance Terraform would create, when it can know."""

from __future__ import annotations

from dataclasses import dataclass

from tfgen.evaluate import Scope, evaluate
from tfgen.model import Block
from tfgen.values import UNKNOWN, render, to_number

MAX_INSTANCES = 1024  # beyond this, check once with unknown keys rather than spend the time


@dataclass(frozen=True)
class Instance:
    key: str  # "" for the block itself, `[1]` or `["b"]` for one instance
    scope: Scope


def instances(block: Block, scope: Scope) -> list[Instance]:
    count = block.body.attribute("count")
    for_each = block.body.attribute("for_each")
    if count is not None:
        n = to_number(evaluate(count.expr, scope))
        if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= MAX_INSTANCES:
            return [Instance(f"[{i}]", scope.child(count={"index": i})) for i in range(n)]
        return [Instance("", scope.child(count={"index": UNKNOWN}))]
    if for_each is not None:
        return _each(evaluate(for_each.expr, scope), scope)
    return [Instance("", scope)]


def _each(collection: object, scope: Scope) -> list[Instance]:
    if isinstance(collection, dict):
        pairs = list(collection.items())
    elif isinstance(collection, list) and all(isinstance(v, str) for v in collection):
        pairs = [(v, v) for v in collection]  # a set of strings: key and value are the same
    else:
        pairs = []
    if not pairs or len(pairs) > MAX_INSTANCES:
        return [Instance("", scope.child(each={"key": UNKNOWN, "value": UNKNOWN}))]
    return [
        Instance(f"[{render(k, 200)}]", scope.child(each={"key": k, "value": v})) for k, v in pairs
    ]
