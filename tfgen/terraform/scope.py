"""The names a module's expressions can use: `var.*` from its inputs, `local.*` on demand."""

from __future__ import annotations

from tfgen.terraform.cycles import module_cycles
from tfgen.terraform.evaluate import Declarations, Named, Scope, evaluate
from tfgen.terraform.model import Attribute, Module
from tfgen.terraform.values import UNKNOWN


def module_scope(module: Module, variables: dict[str, Named], whole_module: bool = True) -> Scope:
    """Locals are evaluated lazily, once each, in whatever order they are used; a local in a
    cycle is reported once and is unknown. Names are checked against what the module declares
    only when it is the whole module."""
    definitions: dict[str, Attribute] = {}
    for block in module.blocks("locals"):
        for attribute in block.body.attributes:
            definitions.setdefault(attribute.name, attribute)
    scope = Scope()
    for cycle in module_cycles(module):
        scope.report(cycle.span, "local-cycle", cycle.message)
        scope.state.cyclic |= set(cycle.path)
    done: dict[str, Named] = {}

    def local(name: str) -> Named | None:
        if name in done:
            return done[name]
        definition = definitions.get(name)
        if definition is None:
            return None
        if f"local.{name}" in scope.state.cyclic:
            return Named(f"local.{name}", UNKNOWN)
        value = evaluate(definition.expr, scope)
        span = definition.name_span
        done[name] = Named(f"local.{name}", value, f"{span.file}:{span.line}")
        return done[name]

    scope.namespaces.update(
        {"var": variables.get, "local": local, "path": _PATHS.get, "terraform": _TERRAFORM.get}
    )
    if whole_module:
        scope.state.declarations = declarations(module)
    return scope


# The root module's paths, as Terraform gives them (`path.cwd` is where Terraform runs: unknown
# here), and the workspace of a configuration with none selected.
_PATHS = {name: Named(f"path.{name}", value) for name, value in (("module", "."), ("root", "."))}
_PATHS["cwd"] = Named("path.cwd", UNKNOWN)
_TERRAFORM = {"workspace": Named("terraform.workspace", "default")}


def declarations(module: Module) -> Declarations:
    def labelled(kind: str) -> frozenset[tuple[str, str]]:
        return frozenset(
            (b.labels[0], b.labels[1]) for b in module.blocks(kind) if len(b.labels) == 2
        )

    modules = frozenset(b.labels[0] for b in module.blocks("module") if b.labels)
    return Declarations(labelled("resource"), labelled("data"), modules)
