"""The bounds of support/limits.py: deep recursion is allowed inside, and only inside."""

from __future__ import annotations

import sys

from tfgen.support.limits import (
    MAX_NESTING,
    MAX_SPEC_FILE,
    MAX_TERRAFORM_FILE,
    RECURSION_LIMIT,
    deep_recursion,
)


def test_deep_recursion_raises_the_limit_for_the_block_only() -> None:
    before = sys.getrecursionlimit()
    with deep_recursion():
        assert sys.getrecursionlimit() == max(before, RECURSION_LIMIT)
    assert sys.getrecursionlimit() == before


def test_the_documented_numbers() -> None:
    """SECURITY.md and the README state these: change them there too."""
    assert (MAX_TERRAFORM_FILE, MAX_SPEC_FILE) == (10 * 1024 * 1024, 1024 * 1024)
    assert MAX_NESTING == 1_000 and MAX_NESTING * 10 < RECURSION_LIMIT
