"""`tfgen check-input` on the command line: formats, summary, exit codes, progress."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from locations import FIXTURES, ROOT

from tfgen.cli import cli

INPUT = FIXTURES / "input"
EXAMPLE = ROOT / "examples" / "spec" / "data" / "embeddings.jsonl"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_good_file_prints_its_summary_and_exits_zero() -> None:
    code, out, _ = run("check-input", str(EXAMPLE))
    assert code == 0
    assert out.splitlines() == [
        f"{EXAMPLE}: 2 requests, model text-embedding-3-small, endpoint /v1/embeddings "
        "(most used), 295 bytes, 3 embedding inputs",
        "No problems found (1 file checked).",
    ]


def test_a_given_endpoint_is_enforced() -> None:
    code, out, _ = run("check-input", "--endpoint", "/v1/chat/completions", str(EXAMPLE))
    assert code == 1
    assert f"{EXAMPLE}:1:1: error[input-url-mismatch]" in out
    assert "Found 2 errors and 0 warnings (1 file checked)." in out


def test_json_format_carries_the_summary() -> None:
    code, out, _ = run("check-input", "--format", "json", str(EXAMPLE))
    assert code == 0
    document = json.loads(out)
    [summary] = document["inputs"]
    assert summary["requests"] == 2 and summary["embedding_inputs"] == 3
    assert summary["endpoint_inferred"] is True and summary["file"] == str(EXAMPLE)


def test_every_failing_fixture_exits_one_and_every_passing_one_zero() -> None:
    for path in sorted((INPUT / "fail").iterdir()):
        assert run("check-input", str(path))[0] == 1, path
    for path in sorted((INPUT / "pass").iterdir()):
        assert run("check-input", str(path))[0] == 0, path


def test_unknown_endpoint_and_missing_file_are_usage_errors() -> None:
    code, _, err = run("check-input", "--endpoint", "/v1/embedding", str(EXAMPLE))
    assert code == 2 and "/v1/embedding" in err
    code, _, _ = run("check-input", "no-such.jsonl")
    assert code == 2


def test_progress_bar_only_on_a_terminal_for_large_files(tmp_path: Path) -> None:
    line = json.dumps(
        {
            "custom_id": "x",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "m", "messages": [{"role": "user", "content": "y" * 900}]},
        }
    )
    big = tmp_path / "big.jsonl"
    with big.open("w") as stream:
        for number in range(22_000):  # about 21 MB
            stream.write(line.replace('"x"', f'"r{number}"') + "\n")
    command = [sys.executable, "-m", "tfgen", "check-input", str(big)]
    piped = subprocess.run(command, capture_output=True, text=True, check=False)
    assert piped.returncode == 0 and "Checking" not in piped.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait() == 0
    os.close(leader)
    assert b"Checking" in seen
    machine = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, check=False
    )
    assert json.loads(machine.stdout)["inputs"][0]["requests"] == 22_000
