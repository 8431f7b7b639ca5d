"""How reporters name files: with forward slashes, which SARIF URIs and GitHub want."""

from __future__ import annotations

import os


def posix_path(file: str) -> str:
    """The path with forward slashes: SARIF URIs and GitHub annotations both want them."""
    for separator in (os.sep, os.altsep):
        if separator and separator != "/":
            file = file.replace(separator, "/")
    return file
