"""Every `var.NAME` a spec's `{expr: ...}` uses must be declared, so that what render writes
passes `terraform validate`: in the spec's `variables:`, or in another file of the module the
rendered file goes into."""

from __future__ import annotations

import os
from collections.abc import Iterator

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.spec.build import Rendering
from tfgen.spec.yaml_source import YamlDocument
from tfgen.terraform.parse.source import ParseFailure


def undeclared_variables(
    document: YamlDocument, rendering: Rendering, out_path: str
) -> list[Diagnostic]:
    from tfgen.terraform.parse.hcl import parse_expression
    from tfgen.terraform.references import references

    declared = {str(v["name"]) for v in rendering.variables} | _declared_beside(out_path)
    found = []
    for path, text in _expressions(document.data, ()):
        span = document.span(path)
        try:
            used = references(parse_expression(text, span))
        except ParseFailure:
            continue  # the rendered document's check says what is wrong with it
        for reference in used:
            if reference.root == "var" and reference.names and reference.names[0] not in declared:
                name = reference.names[0]
                message = (
                    f"var.{name} is declared nowhere: add it to the spec's `variables:` or "
                    f'a variable "{name}" block beside {os.path.basename(out_path)}'
                )
                found.append(diagnostic(span, "spec-undeclared-variable", message))
    return found


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


def _declared_beside(out_path: str) -> set[str]:
    """The variables the other files of the rendered file's module declare."""
    from tfgen.terraform.module_reader import parse_module, read_all
    from tfgen.terraform.modules import module_files
    from tfgen.terraform.variables import declared_variables

    directory = os.path.dirname(out_path) or "."
    target = os.path.normpath(out_path)
    paths = [p for p in module_files(directory, []) if os.path.normpath(p) != target]
    module, _ = parse_module(directory, read_all(paths)[0])
    return set(declared_variables(module))
