"""The result cache: a hit gives the same report without parsing; any change misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgen import cache
from tfgen.cli_inputs import CliInputs
from tfgen.validate import validate

RULES = Path(__file__).parent / "fixtures" / "rules"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TFGEN_NO_CACHE")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))
    module = tmp_path / "module"
    module.mkdir()
    (module / "main.tf").write_text((RULES / "metadata" / "main.tf").read_text())
    (module / "variables.tf").write_text('variable "owner" {\n  default = "ml"\n}\n')
    return module


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import tfgen.load as load

    parsed: list[str] = []
    original = load.parse_text

    def spy(text: str, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(text, path)

    monkeypatch.setattr(load, "parse_text", spy)
    return parsed


def test_a_hit_gives_the_same_report_without_parsing(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate([str(cached)])
    parsed = counted_parses(monkeypatch)
    second = validate([str(cached)])
    assert parsed == []
    assert second.diagnostics == first.diagnostics and second.blocks == first.blocks
    assert len(list((cached.parent / "cache").iterdir())) == 1


@pytest.mark.parametrize("change", ["file", "tfvars", "var", "env"])
def test_any_input_change_misses(
    cached: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    validate([str(cached)], CliInputs((), {}))
    parsed = counted_parses(monkeypatch)
    cli = CliInputs((), {})
    if change == "file":
        (cached / "variables.tf").write_text('variable "owner" {\n  default = "data"\n}\n')
    elif change == "tfvars":
        (cached / "terraform.tfvars").write_text('owner = "x"\n')
    elif change == "var":
        cli = CliInputs((("var", "owner=x"),), {})
    else:
        cli = CliInputs((), {"TF_VAR_owner": "x"})
    validate([str(cached)], cli)
    assert parsed, "a changed input must be checked again"


def test_no_cache_when_disabled_or_unwritable(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGEN_NO_CACHE", "1")
    validate([str(cached)])
    assert not (cached.parent / "cache").exists()
    monkeypatch.delenv("TFGEN_NO_CACHE")
    blocker = cached.parent / "file"
    blocker.write_text("")
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert validate([str(cached)]).diagnostics  # still checks, silently without a cache
    assert cache.load("0" * 64) is None
