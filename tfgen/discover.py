"""Which files to read, grouped into modules (one directory each), as Terraform groups them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tfgen.errors import UsageError

SUFFIXES = (".tf", ".tf.json")
SKIPPED_DIRS = (".terraform",)


@dataclass
class ModuleFiles:
    files: list[str] = field(default_factory=list)  # checked and reported on
    context: list[str] = field(default_factory=list)  # read only for variables and locals


def is_terraform_file(name: str) -> bool:
    return name.endswith(SUFFIXES)


def discover(
    paths: Iterable[str], excluded: Callable[[str], bool] = lambda path: False
) -> dict[str, ModuleFiles]:
    """Module directory -> its files, with paths as the user should see them.

    A file named on its own is checked with the rest of its directory as context, so it sees
    the variables and locals its module defines.
    """
    modules: dict[str, ModuleFiles] = {}
    for given in paths:
        for file in _expand(given, excluded):
            entry = modules.setdefault(os.path.dirname(file) or ".", ModuleFiles())
            if file not in entry.files:
                entry.files.append(file)
    for directory, entry in modules.items():
        siblings = (os.path.normpath(os.path.join(directory, n)) for n in _listdir(directory))
        entry.context = sorted(
            s
            for s in siblings
            if is_terraform_file(s) and s not in entry.files and os.path.isfile(s)
        )
    return modules


def _expand(given: str, excluded: Callable[[str], bool]) -> list[str]:
    path = Path(given)
    if path.is_dir():
        return [f for f in _walk(given) if not excluded(f)]
    if path.is_file():
        if not is_terraform_file(path.name):
            raise UsageError(f"{given}: not a Terraform file (*.tf or *.tf.json)")
        return [os.path.normpath(given)]
    raise UsageError(f"{given}: no such file or directory")


def _listdir(directory: str) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = os.path.normpath(os.path.join(root, name))
            # A FIFO or device named *.tf would block or never end: only regular files, and
            # symlinks (a broken one is then reported as unreadable).
            if is_terraform_file(name) and (os.path.isfile(path) or os.path.islink(path)):
                yield path
