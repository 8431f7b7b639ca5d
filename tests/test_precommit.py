"""The hooks in .pre-commit-hooks.yaml, run for real by pre-commit against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
GOOD = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n'
)
VARIABLES = 'variable "endpoint" {\n  default = "/v1/responses"\n}\n'


def test_hook_definitions() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tfgen-validate", "tfgen-render", "tfgen-check-input"}
    assert hooks["tfgen-validate"]["files"] == r"\.tf$|\.tf\.json$"
    assert ".terraform" in hooks["tfgen-validate"]["exclude"]
    assert hooks["tfgen-check-input"]["files"] == r"\.jsonl$"
    assert all(
        h["language"] == "python" and h["entry"].startswith("tfgen ") for h in hooks.values()
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of tfgen")
    repo = tmp_path_factory.mktemp("scratch")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    return repo, env


def try_repo(
    repo: Path, env: dict[str, str], hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_validate_hook_passes_good_and_fails_bad(scratch: tuple[Path, dict[str, str]]) -> None:
    repo, env = scratch
    module = repo / "infra"
    module.mkdir()
    (module / "variables.tf").write_text(VARIABLES)
    (module / "main.tf").write_text(GOOD)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    good = try_repo(repo, env, "tfgen-validate", "infra/main.tf")
    assert good.returncode == 0, good.stdout + good.stderr
    # Only main.tf is passed: the bad value comes from its module's variables.tf.
    (module / "variables.tf").write_text(VARIABLES.replace("responses", "Responses"))
    bad = try_repo(repo, env, "tfgen-validate", "infra/main.tf")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "infra/main.tf:3:3: error[invalid-endpoint]" in bad.stdout


def test_render_hook_fails_on_a_stale_file(scratch: tuple[Path, dict[str, str]]) -> None:
    repo, env = scratch
    spec = repo / "jobs.tfgen.yaml"
    spec.write_text(
        "version: 1\nbatches:\n  a:\n    completion_window: 24h\n"
        "    endpoint: /v1/responses\n    input_file_id: file-1\n"
    )
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    missing = try_repo(repo, env, "tfgen-render", "jobs.tfgen.yaml")
    assert missing.returncode == 1 and "is missing" in missing.stdout + missing.stderr
    subprocess.run(
        [sys.executable, "-m", "tfgen", "render", "jobs.tfgen.yaml"], cwd=repo, check=True, env=env
    )
    fresh = try_repo(repo, env, "tfgen-render", "jobs.tfgen.yaml")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
