"""`--format json`: one object with every finding and the summary counts."""

from __future__ import annotations

import dataclasses
import json

from tfgen.diagnostics import Report, Severity
from tfgen.report.registry import Options, reporter
from tfgen.report.text import input_line


@reporter("json")
def format_json(report: Report, options: Options) -> str:
    document = {
        "version": 1,
        "diagnostics": [d.to_dict() for d in report.sorted()],
        "summary": {
            "files": report.files,
            "blocks": report.blocks,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
        },
    }
    if report.inputs:
        document["inputs"] = [
            {"file": i.file, **dataclasses.asdict(i), "line": input_line(i)} for i in report.inputs
        ]
    return json.dumps(document, indent=2) + "\n"
