"""A checked spec into what the template renders, remembering which spec line made what.

`provenance` maps a path in the rendered Terraform JSON (`resource.openai_batch.x.metadata.k`)
to the spec position that produced it, so a finding on the rendered document is reported on
the spec line the user wrote (a batch's own key, or the default it inherited).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from tfgen.diagnostics import Span
from tfgen.spec.templating import Expression
from tfgen.spec.yaml_source import YamlDocument

JsonPath = tuple[str, ...]
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
EXPIRY_ANCHOR = "created_at"  # the only anchor the API has; the rendered check enforces it


@dataclass
class Rendering:
    note: str
    provider: dict[str, Any] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    batches: list[dict[str, Any]] = field(default_factory=list)
    lookups: list[dict[str, Any]] = field(default_factory=list)
    variables: list[dict[str, Any]] = field(default_factory=list)
    outputs: bool = False
    provenance: dict[JsonPath, Span] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        return {
            "note": self.note,
            "provider": self.provider,
            "files": self.files,
            "batches": self.batches,
            "lookups": self.lookups,
            "variables": self.variables,
            "outputs": self.outputs,
        }


def expression_or_value(value: object) -> object:
    """`{expr: text}` becomes an Expression; every other value stays what it is."""
    if isinstance(value, dict) and set(value) == {"expr"}:
        return Expression(str(value["expr"]))
    if isinstance(value, dict):
        return {k: expression_or_value(v) for k, v in value.items()}
    return value


def duration_seconds(value: object) -> object:
    """`90m`, `12h`, `7d`, `30s` or whole seconds, in seconds; anything else unchanged."""
    if isinstance(value, str) and value[:-1].isdigit() and value[-1:] in UNIT_SECONDS:
        return int(value[:-1]) * UNIT_SECONDS[value[-1]]
    return value


@dataclass
class _Builder:
    document: YamlDocument
    spec_path: str
    out_dir: str
    rendering: Rendering

    def where(self, *path: Any) -> Span:
        return self.document.span(path)

    def build(self) -> Rendering:
        spec = self.document.data
        assert isinstance(spec, dict)
        if "provider" in spec:
            self.rendering.provider = spec["provider"]
            self.rendering.provenance[("terraform",)] = self.where("provider")
        defaults = spec.get("defaults") or {}
        for name, batch in (spec.get("batches") or {}).items():
            self.batch(str(name), batch or {}, defaults)
        for name, batch_id in (spec.get("lookups") or {}).items():
            self.rendering.lookups.append({"name": name, "batch_id": expression_or_value(batch_id)})
            self.rendering.provenance[("data", "openai_batch", name)] = self.where("lookups", name)
        for name, declared in (spec.get("variables") or {}).items():
            self.rendering.variables.append({"name": name, "declaration": declared or {}})
            self.rendering.provenance[("variable", name)] = self.where("variables", name)
        self.rendering.outputs = bool(spec.get("outputs", False))
        if self.rendering.outputs:
            self.rendering.provenance[("output",)] = self.where("outputs")
        return self.rendering

    def batch(self, name: str, batch: dict[str, Any], defaults: dict[str, Any]) -> None:
        base: JsonPath = ("resource", "openai_batch", name)
        self.rendering.provenance[base] = self.where("batches", name)
        arguments: dict[str, object] = {}
        for key in sorted({*defaults, *batch} - {"input_file", "metadata"}):
            origin = ("batches", name) if key in batch else ("defaults",)
            value = batch[key] if key in batch else defaults[key]
            arguments[key] = self.argument(key, value, base, origin)
        metadata = self.metadata(name, batch, defaults, base)
        if metadata is not None:
            arguments["metadata"] = metadata
        if "input_file" in batch:
            arguments["input_file_id"] = self.input_file(name, str(batch["input_file"]))
        self.rendering.batches.append({"name": name, "arguments": arguments})

    def argument(self, key: str, value: object, base: JsonPath, origin: tuple[str, ...]) -> object:
        here = self.where(*origin, key)
        self.rendering.provenance[base + (key,)] = here
        if key != "output_expires_after":
            return expression_or_value(value)
        if isinstance(value, dict) and "expr" not in value:
            for sub in value:
                self.rendering.provenance[
                    base
                    + (
                        key,
                        sub,
                    )
                ] = self.where(*origin, key, sub)
            return {"anchor": value.get("anchor"), "seconds": value.get("seconds")}
        converted = expression_or_value(duration_seconds(value))
        if isinstance(converted, Expression):
            return converted
        for sub in ("anchor", "seconds"):
            self.rendering.provenance[
                base
                + (
                    key,
                    sub,
                )
            ] = here
        return {"anchor": EXPIRY_ANCHOR, "seconds": converted}

    def metadata(
        self, name: str, batch: dict[str, Any], defaults: dict[str, Any], base: JsonPath
    ) -> object:
        layers = [("defaults",), ("batches", name)]
        merged: dict[str, object] = {}
        for origin in layers:
            source = defaults if origin == ("defaults",) else batch
            values = source.get("metadata")
            if not isinstance(values, dict):
                continue
            # The pair count is the batch's problem when the batch adds pairs.
            self.rendering.provenance[base + ("metadata",)] = self.where(*origin, "metadata")
            for key, value in values.items():
                merged[str(key)] = expression_or_value(value)
                where = self.where(*origin, "metadata", key)
                self.rendering.provenance[
                    base
                    + (
                        "metadata",
                        str(key),
                    )
                ] = where
        return merged if (*base, "metadata") in self.rendering.provenance else None

    def input_file(self, name: str, path: str) -> Expression:
        local = os.path.normpath(os.path.join(os.path.dirname(self.spec_path), path))
        relative = os.path.relpath(local, self.out_dir or ".").replace(os.sep, "/")
        file_name = f"{name}_input"
        quoted = (
            relative.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("${", "$${")
            .replace("%{", "%%{")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )  # the path is data: it must not end the string or start an interpolation
        content = Expression(f'file("${{path.module}}/{quoted}")')
        self.rendering.files.append({"name": file_name, "content": content})
        self.rendering.provenance[("resource", "openai_file", file_name)] = self.where(
            "batches", name, "input_file"
        )
        self.rendering.provenance[("resource", "openai_batch", name, "input_file_id")] = self.where(
            "batches", name, "input_file"
        )
        return Expression(f"openai_file.{file_name}.id")


def build(document: YamlDocument, spec_path: str, out_path: str, note: str) -> Rendering:
    out_dir = os.path.dirname(out_path)
    return _Builder(document, spec_path, out_dir, Rendering(note)).build()
