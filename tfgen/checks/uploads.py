"""Batches tied to the JSONL they run: `input_file_id = openai_file.X.id`, where
`resource "openai_file" "X"` uploads `file("<path>")`. The JSONL is checked against the
batch's endpoint before it is ever uploaded; a file whose purpose is not `batch` is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from tfgen.codes import diagnostic
from tfgen.diagnostics import Diagnostic
from tfgen.terraform import expr as ex
from tfgen.terraform.evaluate import Named, Scope, evaluate
from tfgen.terraform.model import Block, Module
from tfgen.terraform.values import quote

FILE_TYPE = "openai_file"
BATCH_PURPOSE = "batch"


def check_input_files(module: Module, batches: list[Block], scope: Scope) -> list[Diagnostic]:
    uploads = {
        b.labels[1]: b
        for b in module.blocks("resource")
        if b.labels[:1] == (FILE_TYPE,) and len(b.labels) == 2
    }
    checked: dict[tuple[str, str | None], list[Diagnostic]] = {}
    found: list[Diagnostic] = []
    for batch in batches:
        found.extend(_check_batch(batch, uploads, module, scope, checked))
    for diagnostics in checked.values():
        found.extend(diagnostics)
    return found


def _check_batch(
    batch: Block,
    uploads: dict[str, Block],
    module: Module,
    scope: Scope,
    checked: dict[tuple[str, str | None], list[Diagnostic]],
) -> Iterator[Diagnostic]:
    reference = batch.body.attribute("input_file_id")
    name = _uploaded_name(reference.expr) if reference else None
    upload = uploads.get(name) if name else None
    if reference is None or upload is None:
        return
    purpose = _known(upload, "purpose", scope)
    if isinstance(purpose, str) and purpose != BATCH_PURPOSE:
        message = (
            f"input_file_id refers to {FILE_TYPE}.{name}, whose purpose is "
            f'{quote(purpose)}; a batch needs purpose = "batch"'
        )
        code = "input-purpose-not-batch"
        yield diagnostic(reference.span, code, message, batch.address, "input_file_id")
        return
    path = _local_path(upload, module, scope)
    if purpose != BATCH_PURPOSE or path is None:
        return
    if not os.path.isfile(path):
        code = "input-file-missing"
        message = (
            f"{FILE_TYPE}.{name} uploads {quote(path)}, which does not exist (file() would fail)"
        )
        yield diagnostic(upload.span, code, message, f"{FILE_TYPE}.{name}", "file")
        return
    endpoint = _known(batch, "endpoint", scope)
    key = (path, endpoint if isinstance(endpoint, str) else None)
    if key not in checked:
        from tfgen.batch_input.checker import check_input

        checked[key] = check_input(path, key[1]).diagnostics


def _uploaded_name(node: ex.Expr) -> str | None:
    """X in `openai_file.X.id` (also written "${openai_file.X.id}")."""
    if (
        isinstance(node, ex.Template)
        and len(node.parts) == 1
        and isinstance(node.parts[0], ex.Expr)
    ):
        node = node.parts[0]
    if isinstance(node, ex.GetAttr) and node.name == "id" and isinstance(node.target, ex.GetAttr):
        root = node.target.target
        if isinstance(root, ex.Variable) and root.name == FILE_TYPE:
            return node.target.name
    return None


def _known(block: Block, name: str, scope: Scope) -> object:
    attribute = block.body.attribute(name)
    return evaluate(attribute.expr, scope) if attribute else None


def _local_path(upload: Block, module: Module, scope: Scope) -> str | None:
    """The path in `file = file("...")`, with `path.module` as the module's folder."""
    content = upload.body.attribute("file")
    node = content.expr if content else None
    if (
        isinstance(node, ex.Template)
        and len(node.parts) == 1
        and isinstance(node.parts[0], ex.Expr)
    ):
        node = node.parts[0]
    if not isinstance(node, ex.Call) or node.name != "file" or len(node.args) != 1:
        return None
    here = Named("path.module", ".")  # the root module's path.module; joined below
    located = scope.child(namespaces={"path": lambda attr: here if attr == "module" else None})
    path = evaluate(node.args[0], located)
    if not isinstance(path, str):
        return None
    return (
        os.path.normpath(os.path.join(module.directory, path)) if not os.path.isabs(path) else path
    )
