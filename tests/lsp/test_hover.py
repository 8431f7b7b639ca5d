"""Hover: the value tfgen resolved for an argument of a checked block, and where it came from."""

from __future__ import annotations

from pathlib import Path

from tfgen.lsp.hover import MAX_INSTANCES_SHOWN, hover_at

MODULE = """\
variable "window" {
  type    = string
  default = "12h"
}

locals {
  team = "ml"
}

resource "openai_batch" "one" {
  completion_window = var.window
  endpoint          = "/v1/chat/completions"
  input_file_id     = "file-abc"
  metadata          = { team = local.team, retries = 3 }
}

resource "openai_batch" "many" {
  count             = 2
  completion_window = "24h"
  endpoint          = "/v1/chat/completions"
  input_file_id     = "file-${count.index}"
}

resource "other_thing" "x" {
  name = "not checked"
}
"""


def _module(tmp_path: Path) -> Path:
    main = tmp_path / "main.tf"
    main.write_text(MODULE)
    return main


def test_a_variable_shows_its_value_and_origin(tmp_path: Path) -> None:
    main = _module(tmp_path)
    (tmp_path / "terraform.tfvars").write_text('window = "24h"\n')
    found = hover_at(str(main), 11, 5, {})
    assert found is not None
    assert found.text == (
        '`openai_batch.one.completion_window` = `"24h"`\n\n'
        'from `var.window = "24h" (terraform.tfvars:1)`'
    )
    assert (found.span.line, found.span.column, found.span.end_column) == (11, 3, 33)


def test_the_value_terraform_sends_is_shown_when_converted(tmp_path: Path) -> None:
    found = hover_at(str(_module(tmp_path)), 14, 30, {})
    assert found is not None
    assert 'sent as `{ team = "ml", retries = "3" }`' in found.text
    assert '`local.team = "ml"' in found.text


def test_each_instance_is_shown(tmp_path: Path) -> None:
    found = hover_at(str(_module(tmp_path)), 21, 3, {})
    assert found is not None
    assert found.text == (
        '- `openai_batch.many[0].input_file_id` = `"file-0"`; from `count.index = 0`\n'
        '- `openai_batch.many[1].input_file_id` = `"file-1"`; from `count.index = 1`'
    )
    assert MAX_INSTANCES_SHOWN >= 2


def test_nothing_outside_a_checked_argument(tmp_path: Path) -> None:
    main = str(_module(tmp_path))
    assert hover_at(main, 1, 1, {}) is None  # a variable block
    assert hover_at(main, 10, 1, {}) is None  # a block header
    assert hover_at(main, 26, 4, {}) is None  # a block tfgen does not check
    assert hover_at(main, 11, 34, {}) is None  # past the end of the argument


def test_the_unsaved_buffer_is_what_is_shown(tmp_path: Path) -> None:
    main = _module(tmp_path)
    edited = MODULE.replace('default = "12h"', 'default = "1h"')
    found = hover_at(str(main), 11, 5, {str(main): edited.encode()})
    assert found is not None and '`"1h"`' in found.text


def test_a_broken_file_has_no_hover(tmp_path: Path) -> None:
    main = _module(tmp_path)
    assert hover_at(str(main), 11, 5, {str(main): b'resource "openai_batch" "one" {\n'}) is None
