"""The modules of a workspace that call a directory, so that it is checked as Terraform would
check it: with the arguments of those calls, not as a root with unknown variables."""

from __future__ import annotations

import os

from tfgen.errors import UsageError
from tfgen.terraform.module_reader import read_all
from tfgen.terraform.modules import discover, local_targets

# A workspace opened at a home folder would be read whole for every save: past this many
# modules, callers are not looked for (each module is then checked on its own).
MAX_MODULES = 2_000


class Calls:
    """Which module directories call which, by real path, as the workspace held them when
    built (the server builds it again when a file is saved)."""

    def __init__(self, root: str) -> None:
        self.callers: dict[str, set[str]] = {}  # callee -> its callers
        try:
            found = discover([root])
        except UsageError:  # a workspace with no Terraform in it
            return
        if len(found.modules) > MAX_MODULES:
            return
        for directory, module in found.modules.items():
            contents, _ = read_all(module.files)
            caller = os.path.realpath(directory)
            for data in contents.values():
                for target in local_targets(directory, data):
                    if target != caller:
                        self.callers.setdefault(target, set()).add(caller)

    def of(self, directory: str) -> list[str]:
        """Every module that calls directory, directly or through others, sorted."""
        seen: set[str] = set()
        todo = [os.path.realpath(directory)]
        while todo:
            for caller in self.callers.get(todo.pop(), set()):
                if caller not in seen:
                    seen.add(caller)
                    todo.append(caller)
        seen.discard(os.path.realpath(directory))
        return sorted(seen)
