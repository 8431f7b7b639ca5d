"""Reading files: literal values as Terraform evaluates them, encodings, syntax errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from locations import FIXTURES

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Diagnostic
from tfgen.support import files
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse import ParseFailure, load_file
from tfgen.terraform.parse.source import decode

LOAD = FIXTURES / "load"


def metadata_of(path: Path) -> object:
    block = load_file(str(path)).body.blocks[0]
    attribute = block.body.attribute("metadata")
    assert attribute is not None
    return evaluate(attribute.expr, Scope())


def findings_in(path: Path) -> list[Diagnostic]:
    """A named file brings its whole module, here the fixture folder: its own findings."""
    return [d for d in validate([str(path)]).diagnostics if d.span.file == str(path)]


def test_literal_values_match_terraform() -> None:
    assert metadata_of(LOAD / "literals.tf") == {
        "heredoc": "first line\n",  # Terraform keeps the closing newline
        "indented": "keep\n  nested\n",  # <<- strips the common indentation
        "escapes": 'tab\there "quoted" café ${literal} %{literal}',
        "exponent": 3600,
        "half": 0.5,
        "negative": -2,
        "thousand": 1000,
        "flag": True,
    }


def test_attribute_and_key_positions() -> None:
    block = load_file(str(LOAD / "literals.tf")).body.blocks[0]
    assert (block.span.line, block.span.column) == (1, 1)
    endpoint = block.body.attribute("endpoint")
    assert endpoint is not None
    assert (endpoint.span.line, endpoint.span.column, endpoint.span.end_column) == (3, 3, 38)


@pytest.mark.parametrize("name", ["bom_crlf.tf", "bom_crlf.tf.json"])
def test_bom_and_crlf_are_read_with_true_positions(name: str) -> None:
    [finding] = findings_in(LOAD / name)
    assert finding.code == "invalid-endpoint"
    assert (finding.span.line, finding.span.column) == ((3, 3) if name.endswith(".tf") else (4, 5))


@pytest.mark.parametrize(
    ("name", "line", "column", "message"),
    [
        ("broken.tf", 3, 23, "unexpected newline"),
        ("unclosed.tf", 3, 1, "unexpected end of file"),
        ("broken.tf.json", 4, 40, "trailing comma before '}'"),
        ("latin1.tf", 4, 27, "file is not valid UTF-8 (byte 0xe9)"),
    ],
)
def test_unreadable_input_is_one_syntax_error(
    name: str, line: int, column: int, message: str
) -> None:
    [finding] = findings_in(LOAD / name)
    assert finding.code == "syntax-error"
    assert (finding.span.line, finding.span.column, finding.message) == (line, column, message)
    assert finding.address is None and finding.attribute is None


def test_other_files_are_still_checked_after_a_syntax_error() -> None:
    report = validate([str(LOAD)])
    codes = sorted(d.code for d in report.diagnostics)
    assert codes == ["invalid-endpoint", "invalid-endpoint"] + ["syntax-error"] * 4
    assert report.files == 7


def test_decode_rejects_invalid_utf8_with_position() -> None:
    with pytest.raises(ParseFailure) as caught:
        decode(b'a = "ok"\nb = "\xff"\n')
    assert (caught.value.line, caught.value.column) == (2, 6)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "main.tf"
    target.write_text("")

    def denied(path: object) -> int:
        raise PermissionError(13, "Permission denied")

    # chmod cannot make a file unreadable for root, who runs CI here.
    monkeypatch.setattr(files, "open_regular", denied)
    [finding] = validate([str(target)]).diagnostics
    assert finding.code == "unreadable-file"
    assert finding.message == "cannot read: Permission denied"


# -- reading: only regular files, never more than the limit --------------------------------


def test_validate_reports_fifos_and_devices_as_unreadable(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
    )
    os.mkfifo(tmp_path / "pipe.tf")
    os.symlink("/dev/zero", tmp_path / "zero.tf")
    found = [
        (Path(d.span.file).name, d.code, d.message) for d in validate([str(tmp_path)]).sorted()
    ]
    assert found == [
        (
            "pipe.tf",
            "unreadable-file",
            "cannot read: not a regular file (a FIFO, device or socket)",
        ),
        (
            "zero.tf",
            "unreadable-file",
            "cannot read: not a regular file (a FIFO, device or socket)",
        ),
    ]


@pytest.mark.parametrize("name", ["main.tf", "main.tf.json", "terraform.tfvars"])
def test_an_integer_of_thousands_of_digits_is_a_number(tmp_path: Path, name: str) -> None:
    """Was: an internal error (Python's int-to-string limit) for the whole run."""
    digits = "9" * 4301
    batch = (
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n  metadata = { n = var.n }\n}\n'
        'variable "n" {\n  default = 1\n}\n'
    )
    (tmp_path / "main.tf").write_text(batch)
    if name == "main.tf.json":
        (tmp_path / name).write_text('{"locals": {"n": ' + digits + "}}")
    elif name == "terraform.tfvars":
        (tmp_path / name).write_text(f"n = {digits}\n")
    else:
        (tmp_path / "main.tf").write_text(batch + f"locals {{\n  n = {digits}\n}}\n")
    report = validate([str(tmp_path)])
    assert [d.code for d in report.diagnostics if d.code == "syntax-error"] == []


