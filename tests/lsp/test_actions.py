"""Code actions: the "did you mean" edit where the text still holds it, and ignore comments."""

from __future__ import annotations

from pathlib import Path

from tfgen.diagnostics import Diagnostic, Fix, Severity, Span
from tfgen.lsp.actions import IGNORE_REASON, Edit, actions_for
from tfgen.lsp.checking import check_document
from tfgen.lsp.documents import Kind

TEXT = 'resource "openai_batch" "x" {\n  endpont = "/v1/embeddings"\n}\n'


def _typo(file: str = "/w/main.tf", code: str = "unknown-argument") -> Diagnostic:
    name = Span(file, 2, 3, 2, 10)
    fix = Fix(name, "endpont", "endpoint") if code == "unknown-argument" else None
    return Diagnostic(Span(file, 2, 3, 2, 29), Severity.ERROR, code, "m", fix=fix)


def test_a_fix_and_an_ignore_for_a_finding() -> None:
    fix, ignore = actions_for([_typo()], TEXT)
    assert (fix.title, fix.preferred) == ("Change endpont to endpoint", True)
    assert fix.edit == Edit(Span("/w/main.tf", 2, 3, 2, 10), "endpoint")
    assert (ignore.title, ignore.preferred) == (
        "Ignore unknown-argument here (tfgen:ignore)",
        False,
    )
    comment = f"  # tfgen:ignore unknown-argument -- {IGNORE_REASON}\n"
    assert ignore.edit == Edit(Span("/w/main.tf", 2, 1, 2, 1), comment)


def test_no_fix_where_the_text_changed_since() -> None:
    actions = actions_for([_typo()], TEXT.replace("endpont", "endpoin"))
    assert [a.title for a in actions] == ["Ignore unknown-argument here (tfgen:ignore)"]


def test_a_crlf_file_gets_a_crlf_comment() -> None:
    (_, ignore) = actions_for([_typo()], TEXT.replace("\n", "\r\n"))
    assert ignore.edit.text.endswith(" --" + f" {IGNORE_REASON}\r\n")


def test_ignores_only_where_tfgen_reads_them() -> None:
    assert [a.title for a in actions_for([_typo("/w/x.tf.json")], TEXT)] == [
        "Change endpont to endpoint"
    ]
    assert actions_for([_typo("/w/terraform.tfvars", "undeclared-variable")], TEXT) == []
    assert actions_for([_typo(code="syntax-error")], TEXT) == []
    assert actions_for([_typo(code="unused-ignore")], TEXT) == []


def test_the_ignore_comment_silences_the_finding(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    text = (
        'resource "openai_batch" "x" {\n'
        '  completion_window = "24h"\n'
        '  input_file_id     = "file-abc"\n'
        '  endpoint          = "/v1/Embeddings"\n'
        "}\n"
    )
    main.write_text(text)
    (found,) = check_document(str(main), Kind.TERRAFORM, {})[str(main)]
    (_, ignore) = actions_for([found], text)
    lines = text.split("\n")
    lines.insert(found.span.line - 1, ignore.edit.text.rstrip("\n"))
    edited = "\n".join(lines)
    assert check_document(str(main), Kind.TERRAFORM, {str(main): edited.encode()})[str(main)] == []
