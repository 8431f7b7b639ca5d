"""Reading a module's files into the model: a finding for each file that cannot be read."""

from __future__ import annotations

from pathlib import Path

from tfgen.terraform.module_reader import parse_module, read_all


def test_a_file_that_does_not_parse_is_a_finding_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.tf").write_text("locals {\n  a = 1\n}\n")
    (tmp_path / "bad.tf").write_text("locals {\n  a = \n")
    contents, problems = read_all([str(tmp_path / "good.tf"), str(tmp_path / "bad.tf")])
    assert problems == []
    module, unparsed = parse_module(str(tmp_path), contents)
    assert [f.path for f in module.files] == [str(tmp_path / "good.tf")]
    [finding] = unparsed
    assert finding.span.file == str(tmp_path / "bad.tf") and finding.code == "syntax-error"


def test_a_file_that_cannot_be_read_is_a_finding(tmp_path: Path) -> None:
    contents, [problem] = read_all([str(tmp_path / "missing.tf")])
    assert contents == {} and problem.code == "unreadable-file"
