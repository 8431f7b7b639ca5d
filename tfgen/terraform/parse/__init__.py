"""Terraform files into the model, whichever syntax they are written in."""

from __future__ import annotations

from pathlib import Path

from tfgen.support.collector import collector_paused
from tfgen.terraform.model import SourceFile
from tfgen.terraform.parse.source import ParseFailure, decode

__all__ = ["ParseFailure", "load_bytes", "load_file", "parse_text"]


def parse_text(text: str, path: str) -> SourceFile:
    from tfgen.terraform.parse.hcl_scan import MAX_TEMPLATE_TOKENS, MAX_TOKENS, token_budget

    is_json = path.endswith(".json")
    with collector_paused(), token_budget(MAX_TEMPLATE_TOKENS if is_json else MAX_TOKENS):
        if is_json:
            from tfgen.terraform.parse.tfjson import parse_tfjson

            return parse_tfjson(text, path)
        from tfgen.terraform.parse.hcl import parse_hcl  # imported late: python-hcl2 costs ~40 ms

        return parse_hcl(text, path)


def load_bytes(data: bytes, path: str) -> SourceFile:
    """Raises ParseFailure for content that is not Terraform (or not UTF-8)."""
    text = decode(data)
    source = parse_text(text, path)
    source.text = text
    return source


def load_file(path: str) -> SourceFile:
    """Raises ParseFailure for a file that is not Terraform, OSError for one not readable."""
    return load_bytes(Path(path).read_bytes(), path)
