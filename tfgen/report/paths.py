"""How reporters name files: forward slashes, and the pseudo-files some findings live in."""

from __future__ import annotations

import os
import re

_ENVIRONMENT = re.compile(r"TF_VAR_[\w-]+")


def is_pseudo_file(file: str) -> bool:
    """A span's `file` that names a source of values, not a file (see tfgen.terraform.variables)."""
    return (file.startswith("<") and file.endswith(">")) or bool(_ENVIRONMENT.fullmatch(file))


def posix_path(file: str) -> str:
    """The path with forward slashes: SARIF URIs and GitHub annotations both want them."""
    for separator in (os.sep, os.altsep):
        if separator and separator != "/":
            file = file.replace(separator, "/")
    return file
