"""The names a module's expressions can use: `var.*` from its inputs, `local.*` on demand."""

from __future__ import annotations

from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.model import Attribute, Module
from tfgen.terraform.values import UNKNOWN


def module_scope(module: Module, variables: dict[str, Named]) -> Scope:
    """Locals are evaluated lazily, once each, in whatever order they are used."""
    definitions: dict[str, Attribute] = {}
    for block in module.blocks("locals"):
        for attribute in block.body.attributes:
            definitions.setdefault(attribute.name, attribute)
    scope = Scope()
    done: dict[str, Named] = {}
    active: list[str] = []  # the chain being evaluated, to name a cycle

    def local(name: str) -> Named | None:
        if name in done:
            return done[name]
        definition = definitions.get(name)
        if definition is None:
            return None
        if name in active:
            chain = " -> ".join(f"local.{n}" for n in [*active[active.index(name) :], name])
            scope.report(
                definition.span, "local-cycle", f"local values refer to each other: {chain}"
            )
            return Named(f"local.{name}", UNKNOWN)
        active.append(name)
        try:
            value = evaluate(definition.expr, scope)
        finally:
            active.pop()
        span = definition.name_span
        done[name] = Named(f"local.{name}", value, f"{span.file}:{span.line}")
        return done[name]

    scope.namespaces.update({"var": variables.get, "local": local})
    return scope