@pytest.mark.parametrize(
    "nested",
    [
        lambda d: "[" * d + "]" * d,
        lambda d: "(" * d + "1" + ")" * d,
        lambda d: "{a = " * d + "1" + "}" * d,
        lambda d: "abs(" * d + "1" + ")" * d,
        lambda d: '"${' * d + "1" + '}"' * d,
    ],
    ids=["list", "parentheses", "object", "call", "template"],
)
def test_the_documented_nesting_limit_holds_on_both_sides(nested: Any, tmp_path: Path) -> None:
    """README: brackets, braces, parentheses and interpolations nest up to 1,000 levels,
    the braces of the blocks around them included (here, one: `locals {`)."""
    from tfgen.support.limits import MAX_NESTING

    def findings(depth: int) -> list[str]:
        (tmp_path / "main.tf").write_text(
            f"locals {{\n  deep = {nested(depth)}\n}}\n"
            'data "openai_batch" "x" {\n  batch_id = "batch_1"\n}\n'
        )
        return [d.code for d in validate([str(tmp_path / "main.tf")]).diagnostics]

    assert MAX_NESTING == 1_000
    assert findings(MAX_NESTING - 1) == []
    assert findings(MAX_NESTING) == ["file-too-large"]


def test_one_token_budget_covers_every_scan_of_a_file() -> None:
    from tfgen.terraform.parse.hcl_scan import scan, token_budget

    with token_budget(12):
        assert len(scan("a = 1\n")) == 5  # a, =, 1, newline, end of file
        with pytest.raises(ParseFailure) as caught:
            scan("b = 2\nc = 3\n")  # 9 more tokens: past the 12
    assert caught.value.code == "file-too-large"
    assert "the file has more than 12 tokens" in caught.value.message


BATCH = 'data "openai_batch" "x" {\n  batch_id = "batch_1"\n}\n'


def test_a_top_level_block_of_too_many_tokens_is_refused_quickly(tmp_path: Path) -> None:
    """Was: 100,000 attributes (1.4 MB) took 19 s; one block of 160,000 tokens is refused in
    about a second: python-hcl2's tree of one block is held whole, and this bounds it."""
    attributes = "".join(f"  a{i} = {i}\n" for i in range(40_000))
    (tmp_path / "main.tf").write_text(BATCH + "locals {\n" + attributes + "}\n")
    [finding] = validate([str(tmp_path)]).diagnostics
    assert (finding.code, finding.span.line) == ("file-too-large", 4)
    assert "this top-level block or argument has more than 150,000 tokens" in finding.message


def test_a_file_of_too_many_tokens_is_refused(tmp_path: Path) -> None:
    """Top-level items are read a few at a time, so a file may hold more tokens than a block:
    up to MAX_TOKENS (600,000 here are 150,001 arguments of four)."""
    arguments = "".join(f"a{i} = {i}\n" for i in range(150_001))
    (tmp_path / "main.tf").write_text(BATCH + arguments)
    [finding] = validate([str(tmp_path)]).diagnostics
    assert (finding.code, finding.span.line) == ("file-too-large", 1)
    assert "the file has more than 600,000 tokens" in finding.message


def test_a_file_past_one_blocks_budget_is_read_in_runs_and_placed(tmp_path: Path) -> None:
    """18,000 blocks (162,000 tokens, more than one block may hold) are read a run of blocks at
    a time, and a finding in the last one is at its line."""
    blocks = "".join(f"locals {{\n  a{i} = {i}\n}}\n" for i in range(18_000))
    batch = 'resource "openai_batch" "x" {\n  endpoint = "/v1/Embeddings"\n}\n'
    (tmp_path / "main.tf").write_text(blocks + batch)
    found = {(d.code, d.span.line, d.span.column) for d in validate([str(tmp_path)]).diagnostics}
    assert ("invalid-endpoint", 54_002, 3) in found
