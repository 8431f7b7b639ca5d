"""The model every check reads: blocks by type, and Terraform's addresses."""

from __future__ import annotations

from tfgen.terraform.model import Module
from tfgen.terraform.parse import load_bytes

TEXT = b"""resource "openai_batch" "nightly" {}
data "openai_batch" "last" {}
variable "endpoint" {}
locals {}
"""


def test_blocks_by_type_across_files_and_their_addresses() -> None:
    module = Module("mod", [load_bytes(TEXT, "mod/a.tf"), load_bytes(TEXT, "mod/b.tf")])
    assert [b.address for b in module.blocks("resource")] == ["openai_batch.nightly"] * 2
    assert module.blocks("data")[0].address == "data.openai_batch.last"
    assert module.blocks("variable")[0].address == "variable.endpoint"
    assert module.files[0].text == TEXT.decode()
