"""Reading untrusted files: only regular files, never past the limit, whatever they claim."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfgen.support.files import TooLarge, read_limited


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tf")
    with pytest.raises(OSError, match="not a regular file"):
        read_limited(tmp_path / "pipe.tf", 100)


def test_a_device_is_refused(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.tf")
    with pytest.raises(OSError, match="not a regular file"):
        read_limited(tmp_path / "zero.tf", 100)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.tf").write_bytes(b"x" * 101)
    with pytest.raises(TooLarge) as caught:
        read_limited(tmp_path / "big.tf", 100)
    assert str(caught.value) == "file is 101 bytes; tfgen reads files up to 100 bytes"
    (tmp_path / "fits.tf").write_bytes(b"x" * 100)
    assert read_limited(tmp_path / "fits.tf", 100) == b"x" * 100


def test_a_file_that_lies_about_its_size_is_still_bounded() -> None:
    """/proc files claim 0 bytes and have more: at most limit + 1 bytes are read."""
    with pytest.raises(TooLarge):
        read_limited("/proc/self/maps", 10)


def test_an_unsaved_buffer_is_read_instead_of_the_file(tmp_path: Path) -> None:
    from tfgen.support.files import open_binary, unsaved, unsaved_in

    saved, new = tmp_path / "main.tf", tmp_path / "new.tf"
    saved.write_bytes(b"on disk")
    with unsaved({str(saved): b"in the editor", str(new): b"not saved yet"}):
        assert read_limited(saved, 100) == b"in the editor"
        assert read_limited(new, 100) == b"not saved yet"
        with open_binary(new) as stream:
            assert stream.read() == b"not saved yet"
        with pytest.raises(TooLarge):
            read_limited(saved, 5)
        assert sorted(unsaved_in(str(tmp_path))) == [str(saved), str(new)]
        assert unsaved_in(str(tmp_path / "elsewhere")) == []
    assert read_limited(saved, 100) == b"on disk"
    assert unsaved_in(str(tmp_path)) == []
    with pytest.raises(FileNotFoundError):
        read_limited(new, 100)
