"""What the command line and the environment give a run: kept apart from the code that
resolves them, so that a run with nothing to check imports nothing heavy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class VariableSources:
    """`--var NAME=VALUE` and `--var-file FILE` as ("var" | "var-file", text), in order."""

    ordered: tuple[tuple[str, str], ...] = ()
    environ: Mapping[str, str] = field(default_factory=dict)
