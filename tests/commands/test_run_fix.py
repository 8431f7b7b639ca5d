"""--fix and --diff: the edits of single-candidate "did you mean" findings, made only where
the file holds exactly what the finding saw, never in a file that does not parse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner
from locations import FIXTURES

from tfgen.cli import cli
from tfgen.commands.run_fix import planned_fixes
from tfgen.commands.run_validate import validate

FIX = FIXTURES / "fix"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def copy(tmp_path: Path, name: str) -> Path:
    shutil.copytree(FIX / name, tmp_path / name)
    return tmp_path / name


def test_fix_leaves_the_module_clean_and_says_what_it_changed(tmp_path: Path) -> None:
    module = copy(tmp_path, "clean")
    code, out, err = run("validate", "--fix", str(module))
    assert code == 0 and out.startswith("No problems found"), out
    assert err.splitlines() == [
        f"fixed 2 findings in {module / 'jobs.tf.json'}",
        f"fixed 2 findings in {module / 'main.tf'}",
    ]
    assert run("validate", str(module))[0] == 0  # validated again from scratch: clean
    main = (module / "main.tf").read_text()
    assert 'endpoint          = "/v1/chat/completions"' in main and "endpont" not in main
    assert '"input_file_id": "file-weekly"' in (module / "jobs.tf.json").read_text()


def test_diff_shows_the_edits_and_writes_nothing(tmp_path: Path) -> None:
    module = copy(tmp_path, "clean")
    before = {p.name: p.read_bytes() for p in module.iterdir()}
    code, out, _ = run("validate", "--diff", str(module))
    assert code == 1
    assert '-  endpont           = "/v1/embeddings"' in out
    assert '+  endpoint           = "/v1/embeddings"' in out
    assert '+        "endpoint": "/v1/embeddings",' in out
    assert {p.name: p.read_bytes() for p in module.iterdir()} == before
    fixed = copy(tmp_path / "again", "clean")
    run("validate", "--fix", str(fixed))
    assert run("validate", "--diff", str(fixed)) == (0, "", "")


def test_a_literal_written_otherwise_and_a_broken_file_are_left_alone(tmp_path: Path) -> None:
    module = copy(tmp_path, "partly")
    broken = (module / "broken.tf").read_bytes()
    code, out, err = run("validate", "--fix", str(module))
    assert err == f"fixed 1 finding in {module / 'main.tf'}\n"
    assert code == 1 and "openai_batch.escaped" in out and "openai_batch.plain" not in out
    assert "\\u002Fv1/Embeddings" in (module / "main.tf").read_text()
    assert (module / "broken.tf").read_bytes() == broken


def test_line_endings_the_bom_and_the_permissions_are_kept(tmp_path: Path) -> None:
    module = copy(tmp_path, "clean")
    main = module / "main.tf"
    main.write_bytes(b"\xef\xbb\xbf" + main.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(main, 0o640)
    run("validate", "--fix", str(module))
    data = main.read_bytes()
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    assert b'endpoint           = "/v1/embeddings"' in data
    assert os.stat(main).st_mode & 0o777 == 0o640


def test_a_file_changed_since_the_check_is_not_edited(tmp_path: Path) -> None:
    module = copy(tmp_path, "clean")
    report = validate([str(module)])
    main = module / "main.tf"
    main.write_text(main.read_text().replace("endpont", "endpunkt"))
    counts = {Path(change.path).name: change.count for change in planned_fixes(report)}
    assert counts == {"jobs.tf.json": 2, "main.tf": 1}  # the renamed argument is left alone


def test_applicable_keeps_fixes_the_text_still_holds_and_never_two_overlapping() -> None:
    from tfgen.commands.run_fix import applicable
    from tfgen.diagnostics import Fix, Span

    text = '\ufeffa = "x"\nendpont = 1\n'
    name = Fix(Span("f", 2, 1, 2, 8), "endpont", "endpoint")
    stale = Fix(Span("f", 1, 5, 1, 8), '"y"', '"z"')  # the text says "x" there now
    value = Fix(Span("f", 1, 5, 1, 8), '"x"', '"w"')  # after the BOM, which is no column
    inside = Fix(Span("f", 2, 3, 2, 5), "dp", "DP")  # overlaps the first fix of line 2
    edits = applicable(text, [inside, name, stale, value])
    assert [(start, end, fix) for start, end, fix in edits] == [(5, 8, value), (9, 16, name)]
    assert applicable(text, [Fix(Span("f", 9, 1, 9, 2), "x", "y")]) == []
