"""Rendering through the jinja2 templates in `templates/`, sandboxed and strict.

Spec values reach the template only as data, and leave it only through the `tf` filter: a
literal string has its `${` and `%{` escaped as Terraform JSON requires, and an Expression is
the only thing that becomes `"${...}"`. So no spec value is ever evaluated, by jinja2 or by
Terraform.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tfgen.support.data_files import Traversable, data_dir


@dataclass(frozen=True)
class Expression:
    """`{expr: ...}` in a spec: Terraform expression text, written as "${...}"."""

    text: str


def escape_literal(text: str) -> str:
    return text.replace("${", "$${").replace("%{", "%%{")


def to_terraform(value: Any) -> Any:
    """The JSON value Terraform reads back as value."""
    if isinstance(value, Expression):
        return "${" + value.text + "}"
    if isinstance(value, str):
        return escape_literal(value)
    if isinstance(value, dict):
        # Terraform JSON reads object keys as templates too.
        return {escape_literal(str(k)): to_terraform(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_terraform(v) for v in value]
    return value


def _tf(value: Any) -> str:
    return json.dumps(to_terraform(value), ensure_ascii=False)


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=_Loader(data_dir("templates")),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )
    env.filters["tf"] = _tf
    return env


class _Loader(BaseLoader):
    """Reads templates from tfgen's data folder, whether a checkout or an installed wheel."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def get_source(self, environment: Environment, template: str) -> tuple[str, None, Any]:
        path = self.root.joinpath(template)
        if not path.is_file():
            raise TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), None, lambda: True


def render_template(name: str, context: dict[str, Any]) -> str:
    return environment().get_template(name).render(context)
