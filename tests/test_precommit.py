"""The hooks in .pre-commit-hooks.yaml, run for real by pre-commit against this checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
# Paths pre-commit may pass: what Terraform reads of them, the hook must take.
PATHS = [
    "infra/main.tf",
    "x.tf.json",
    "terraform.tfvars",
    "prod.auto.tfvars.json",
    "#a.tf",  # Terraform 1.11 reads it
    ".#main.tf",
    "infra/.old.tf",
    ".terraform/modules/m/main.tf",
    "main.tf~",
    "main.tf.bak",
]
GOOD = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n'
)
VARIABLES = 'variable "endpoint" {\n  default = "/v1/responses"\n}\n'


def test_hook_definitions() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tfgen-validate", "tfgen-render", "tfgen-check-input"}
    validate = hooks["tfgen-validate"]
    # One process sees every module once, and prints one summary.
    assert all(h["require_serial"] is True for h in hooks.values())
    picked = [
        p
        for p in PATHS
        if re.search(validate["files"], p) and not re.search(validate["exclude"], p)
    ]
    assert picked == [
        "infra/main.tf",
        "x.tf.json",
        "terraform.tfvars",
        "prod.auto.tfvars.json",
        "#a.tf",
    ]
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
    repo: Path, env: dict[str, str], hook: str, *files: str, verbose: bool = False
) -> subprocess.CompletedProcess[str]:
    """verbose: the hook's output even when it passes."""
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook]
    command += ["--verbose"] * verbose + ["--files", *files]
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


def commit_all(repo: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)


def fresh_module(repo: Path, name: str, **files: str) -> Path:
    module = repo / name
    module.mkdir()
    for file, text in files.items():
        (module / file.replace("__", ".")).write_text(text)
    return module


def test_a_changed_tfvars_alone_runs_the_hook(scratch: tuple[Path, dict[str, str]]) -> None:
    """Was: `files` had no .tfvars, so the hook never ran on a tfvars-only change."""
    repo, env = scratch
    fresh_module(
        repo,
        "tfvars",
        main__tf=GOOD,
        variables__tf=VARIABLES,
        terraform__tfvars='endpoint = "/v1/chat"\n',
    )
    commit_all(repo, env)
    run = try_repo(repo, env, "tfgen-validate", "tfvars/terraform.tfvars")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "tfvars/main.tf:3:3: error[invalid-endpoint]" in run.stdout


def test_a_finding_caused_by_a_changed_file_is_reported_wherever_it_sits(
    scratch: tuple[Path, dict[str, str]],
) -> None:
    """Was: only variables.tf changed, the finding in main.tf was dropped and the hook passed."""
    repo, env = scratch
    fresh_module(
        repo,
        "caused",
        main__tf=GOOD.replace("var.endpoint", "each.value").replace(
            "{\n", "{\n  for_each = var.endpoints\n", 1
        ),
        variables__tf='variable "endpoints" {\n  default = { a = "/v1/embedding", b = "/v1/responses" }\n}\n',
    )
    commit_all(repo, env)
    run = try_repo(repo, env, "tfgen-validate", "caused/variables.tf")
    assert run.returncode == 1, run.stdout + run.stderr
    assert 'caused/main.tf:4:3: error[invalid-endpoint] openai_batch.x["a"]' in run.stdout


def test_a_new_file_duplicating_a_block_fails(scratch: tuple[Path, dict[str, str]]) -> None:
    """Was: a new extra.tf.json redefining main.tf's block passed (the finding sat in main.tf)."""
    repo, env = scratch
    fresh_module(repo, "dup", main__tf=GOOD, variables__tf=VARIABLES)
    (repo / "dup" / "extra.tf.json").write_text(
        '{"resource": {"openai_batch": {"x": {"completion_window": "24h",'
        ' "endpoint": "/v1/responses", "input_file_id": "file-2"}}}}\n'
    )
    commit_all(repo, env)
    run = try_repo(repo, env, "tfgen-validate", "dup/extra.tf.json")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "error[duplicate-block]" in run.stdout


def test_all_files_of_a_large_module_fail_every_time_with_the_cache_on(
    scratch: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Was: pre-commit's parallel processes made the first run fail and every later one pass."""
    repo, env = scratch
    env = {k: v for k, v in env.items() if k != "TFGEN_NO_CACHE"}
    env["TFGEN_CACHE_DIR"] = str(tmp_path / "cache")
    files = {
        f"f{n:02}__tf": GOOD.replace('"x"', f'"b{n}"').replace("24h", "25h" if n == 7 else "24h")
        for n in range(40)
    }
    fresh_module(repo, "large", variables__tf=VARIABLES, **files)
    commit_all(repo, env)
    for _ in range(3):
        run = try_repo(repo, env, "tfgen-validate", *(f"large/f{n:02}.tf" for n in range(40)))
        assert run.returncode == 1, run.stdout + run.stderr
        assert run.stdout.count("error[invalid-completion-window]") == 1, run.stdout


def test_many_input_files_get_one_summary(scratch: tuple[Path, dict[str, str]]) -> None:
    """Was: pre-commit split the files over one process per core, each with its summary."""
    repo, env = scratch
    line = '{"custom_id": "a", "method": "POST", "url": "/v1/embeddings", "body": {"model": "m", "input": "x"}}\n'
    folder = repo / "inputs"
    folder.mkdir(exist_ok=True)
    names = [f"inputs/r{n:02}.jsonl" for n in range(12)]
    for name in names:
        (repo / name).write_text(line)
    commit_all(repo, env)
    run = try_repo(repo, env, "tfgen-check-input", *names, verbose=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("No problems found (12 files checked)") == 1, run.stdout
