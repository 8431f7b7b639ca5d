"""Terraform files into the model, whichever syntax they are written in."""

from __future__ import annotations

from pathlib import Path

from tfgen.load.hcl import parse_hcl
from tfgen.load.source import ParseFailure, read_text
from tfgen.model import SourceFile

__all__ = ["ParseFailure", "load_file", "parse_text"]


def parse_text(text: str, path: str) -> SourceFile:
    if path.endswith(".json"):
        from tfgen.load.tfjson import parse_tfjson

        return parse_tfjson(text, path)
    return parse_hcl(text, path)


def load_file(path: str) -> SourceFile:
    """Raises ParseFailure for a file that is not Terraform, OSError for one not readable."""
    text = read_text(Path(path))
    source = parse_text(text, path)
    source.text = text
    return source
