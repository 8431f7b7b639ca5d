"""What the command line and the environment give a run, kept in the order given."""

from __future__ import annotations

from pathlib import Path

from tfgen.commands.run_validate import validate
from tfgen.terraform.variable_sources import VariableSources


def test_later_sources_win_in_command_line_order(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "w" {}\nresource "openai_batch" "x" {\n  completion_window = var.w\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
    )
    (tmp_path / "w.tfvars").write_text('w = "25h"\n')
    var_file = str(tmp_path / "w.tfvars")
    last_file = VariableSources((("var", "w=24h"), ("var-file", var_file)), {})
    last_var = VariableSources((("var-file", var_file), ("var", "w=24h")), {})
    assert [d.code for d in validate([str(tmp_path)], last_file).diagnostics] == [
        "invalid-completion-window"
    ]
    assert validate([str(tmp_path)], last_var).diagnostics == []
    assert VariableSources().ordered == () and dict(VariableSources().environ) == {}
