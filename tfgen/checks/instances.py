"""`count` and `for_each`: one scope per instance Terraform would create, when it can know."""

from __future__ import annotations

from dataclasses import dataclass

from tfgen.terraform.evaluate import Named, Resolver, Scope, evaluate
from tfgen.terraform.model import Block
from tfgen.terraform.values import UNKNOWN, SetValue, quote, to_number, type_name

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
        # count = 0 makes no instance, but `terraform validate` (and so `plan`) still checks
        # the block once with count.index unknown: a wrong literal is an error even then.
        if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= MAX_INSTANCES:
            return [Instance(f"[{i}]", _with("count", scope, index=i)) for i in range(n)]
        return [Instance("", _with("count", scope, index=UNKNOWN))]
    if for_each is not None:
        with scope.tracing() as used:
            collection = evaluate(for_each.expr, scope)
        origin = ", ".join(n.name + (f" from {n.origin}" if n.origin else "") for n in used)
        if isinstance(collection, list) and not isinstance(collection, SetValue):
            scope.report(
                for_each.expr.span,
                "invalid-expression",
                "Invalid for_each argument: a map or a set of strings is required, not a "
                f"{type_name(collection)}; convert it with toset()",
            )
            return [Instance("", _with("each", scope, key=UNKNOWN, value=UNKNOWN))]
        return _each(collection, scope, f"for_each over {origin}" if origin else None)
    return [Instance("", scope)]


def _each(collection: object, scope: Scope, origin: str | None) -> list[Instance]:
    if isinstance(collection, dict):
        pairs = list(collection.items())
    elif isinstance(collection, list) and all(isinstance(v, str) for v in collection):
        pairs = [(v, v) for v in collection]  # a set of strings: key and value are the same
    else:
        pairs = []
    if not pairs or len(pairs) > MAX_INSTANCES:
        return [Instance("", _with("each", scope, key=UNKNOWN, value=UNKNOWN))]
    return [
        Instance(f"[{quote(k, 200)}]", _with("each", scope, origin, key=k, value=v))
        for k, v in pairs
    ]


def _with(name: str, scope: Scope, origin: str | None = None, **values: object) -> Scope:
    """A child scope where `name.<attr>` is one of values, traced like a variable."""
    named = {attr: Named(f"{name}.{attr}", value, origin) for attr, value in values.items()}
    resolver: Resolver = named.get
    return scope.child(namespaces={name: resolver})
