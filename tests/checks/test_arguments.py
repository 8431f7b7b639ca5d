"""A block's arguments against its schema: the value after Terraform's conversions, the
place of the offending key, and where the value came from."""

from __future__ import annotations

from tfgen.checks.arguments import check_arguments
from tfgen.checks.blocks import schema_for
from tfgen.terraform.evaluate import Named, Scope
from tfgen.terraform.parse.hcl import parse_hcl

BLOCK = """resource "openai_batch" "x" {
  completion_window = "24h"
  endpoint          = var.endpoint
  input_file_id     = "file-1"
  output_expires_after = { anchor = "created_at", seconds = "60" }
}
"""


def test_findings_say_the_converted_value_and_its_origin() -> None:
    [block] = parse_hcl(BLOCK, "main.tf").body.blocks
    schema = schema_for(block)
    assert schema is not None
    scope = Scope(
        namespaces={"var": {"endpoint": Named("var.endpoint", "/v1/x", "t.tfvars:1")}.get}
    )
    found = {d.code: d for d in check_arguments(block, schema, scope)}
    assert set(found) == {"invalid-endpoint", "output-expires-seconds-out-of-range"}
    assert found["invalid-endpoint"].message.endswith('from var.endpoint = "/v1/x" (t.tfvars:1)')
    seconds = found["output-expires-seconds-out-of-range"]
    assert '(converted from string "60")' in seconds.message
    assert (seconds.span.line, seconds.attribute) == (5, "output_expires_after.seconds")
