"""The console script: Ctrl-C while the command line is still being imported is one line, and
the process ends with its output whole."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys

import pytest
from locations import ROOT, tfgen_script

from tfgen import entry


def test_ctrl_c_during_the_imports_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "tfgen.cli":
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.delitem(sys.modules, "tfgen.cli", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "tfgen: interrupted\n"


def test_the_console_script_is_this_entry() -> None:
    scripts = (ROOT / "pyproject.toml").read_text().split("[project.scripts]")[1]
    assert scripts.split("[")[0].strip() == 'tfgen = "tfgen.entry:main"'


# Output to a pipe as users get it: block-buffered, so only a flush before leaving delivers it.
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


@pytest.mark.parametrize(("path", "code"), [("examples/valid", 0), ("examples/invalid", 1)])
def test_the_process_ends_with_its_output_whole_and_its_exit_code(path: str, code: int) -> None:
    """The script leaves without Python's teardown (entry.leave): what it printed to a pipe
    is all there, and the exit code is the command's."""
    done = subprocess.run(
        [tfgen_script(), "validate", "--format", "json", path],
        cwd=ROOT,
        capture_output=True,
        env=BUFFERED,
    )
    assert done.returncode == code, done.stderr
    assert json.loads(done.stdout)["summary"]["files"] > 0  # the whole document


def test_output_to_a_closed_pipe_ends_quietly() -> None:
    """The reader is gone before tfgen writes (`tfgen validate | head -0`)."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [tfgen_script(), "validate", "examples/invalid"],
            cwd=ROOT,
            stdout=write,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, b"")


def test_leave_says_a_message_given_as_the_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from tfgen.entry import leave; print('out'); leave('no good')"],
        capture_output=True,
        text=True,
        env=BUFFERED,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "out\n", "no good\n")


def test_the_collector_is_off_while_a_command_runs() -> None:
    """A short run keeps all it allocates; the collector's passes would only cost (entry)."""
    probe = (
        "import gc, tfgen.cli\n"
        "tfgen.cli.main = lambda: print(gc.isenabled())\n"
        "from tfgen import entry\n"
        "entry.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "False\n")
