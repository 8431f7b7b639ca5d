"""`tfgen eval`: the outputs of one module as tfgen computes them, and the findings on the way.

It is what `terraform apply` of a module without resources followed by `terraform output
-json` shows, and the interface the differential test against Terraform reads tfgen through.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from tfgen.diagnostics import Report
from tfgen.errors import UsageError
from tfgen.terraform.module_reader import parse_module, read_all
from tfgen.terraform.modules import module_files
from tfgen.terraform.variable_sources import VariableSources


@dataclass
class Evaluation:
    outputs: dict[str, object] = field(default_factory=dict)  # UNKNOWN where not known
    report: Report = field(default_factory=Report)


def run_eval(directory: str, sources: VariableSources | None = None) -> Evaluation:
    from tfgen.support.limits import deep_recursion
    from tfgen.terraform.module_values import evaluate_module, findings
    from tfgen.terraform.scope import module_scope
    from tfgen.terraform.variables import resolve_variables

    if not os.path.isdir(directory):
        raise UsageError(f"{directory}: not a directory (eval reads one module)")
    report = Report()
    paths = module_files(os.path.normpath(directory), report.diagnostics)
    contents, unreadable = read_all(paths)
    module, problems = parse_module(os.path.normpath(directory), contents)
    variables = resolve_variables(module, sources or VariableSources())
    scope = module_scope(module, variables.values)
    with deep_recursion():
        outputs = evaluate_module(module, scope)
    report.files = len(paths)
    report.sources.update(paths)
    report.diagnostics += [*unreadable, *problems, *variables.problems, *findings(scope)]
    return Evaluation(outputs, report)


def outputs_json(outputs: dict[str, object]) -> str:
    """The outputs as `terraform output -json` shapes them, numbers with all their digits."""
    entries = []
    for name in sorted(outputs):
        text = _value_json(outputs[name])
        body = '"known": false' if text is None else f'"value": {text}'
        entries.append(f"  {json.dumps(name)}: {{{body}}}")
    return "{\n" + ",\n".join(entries) + "\n}" if entries else "{}"


def _value_json(value: object) -> str | None:
    """cty's JSON of a known value; None for an unknown one, or one JSON cannot hold (an
    infinity, which Terraform itself cannot store as an output)."""
    from tfgen.terraform.functions.cty_json import to_json
    from tfgen.terraform.functions.failure import Pending
    from tfgen.terraform.values import is_known

    if not is_known(value):
        return None
    try:
        return to_json(value)
    except Pending:
        return None
