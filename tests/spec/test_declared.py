"""A spec's var.NAME must be declared: in `variables:` or beside the rendered file."""

from __future__ import annotations

from pathlib import Path

from tfgen.spec.render import render_spec

SPEC = """version: 1
batches:
  a:
    completion_window: 24h
    endpoint: /v1/responses
    input_file_id: {expr: var.upload}
"""


def test_an_undeclared_variable_is_an_error_at_its_spec_line(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SPEC)
    result = render_spec(str(tmp_path / "s.yaml"), str(tmp_path / "s.tf.json"))
    [problem] = result.diagnostics
    assert result.text is None
    assert (problem.code, problem.span.line) == ("spec-undeclared-variable", 6)


def test_declared_in_the_spec_it_is_rendered_as_a_variable_block(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SPEC + "variables:\n  upload: {type: string}\n")
    result = render_spec(str(tmp_path / "s.yaml"), str(tmp_path / "s.tf.json"))
    assert result.diagnostics == [] and result.text is not None
    assert '"variable": {\n    "upload": {\n      "type": "string"' in result.text


def test_declared_beside_the_output_it_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SPEC)
    (tmp_path / "variables.tf").write_text('variable "upload" {}\n')
    result = render_spec(str(tmp_path / "s.yaml"), str(tmp_path / "s.tf.json"))
    assert result.diagnostics == []


OTHER_NAMES = """version: 1
batches:
  a:
    completion_window: 24h
    endpoint: /v1/responses
    input_file_id: {expr: aws_s3_object.upload.key}
    metadata:
      owner: {expr: local.owner}
      run: {expr: "data.external.run.result.id"}
      job: {expr: "module.jobs.name"}
"""


def test_other_names_must_be_declared_beside_the_output(tmp_path: Path) -> None:
    """Was: found by the spec fuzzer: `{expr: local.owner}` rendered, and validate (and
    `terraform validate`) then rejected the file for an undeclared local value."""
    (tmp_path / "s.yaml").write_text(OTHER_NAMES)
    result = render_spec(str(tmp_path / "s.yaml"), str(tmp_path / "s.tf.json"))
    assert result.text is None
    assert [(p.code, p.span.line, p.message) for p in result.diagnostics] == [
        (
            "invalid-reference",
            6,
            "Reference to undeclared resource: aws_s3_object.upload is not declared beside "
            "s.tf.json",
        ),
        (
            "invalid-reference",
            8,
            "Reference to undeclared local value: local.owner is not declared beside s.tf.json",
        ),
        (
            "invalid-reference",
            9,
            "Reference to undeclared resource: data.external.run is not declared beside s.tf.json",
        ),
        (
            "invalid-reference",
            10,
            "Reference to undeclared module: module.jobs is not declared beside s.tf.json",
        ),
    ]
    (tmp_path / "main.tf").write_text(
        'locals {\n  owner = "me"\n}\nresource "aws_s3_object" "upload" {}\n'
        'data "external" "run" {}\nmodule "jobs" {\n  source = "./jobs"\n}\n'
    )
    result = render_spec(str(tmp_path / "s.yaml"), str(tmp_path / "s.tf.json"))
    assert result.diagnostics == [] and result.text is not None
