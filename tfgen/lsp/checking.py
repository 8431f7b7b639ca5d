"""One check of a document as the editor holds it: validate's for a Terraform file (its whole
module and the modules that call it), check-input's for a JSONL file, render's for a spec.

Open buffers win over the files on disk; nothing is written (the result cache included, as
results of unsaved text are nobody else's). Findings are grouped by file, with an empty list
for each file the check read and found nothing in, so the editor clears what was fixed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from tfgen.diagnostics import Diagnostic, Report
from tfgen.lsp.callers import Calls
from tfgen.lsp.documents import Kind
from tfgen.support.config import Config, chosen_config
from tfgen.support.files import unsaved

Findings = dict[str, list[Diagnostic]]  # absolute path -> its findings


def check_document(
    path: str, kind: Kind, buffers: Mapping[str, bytes], calls: Calls | None = None
) -> Findings:
    """The findings of the check `path` gets, by file (absolute paths throughout)."""
    with unsaved(buffers):
        config = chosen_config([path], None, (), ())
        if kind is Kind.TERRAFORM:
            report = _module_report(path, config, calls)
        elif kind is Kind.INPUT:
            report = _input_report(path, config)
        else:
            report = _spec_report(path, config)
    return by_file(report.diagnostics, [path, *report.sources])


def by_file(diagnostics: Iterable[Diagnostic], files: Iterable[str]) -> Findings:
    """Findings keyed by absolute path; values from no file (TF_VAR_x, --var) are left out."""
    grouped: Findings = {os.path.abspath(f): [] for f in files}
    for diagnostic in diagnostics:
        if diagnostic.span.in_file:
            grouped.setdefault(os.path.abspath(diagnostic.span.file), []).append(diagnostic)
    return grouped


def _module_report(path: str, config: Config, calls: Calls | None) -> Report:
    from tfgen.commands.run_validate import validate

    directory = os.path.dirname(path)
    callers = calls.of(directory) if calls is not None else []
    return validate([directory, *callers], config=config)


def _input_report(path: str, config: Config) -> Report:
    from tfgen.batch_input.checker import check_input

    checked = check_input(path)
    return Report(config.apply(checked.diagnostics), files=1, sources={path})


def _spec_report(path: str, config: Config) -> Report:
    from tfgen.spec.render import default_output, render_spec

    result = render_spec(path, default_output(path))
    return Report(config.apply(result.diagnostics), files=1, sources={path})
