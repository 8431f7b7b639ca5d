"""Bounds that keep hostile input from exhausting tfgen."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Nested expressions are walked recursively; Terraform accepts deep nesting, so allow far more
# than Python's default 1000 frames, and turn anything deeper into a diagnostic.
RECURSION_LIMIT = 20_000


@contextmanager
def deep_recursion() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
