"""Rules a JSON Schema cannot say: an argument set twice, a block defined twice in a module,
an attribute written as a block, a block type the resource does not have."""

from __future__ import annotations

from tfgen.checks.blocks import schema_for
from tfgen.checks.structure import duplicate_attributes, duplicate_blocks, nested_blocks
from tfgen.terraform.model import Block
from tfgen.terraform.parse.hcl import parse_hcl

BATCH = (
    'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
    '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n'
)


def blocks(text: str, path: str = "main.tf") -> list[Block]:
    return parse_hcl(text, path).body.blocks


def test_an_argument_set_twice_is_reported_at_the_second() -> None:
    [block] = blocks(BATCH + '  endpoint = "/v1/embeddings"\n}\n')
    [finding] = duplicate_attributes(block)
    assert (finding.code, finding.span.line, finding.attribute) == (
        "duplicate-attribute",
        5,
        "endpoint",
    )
    assert "already set at line 3" in finding.message


def test_a_block_defined_twice_across_files_is_reported() -> None:
    first = blocks(BATCH + "}\n", "a.tf")
    second = blocks(BATCH + "}\n", "b.tf")
    [finding] = duplicate_blocks([*first, *second])
    assert (finding.code, finding.span.file) == ("duplicate-block", "b.tf")


def test_an_attribute_written_as_a_block_and_an_unknown_block() -> None:
    text = BATCH + '  output_expires_after {\n    anchor = "created_at"\n  }\n  retry {}\n}\n'
    [block] = blocks(text)
    schema = schema_for(block)
    assert schema is not None
    codes = sorted(d.code for d in nested_blocks(block, schema))
    assert codes == ["attribute-as-block", "unknown-block"]
