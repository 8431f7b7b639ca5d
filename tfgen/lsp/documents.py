"""Which check a document gets: Terraform files their module's, JSONL check-input's, specs
render's. Anything else an editor sends is left alone."""

from __future__ import annotations

import enum
import re

from tfgen.support.config import Config
from tfgen.terraform.modules import SUFFIXES, VARIABLES_SUFFIXES, ignored_by_terraform


class Kind(enum.Enum):
    TERRAFORM = "terraform"  # .tf, .tf.json and variables files: their module is checked
    INPUT = "input"  # a batch input file
    SPEC = "spec"  # a tfgen render spec


INPUT_SUFFIX = ".jsonl"
SPEC_SUFFIXES = (".yaml", ".yml")
# Without a spec-pattern in the configuration, a YAML file is a spec when it has a top-level
# `batches` key or names the spec schema (yaml-language-server's modeline): an editor sends
# every YAML file it opens (workflows, compose files), which are none of tfgen's business.
_SPEC_MARK = re.compile(r"^batches\s*:|^#.*\$schema=\S*spec\.schema\.json", re.MULTILINE)


def kind_of(path: str, text: str, config: Config) -> Kind | None:
    if path.endswith(SUFFIXES + VARIABLES_SUFFIXES):
        return None if ignored_by_terraform(path) else Kind.TERRAFORM
    if path.endswith(INPUT_SUFFIX):
        return Kind.INPUT
    if path.endswith(SPEC_SUFFIXES) and is_spec(path, text, config):
        return Kind.SPEC
    return None


def is_spec(path: str, text: str, config: Config) -> bool:
    if config.spec_pattern is not None:
        return config.is_spec(path)
    return _SPEC_MARK.search(text) is not None
