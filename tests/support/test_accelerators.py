"""The optional extensions are used when installed, and never when TFGEN_PURE_PYTHON is set."""

from __future__ import annotations

import json

import pytest

from tfgen.support.accelerators import accelerator


def test_an_installed_module_is_used() -> None:
    assert accelerator("json") is json


def test_a_missing_one_is_none() -> None:
    assert accelerator("tfgen_no_such_extension") is None


def test_the_pure_python_switch_turns_them_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_PURE_PYTHON", "1")
    assert accelerator("json") is None
