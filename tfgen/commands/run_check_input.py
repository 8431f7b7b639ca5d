"""`tfgen check-input`: batch input files in, one Report out."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from tfgen.batch_input.checker import check_input
from tfgen.diagnostics import Report
from tfgen.support.config import Config

Progress = Callable[[int, int], None]


def run_check_input(
    paths: Iterable[str],
    endpoint: str | None,
    config: Config,
    progress_for: Callable[[str], Progress | None] = lambda path: None,
) -> Report:
    report = Report()
    for path in paths:
        result = check_input(path, endpoint, progress=progress_for(path))
        report.files += 1
        report.sources.add(path)
        report.diagnostics.extend(result.diagnostics)
        report.inputs.append(dataclasses.replace(result.summary, file=path))
    report.diagnostics = config.apply(report.diagnostics)
    return report
