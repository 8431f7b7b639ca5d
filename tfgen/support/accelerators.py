"""The compiled extensions (lark-cython from the `fast` extra, jsonschema-rs a dependency),
and the switch that turns them off.

Each one has a pure-Python path that gives the same answers, which tests keep identical;
TFGEN_PURE_PYTHON=1 takes that path with the extension installed (to compare, or to rule
one out when a result looks wrong).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def accelerator(name: str) -> ModuleType | None:
    """The installed module name, or None when it is missing or TFGEN_PURE_PYTHON is set."""
    if os.environ.get("TFGEN_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
