"""tfgen's data files, found in a checkout (the wheel is tested by test_installed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tfgen.support.data_files import data_dir, terraform_functions


def test_schemas_and_templates_are_found() -> None:
    assert data_dir("schemas").joinpath("resource.schema.json").is_file()
    assert data_dir("templates").is_dir()


def test_the_function_names_are_terraforms_builtins() -> None:
    names = terraform_functions()
    assert {"format", "templatestring", "cidrhost", "timestamp"} <= names
    assert "nosuchfunction" not in names and not any("::" in n for n in names)


def run(*args: str) -> str:
    environment = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}
    return subprocess.run(
        ["terraform", *args], capture_output=True, text=True, check=True, env=environment
    ).stdout


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")
def test_the_function_names_match_the_terraform_on_path() -> None:
    """The shipped list is `terraform metadata functions -json` of the version it names."""
    shipped = json.loads(data_dir("schemas").joinpath("terraform-functions.json").read_text())
    if json.loads(run("version", "-json"))["terraform_version"] != shipped["terraform_version"]:
        pytest.skip("the terraform on PATH is another version than the list was made from")
    listed = json.loads(run("metadata", "functions", "-json"))["function_signatures"]
    assert sorted(n for n in listed if "::" not in n) == shipped["functions"]
