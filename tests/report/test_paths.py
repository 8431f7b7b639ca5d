"""How reporters name files: forward slashes, whatever the platform's separator."""

from __future__ import annotations

import os

import pytest

from tfgen.report.paths import posix_path


def test_paths_use_forward_slashes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert posix_path("modules/jobs.tf") == "modules/jobs.tf"
    monkeypatch.setattr(os, "sep", "\\")
    assert posix_path("modules\\jobs.tf") == "modules/jobs.tf"
