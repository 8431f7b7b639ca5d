from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test checks for real; tests/support/test_cache.py turns the cache on where it is tested."""
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
