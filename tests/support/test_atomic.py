"""Writes are all or nothing: a failed, stopped or killed render leaves the old file and no
temporary behind (a killed one's temporary is removed by the next write of the same file)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import FIXTURES

from tfgen.cli import cli
from tfgen.support.atomic import write_atomic

SPEC = FIXTURES / "spec" / "full.yaml"


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.tf.json"
    target.write_text("old")
    write_atomic(str(target), "new")
    assert target.read_text() == "new" and temporaries(tmp_path) == []


def test_a_killed_writers_temporary_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    orphan = tmp_path / f".out.tf.json.tfgen-{dead.stdout.strip()}-abc.tmp"
    orphan.write_text("half")
    alive = tmp_path / f".out.tf.json.tfgen-{os.getpid()}-def.tmp"  # a writer still running
    alive.write_text("in progress")
    other = tmp_path / ".other.tf.json.tfgen-1-ghi.tmp"  # another target's: not ours to touch
    other.write_text("x")
    write_atomic(str(tmp_path / "out.tf.json"), "new")
    assert temporaries(tmp_path) == sorted([alive.name, other.name])


def test_render_into_a_folder_it_cannot_write_is_an_ordinary_error(tmp_path: Path) -> None:
    """Was: `internal error: PermissionError`. /proc refuses new files even to root."""
    shutil.copytree(SPEC.parent, tmp_path, dirs_exist_ok=True)
    spec = tmp_path / "full.yaml"  # its local.owner is declared only beside the spec
    spec.write_text(spec.read_text().replace('{expr: "local.owner"}', "data-team"))
    run = CliRunner().invoke(cli, ["render", str(spec), "-o", "/proc/out.tf.json"])
    assert run.exit_code == 1, run.output
    assert "/proc/out.tf.json: cannot write: " in run.stderr and "nothing written" in run.stderr
    assert "internal error" not in run.output


def test_render_onto_a_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SPEC.parent, tmp_path, dirs_exist_ok=True)
    runner = CliRunner()
    out = tmp_path / "full.tf.json"
    out.unlink()
    assert runner.invoke(cli, ["render", str(tmp_path / "full.yaml")]).exit_code == 0
    before = out.read_text()
    (tmp_path / "full.yaml").write_text(SPEC.read_text().replace("nightly", "daily"))

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    run = runner.invoke(cli, ["render", str(tmp_path / "full.yaml")])
    assert run.exit_code == 1, run.output
    assert f"{out}: cannot write: No space left on device; nothing written" in run.stderr
    assert out.read_text() == before and temporaries(tmp_path) == []


SLOW_RENDER = """
import os, sys, time
real_fsync = os.fsync
def slow(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow
sys.argv = ["tfgen", "render", *sys.argv[1:]]
from tfgen.cli import main
main()
"""


def test_sigterm_during_a_render_leaves_no_temporary(tmp_path: Path) -> None:
    """Was: SIGTERM (what CI cancellation sends) left `.tfgen-*.tmp` with the full content."""
    shutil.copytree(SPEC.parent, tmp_path, dirs_exist_ok=True)
    (tmp_path / "full.yaml").write_text(SPEC.read_text().replace("nightly", "daily"))
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_RENDER, str(tmp_path / "full.yaml")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    assert len(temporaries(tmp_path)) == 1  # caught in the middle of the write
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert temporaries(tmp_path) == []
    assert (tmp_path / "full.tf.json").read_text() == (SPEC.parent / "full.tf.json").read_text()
