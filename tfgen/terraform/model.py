"""The configuration as tfgen sees it: modules of files, files of blocks, blocks of attributes.

Both loaders (HCL and Terraform JSON) produce this model, and every checker reads it, so a
rule is written once for both syntaxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tfgen.diagnostics import Span
from tfgen.terraform.expr import Expr


@dataclass(frozen=True)
class Attribute:
    name: str
    expr: Expr
    name_span: Span  # where the attribute's name starts: what a diagnostic points at

    @property
    def span(self) -> Span:
        """From the name to the end of the value, as the contract's example shows."""
        return self.name_span.to(self.expr.span)


@dataclass
class Body:
    # Lists, not dicts: a name given twice is an error we must be able to see.
    attributes: list[Attribute] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    span: Span  # the block header
    notes: tuple[str, ...] = ()  # `"//"` comments of a Terraform JSON body

    @property
    def address(self) -> str:
        """Terraform's address for resource and data blocks, `type.label.label` otherwise."""
        if self.type == "data":
            return "data." + ".".join(self.labels)
        if self.type == "resource":
            return ".".join(self.labels)
        return ".".join((self.type, *self.labels))


@dataclass
class SourceFile:
    path: str  # as shown to the user
    body: Body
    text: str = field(default="", repr=False)  # the decoded source, for inline ignores


@dataclass
class Module:
    """The Terraform files of one directory, which Terraform reads as one unit."""

    directory: str
    files: list[SourceFile] = field(default_factory=list)

    def blocks(self, block_type: str) -> list[Block]:
        return [b for f in self.files for b in f.body.blocks if b.type == block_type]
