"""Every name a spec's `{expr: ...}` uses must be declared, so that what render writes passes
`terraform validate`: a `var.NAME` in the spec's `variables:` or in another file of the module
the rendered file goes into; a local value, resource, data source or module in the rendered
file or another file of that module."""

from __future__ import annotations

import os
from collections.abc import Iterator

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.spec.build import Rendering
from tfgen.spec.yaml_source import YamlDocument
from tfgen.terraform.model import Module
from tfgen.terraform.parse.source import ParseFailure
from tfgen.terraform.references import Reference

# Terraform's words for each kind of name (a resource's root is its type).
_WHAT = {
    "local": "Reference to undeclared local value",
    "module": "Reference to undeclared module",
    "data": "Reference to undeclared resource",
}
# Roots that are no declaration of the module: Terraform's own and those of a block's scope.
_NOT_DECLARED = frozenset({"path", "terraform", "count", "each", "self"})


def undeclared_names(
    document: YamlDocument, rendering: Rendering, out_path: str, rendered: Module
) -> list[Diagnostic]:
    from tfgen.terraform.parse.hcl import parse_expression
    from tfgen.terraform.references import references

    names = _Declared(rendering, out_path, rendered)
    found = []
    for path, text in _expressions(document.data, ()):
        span = document.span(path)
        try:
            used = list(references(parse_expression(text, span)))
        except ParseFailure:
            continue  # the rendered document's check says what is wrong with it
        for reference in used:
            problem = names.problem(reference)
            if problem is not None:
                found.append(diagnostic(span, *problem))
    return found


class _Declared:
    """What the module of the rendered file declares: that file and the others beside it."""

    def __init__(self, rendering: Rendering, out_path: str, rendered: Module) -> None:
        from tfgen.terraform.scope import declarations
        from tfgen.terraform.variables import declared_variables

        beside = _module_beside(out_path)
        whole = Module(rendered.directory, [*beside.files, *rendered.files])
        self.file = os.path.basename(out_path)
        self.variables = {str(v["name"]) for v in rendering.variables}
        self.variables.update(declared_variables(beside))
        self.locals = {a.name for block in whole.blocks("locals") for a in block.body.attributes}
        self.others = declarations(whole)

    def problem(self, reference: Reference) -> tuple[str, str] | None:
        """The code and message of a reference to a name declared nowhere, or None."""
        root, names = reference.root, reference.names
        if root in _NOT_DECLARED or not names or (root == "data" and len(names) < 2):
            return None
        if root == "var":
            if names[0] in self.variables:
                return None
            message = (
                f"var.{names[0]} is declared nowhere: add it to the spec's `variables:` or "
                f'a variable "{names[0]}" block beside {self.file}'
            )
            return "spec-undeclared-variable", message
        if root == "local":
            known = names[0] in self.locals
        elif root == "module":
            known = names[0] in self.others.modules
        elif root == "data":
            known = (names[0], names[1]) in self.others.data
        else:
            known = (root, names[0]) in self.others.resources
        if known:
            return None
        address = ".".join((root, *names[: 2 if root == "data" else 1]))
        summary = _WHAT.get(root, "Reference to undeclared resource")
        return "invalid-reference", f"{summary}: {address} is not declared beside {self.file}"


def _expressions(
    value: object, path: tuple[object, ...]
) -> Iterator[tuple[tuple[object, ...], str]]:
    if isinstance(value, dict):
        if set(value) == {"expr"}:
            yield path, str(value["expr"])
            return
        for key, item in value.items():
            yield from _expressions(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _expressions(item, (*path, index))


def _module_beside(out_path: str) -> Module:
    """The other files of the rendered file's module (those that parse)."""
    from tfgen.terraform.module_reader import parse_module, read_all
    from tfgen.terraform.modules import module_files

    directory = os.path.dirname(out_path) or "."
    target = os.path.normpath(out_path)
    paths = [p for p in module_files(directory, []) if os.path.normpath(p) != target]
    return parse_module(directory, read_all(paths)[0])[0]
