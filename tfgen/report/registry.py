"""The reporter registry: each output format registers one function under its name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tfgen.diagnostics import Report


@dataclass(frozen=True)
class Options:
    color: bool = False
    quiet: bool = False


Reporter = Callable[[Report, Options], str]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register
