"""Bounds that keep hostile input from exhausting tfgen."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Nested expressions are walked recursively; Terraform accepts deep nesting, so allow far more
# than Python's default 1000 frames, and turn anything deeper into a diagnostic.
RECURSION_LIMIT = 20_000
# Brackets, braces, parentheses and template interpolations in HCL nest up to this many
# levels (each level costs about ten frames of the limit above); deeper is file-too-large.
MAX_NESTING = 1_000
# The longest string any expression may make, however (templates, heredocs, join, format...).
MAX_STRING = 1 << 20
# Files are refused unread beyond these sizes: real ones are a few KB, and parse time grows
# with size (about 0.6 s per MB of HCL).
MAX_TERRAFORM_FILE = 10 * 1024 * 1024
MAX_SPEC_FILE = 1024 * 1024


@contextmanager
def deep_recursion() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
