"""What every command shares: `-` names standard output, for render's -o and --output-file."""

from __future__ import annotations

from tfgen import cli
from tfgen.commands import STDOUT, run_render


def test_one_word_for_stdout_everywhere() -> None:
    assert STDOUT == "-"
    assert run_render.STDOUT is STDOUT and cli.STDOUT is STDOUT
