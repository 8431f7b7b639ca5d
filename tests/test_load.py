"""Reading files: literal values as Terraform evaluates them, encodings, syntax errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgen.diagnostics import Diagnostic
from tfgen.evaluate import Scope, evaluate
from tfgen.load import ParseFailure, load_file
from tfgen.load.source import decode
from tfgen.validate import validate

LOAD = Path(__file__).parent / "fixtures" / "load"


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

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    # chmod cannot make a file unreadable for root, who runs CI here.
    monkeypatch.setattr(Path, "read_bytes", denied)
    [finding] = validate([str(target)]).diagnostics
    assert finding.code == "unreadable-file"
    assert finding.message == "cannot read: Permission denied"
