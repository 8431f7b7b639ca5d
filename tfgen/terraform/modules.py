"""Which modules to check: the directories Terraform reads as one, with every file it reads.

Terraform reads a module as a whole, so a file named on the command line (as pre-commit names
the files it changed) stands for its whole module: a value from an unnamed `variables.tf` or a
duplicate in an unnamed file is still found. A file the configuration excludes is never a
reason to check a module and is never reported on, but it stays part of its module, as it is
for Terraform.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tfgen.codes import unreadable
from tfgen.diagnostics import Diagnostic
from tfgen.errors import UsageError
from tfgen.support.files import unsaved_in

SUFFIXES = (".tf", ".tf.json")
VARIABLES_SUFFIXES = (".tfvars", ".tfvars.json")  # named, they stand for their module too
SKIPPED_DIRS = (".terraform",)
# A string that may be a local module source (`source = "../modules/x"`): found in the bytes,
# before any parse, so that a module can be judged by what it might call.
_LOCAL_STRING = re.compile(rb'"(\.\.?/[^"\n]*)"')


@dataclass
class ModuleFiles:
    files: list[str] = field(default_factory=list)  # every file Terraform reads, sorted
    excluded: set[str] = field(default_factory=set)  # read as part of the module, not reported


@dataclass
class Discovery:
    modules: dict[str, ModuleFiles] = field(default_factory=dict)  # directory -> its files
    problems: list[Diagnostic] = field(default_factory=list)  # directories nobody could read


def is_terraform_file(name: str) -> bool:
    return name.endswith(SUFFIXES) and not ignored_by_terraform(name)


def ignored_by_terraform(name: str) -> bool:
    """Terraform's own rule (checked against Terraform 1.11): hidden files, editor backups
    (`main.tf~`) and emacs autosaves (`#main.tf#`); a lock link `.#main.tf` is hidden."""
    base = os.path.basename(name)
    return base.startswith(".") or base.endswith("~") or (base[:1] == "#" == base[-1:])


def discover(
    paths: Iterable[str], excluded: Callable[[str], bool] = lambda path: False
) -> Discovery:
    """The modules the paths name, with paths as the user should see them."""
    found = Discovery()
    seen: dict[str, str] = {}  # real path -> the directory as first given
    for given in paths:
        for directory in _module_directories(given, excluded, found.problems):
            seen.setdefault(os.path.realpath(directory), directory)
    for directory in seen.values():
        files = module_files(directory, found.problems)
        found.modules[directory] = ModuleFiles(files, {f for f in files if excluded(f)})
    return found


def _module_directories(
    given: str, excluded: Callable[[str], bool], problems: list[Diagnostic]
) -> list[str]:
    if os.path.isdir(given):
        before = len(problems)
        directories = list(_walk(given, excluded, problems))
        # A directory Terraform would find nothing in is a mistyped path, not a clean result;
        # one whose files the configuration excludes, or that could not be read, is not.
        if not directories and len(problems) == before and not any(_walk(given, _none, [])):
            raise UsageError(f"{given}: no Terraform files (*.tf, *.tf.json) in it or below")
        return directories
    if os.path.isfile(given):
        name = os.path.basename(given)
        if ignored_by_terraform(name):
            raise UsageError(f"{given}: Terraform does not read hidden or backup files")
        if not name.endswith(SUFFIXES + VARIABLES_SUFFIXES):
            raise UsageError(f"{given}: not a Terraform file (*.tf, *.tf.json or *.tfvars)")
        normal = os.path.normpath(given)
        return [] if excluded(normal) else [os.path.dirname(normal) or "."]
    raise UsageError(f"{given}: no such file or directory")


def _none(path: str) -> bool:
    return False


def _walk(top: str, excluded: Callable[[str], bool], problems: list[Diagnostic]) -> Iterator[str]:
    """Directories under top that hold a Terraform file the configuration does not exclude."""

    def report(error: OSError) -> None:
        problems.append(unreadable(os.path.normpath(error.filename or top), error))

    for root, dirs, files in os.walk(top, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        directory = os.path.normpath(root)
        names = files + [os.path.basename(p) for p in unsaved_in(root)]
        if any(
            is_terraform_file(name) and not excluded(os.path.normpath(os.path.join(root, name)))
            for name in names
        ):
            yield directory


def module_files(directory: str, problems: list[Diagnostic]) -> list[str]:
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        problems.append(unreadable(directory, exc))
        return []
    paths = {os.path.normpath(os.path.join(directory, name)) for name in names}
    paths.update(os.path.normpath(p) for p in unsaved_in(directory))  # new in an editor
    # Terraform skips directories; anything else it would read, so a FIFO, a device or a broken
    # link is listed and then reported as unreadable (reading never opens one for real).
    return sorted(p for p in paths if is_terraform_file(p) and not os.path.isdir(p))


def local_targets(directory: str, data: bytes) -> list[str]:
    """The real paths that local strings in a file of directory point at, modules or not."""
    return [
        os.path.realpath(os.path.join(directory, os.fsdecode(match.group(1))))
        for match in _LOCAL_STRING.finditer(data)
    ]
