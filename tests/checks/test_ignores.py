"""Inline ignores in .tf and .tf.json, with and without reasons."""

from __future__ import annotations

from pathlib import Path

from locations import FIXTURES

from tfgen.commands.run_validate import validate

IGNORES = FIXTURES / "ignores"


def found() -> set[tuple[str, int, str, str | None]]:
    report = validate([str(IGNORES)])
    return {(Path(d.span.file).name, d.span.line, d.code, d.address) for d in report.diagnostics}


def test_ignores_suppress_exactly_what_they_name() -> None:
    B = "openai_batch."
    assert found() == {
        # without a reason: the finding is ignored, the ignore is flagged
        ("main.tf", 16, "ignore-without-reason", None),
        ("main.tf", 28, "unused-ignore", None),
        # a "# tfgen:ignore" inside a string is not a comment
        ("main.tf", 35, "unknown-argument", B + "in_a_string"),
        ("main.tf", 42, "invalid-ignore", None),
        # an ignore of another code leaves the finding, and is itself unused
        ("main.tf", 48, "invalid-endpoint", B + "other_code_not_ignored"),
        ("main.tf", 48, "unused-ignore", None),
        ("jobs.tf.json", 10, "ignore-without-reason", None),
        ("jobs.tf.json", 19, "invalid-endpoint", B + "json_plain_comment"),
    }


def test_ignore_warnings_do_not_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = "/v1/Responses" # tfgen:ignore invalid-endpoint\n'
        '  input_file_id = "file-1"\n}\n'
    )
    report = validate([str(tmp_path)])
    assert [d.code for d in report.diagnostics] == ["ignore-without-reason"]
    assert not report.has_errors


def test_block_ignore_covers_every_instance(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        "# tfgen:ignore-block invalid-endpoint -- staging proxy\n"
        'resource "openai_batch" "x" {\n  count = 2\n  completion_window = "24h"\n'
        '  endpoint = ["/v1/responses", "/v1/proxy"][count.index]\n'
        '  input_file_id = "file-1"\n}\n'
    )
    assert validate([str(tmp_path)]).diagnostics == []


def test_block_ignore_not_above_a_block_is_flagged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        "# tfgen:ignore-block invalid-endpoint -- floating\n\n"
        'data "openai_batch" "x" {\n  batch_id = "b"\n}\n'
    )
    codes = sorted(d.code for d in validate([str(tmp_path)]).diagnostics)
    assert codes == ["invalid-ignore"]
