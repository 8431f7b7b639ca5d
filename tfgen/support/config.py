"""Project configuration: `.tfgen.toml`, or `[tool.tfgen]` in `pyproject.toml`.

```toml
[tool.tfgen]
disable = ["input-file-id-format"]          # codes never reported
severity = { "undeclared-variable" = "error" }  # per-code severity overrides
exclude = ["legacy/**", "*.generated.tf"]    # never checked, even when named
spec-pattern = '\\.tfgen\\.ya?ml$'             # which files `tfgen render` treats as specs
```
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tfgen.codes import CODES
from tfgen.diagnostics import Diagnostic, Severity
from tfgen.errors import UsageError

CONFIG_FILE = ".tfgen.toml"
KEYS = ("disable", "severity", "exclude", "spec-pattern")


@dataclass(frozen=True)
class Config:
    disable: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    spec_pattern: re.Pattern[str] | None = None
    source: str | None = None
    select: frozenset[str] | None = None  # --select: only these codes are reported

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Drops disabled (and unselected) codes and applies severity overrides."""
        result = []
        for diagnostic in diagnostics:
            if diagnostic.code in self.disable:
                continue
            if self.select is not None and diagnostic.code not in self.select:
                continue
            severity = self.severity.get(diagnostic.code)
            if severity is not None and severity is not diagnostic.severity:
                diagnostic = dataclasses.replace(diagnostic, severity=severity)
            result.append(diagnostic)
        return result

    def excludes(self, path: str) -> bool:
        posix = Path(path).as_posix()
        return any(
            fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(Path(path).name, p) for p in self.exclude
        )

    def is_spec(self, path: str) -> bool:
        return (
            self.spec_pattern is None or self.spec_pattern.search(Path(path).as_posix()) is not None
        )


def chosen_config(
    paths: Iterable[str], config_file: str | None, select: Iterable[str], ignore: Iterable[str]
) -> Config:
    """The configuration a run uses: `--config FILE`, else the nearest one to the first path
    checked (as ruff finds its configuration from the files it checks), then `--select` and
    `--ignore` on top (`CODE,CODE` or repeated)."""
    if config_file is not None:
        path = Path(config_file)
        if path.name == "pyproject.toml":
            config = _pyproject(path, _tfgen_table(path) or {})
        else:
            config = load_config(path)
    else:
        config = find_config(_start(next(iter(paths), ".")))
    chosen = _listed(select, "--select")
    return dataclasses.replace(
        config,
        disable=config.disable | frozenset(_listed(ignore, "--ignore")),
        select=frozenset(chosen) if chosen else config.select,
    )


def _start(path: str) -> Path:
    start = Path(path).absolute()
    return start if start.is_dir() else start.parent


def _listed(values: Iterable[str], option: str) -> list[str]:
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    for code in codes:
        _known(code, option, "")
    return codes


def _tfgen_table(pyproject: Path) -> Any:
    return _read(pyproject).get("tool", {}).get("tfgen")


def _pyproject(path: Path, table: Any) -> Config:
    return parse_config(table, f"{path} [tool.tfgen]")


def find_config(start: Path) -> Config:
    """The nearest configuration in start or its parents; `.tfgen.toml` wins in one folder."""
    for folder in [start, *start.parents]:
        dedicated = folder / CONFIG_FILE
        if dedicated.is_file():
            return load_config(dedicated)
        pyproject = folder / "pyproject.toml"
        table = _tfgen_table(pyproject) if pyproject.is_file() else None
        if table is not None:  # read once: a pyproject without the table is passed over
            return _pyproject(pyproject, table)
    return Config()


def load_config(path: Path) -> Config:
    return parse_config(_read(path), str(path))


def _read(path: Path) -> dict[str, Any]:
    # Imported here: most runs find no configuration file, and tomllib costs ~3 ms to import.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    try:
        with path.open("rb") as stream:
            document: dict[str, Any] = tomllib.load(stream)
            return document
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def parse_config(table: Any, source: str) -> Config:
    if not isinstance(table, dict):
        raise UsageError(f"{source}: must be a table")
    for key in table:
        if key not in KEYS:
            raise UsageError(f"{source}: unknown key {key!r} (allowed: {', '.join(KEYS)})")
    pattern = table.get("spec-pattern")
    return Config(
        disable=frozenset(_codes(table.get("disable", []), source, "disable")),
        severity=_severities(table.get("severity", {}), source),
        exclude=tuple(_strings(table.get("exclude", []), source, "exclude")),
        spec_pattern=_regex(pattern, source) if pattern is not None else None,
        source=source,
    )


def _strings(value: Any, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{source}: {key} must be a list of strings")
    return value


def _codes(value: Any, source: str, key: str) -> list[str]:
    codes = _strings(value, source, key)
    for code in codes:
        _known(code, source, key)
    return codes


def _known(code: str, source: str, key: str) -> None:
    if code not in CODES:
        from tfgen.checks.suggest import did_you_mean

        where = f"{source}: {key}" if key else source
        raise UsageError(f"{where}: unknown code {code!r}{did_you_mean(code, CODES)}")


def _severities(value: Any, source: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise UsageError(f"{source}: severity must be a table of code = level")
    levels = {s.value: s for s in Severity}
    result = {}
    for code, level in value.items():
        _known(code, source, "severity")
        if level not in levels:
            raise UsageError(
                f"{source}: severity.{code}: {level!r} is not one of {', '.join(levels)}"
            )
        result[code] = levels[level]
    return result


def _regex(value: Any, source: str) -> re.Pattern[str]:
    if not isinstance(value, str):
        raise UsageError(f"{source}: spec-pattern must be a string")
    try:
        return re.compile(value)
    except re.error as exc:
        raise UsageError(f"{source}: spec-pattern: invalid regular expression: {exc}") from None
