"""Which check a document the editor opens gets, if any."""

from __future__ import annotations

import re

import pytest

from tfgen.lsp.documents import Kind, kind_of
from tfgen.support.config import Config

SPEC = "version: 1\nbatches:\n  nightly: {input_file_id: file-abc}\n"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/w/main.tf", Kind.TERRAFORM),
        ("/w/jobs.tf.json", Kind.TERRAFORM),
        ("/w/terraform.tfvars", Kind.TERRAFORM),
        ("/w/prod.tfvars.json", Kind.TERRAFORM),
        ("/w/.hidden.tf", None),  # Terraform does not read these
        ("/w/main.tf~", None),
        ("/w/requests.jsonl", Kind.INPUT),
        ("/w/.hidden.jsonl", Kind.INPUT),  # an upload may be named anything
        ("/w/README.md", None),
        ("/w/data.json", None),
    ],
)
def test_kind_by_name(path: str, kind: Kind | None) -> None:
    assert kind_of(path, "", Config()) is kind


def test_yaml_is_a_spec_when_it_looks_like_one() -> None:
    assert kind_of("/w/batches.yaml", SPEC, Config()) is Kind.SPEC
    assert kind_of("/w/batches.yml", SPEC, Config()) is Kind.SPEC
    named = "# yaml-language-server: $schema=https://x/spec.schema.json\nversion: 1\n"
    assert kind_of("/w/start.yaml", named, Config()) is Kind.SPEC
    compose = "services:\n  web:\n    image: nginx\n  batches: 3\n"  # nested, not top level
    assert kind_of("/w/compose.yaml", compose, Config()) is None


def test_a_spec_pattern_decides_alone() -> None:
    config = Config(spec_pattern=re.compile(r"\.tfgen\.ya?ml$"))
    assert kind_of("/w/jobs.tfgen.yaml", "version: 1\n", config) is Kind.SPEC
    assert kind_of("/w/batches.yaml", SPEC, config) is None
