"""Where the tests' data lives, for test modules at any depth of tests/."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


def tfgen_script() -> str:
    """The installed console script, as a user (or an editor) runs it."""
    import shutil
    import sys

    import pytest

    script = Path(sys.executable).with_name("tfgen")
    found = str(script) if script.exists() else shutil.which("tfgen")
    if found is None:
        pytest.fail("the tfgen console script is not installed; run pip install -e '.[test]'")
    return found
