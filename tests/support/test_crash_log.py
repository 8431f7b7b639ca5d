"""An internal error's traceback goes to a log file in the cache folder, else the temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgen.support.crash_log import write_crash_log


def crash() -> BaseException:
    try:
        raise ValueError("broken \udcff")
    except ValueError as exc:
        return exc


def test_the_log_holds_the_version_the_command_and_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path))
    path = write_crash_log(crash())
    assert path is not None and Path(path).parent == tmp_path
    text = Path(path).read_text()
    assert text.startswith("tfgen ") and "command: " in text
    assert 'raise ValueError("broken' in text and "ValueError: broken \\udcff" in text


def test_an_unwritable_cache_falls_back_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write_crash_log(crash())
    assert path is not None and Path(path).parent == tmp_path
