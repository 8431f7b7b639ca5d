"""How reporters name files: pseudo-files for values from no file, and forward slashes."""

from __future__ import annotations

from tfgen.report.paths import is_pseudo_file, posix_path


def test_pseudo_files_are_the_command_line_and_the_environment() -> None:
    assert is_pseudo_file("<command line>") and is_pseudo_file("TF_VAR_endpoint")
    assert not is_pseudo_file("main.tf") and not is_pseudo_file("TF_VAR_x/main.tf")


def test_paths_use_forward_slashes() -> None:
    assert posix_path("modules/jobs.tf") == "modules/jobs.tf"
