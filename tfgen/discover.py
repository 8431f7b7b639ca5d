"""Which files to read, grouped into modules (one directory each), as Terraform groups them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tfgen.errors import UsageError

SUFFIXES = (".tf", ".tf.json")
SKIPPED_DIRS = (".terraform",)


def is_terraform_file(name: str) -> bool:
    return name.endswith(SUFFIXES)


def discover(paths: Iterable[str]) -> dict[str, list[str]]:
    """Module directory -> the files to check in it, as the user should see their paths."""
    modules: dict[str, list[str]] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = list(_walk(given))
        elif path.is_file():
            if not is_terraform_file(path.name):
                raise UsageError(f"{given}: not a Terraform file (*.tf or *.tf.json)")
            files = [os.path.normpath(given)]
        else:
            raise UsageError(f"{given}: no such file or directory")
        for file in files:
            bucket = modules.setdefault(os.path.dirname(file) or ".", [])
            if file not in bucket:
                bucket.append(file)
    return modules


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if is_terraform_file(name):
                yield os.path.normpath(os.path.join(root, name))
