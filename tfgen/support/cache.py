"""A content-hash cache of module results, so an unchanged module costs a read and a hash.

pre-commit and editors run tfgen on every change, mostly over modules that did not change.
A cached result must be exactly what checking the module again would give, so the key covers
everything `commands.run_validate._check_module` reads: tfgen's version, code and schemas,
every Terraform file of the module (path and content), its variables files and `--var-file`s
(path and content), the `--var`s in order and the `TF_VAR_` environment. What a result does
not depend on stays out of the key and is applied after the cache: which files of the module
were named, and the project configuration (disabled codes, severities, excludes). A module
that uploads a JSONL file is never cached (see `commands.run_validate`).

TFGEN_NO_CACHE=1 bypasses the cache; a cache directory that cannot be written is not used; an
entry that cannot be read or does not have the expected shape is a miss; the folder keeps at
most MAX_ENTRIES entries, the least recently used going first.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tfgen
from tfgen import __version__
from tfgen.diagnostics import Diagnostic

_FORMAT = 4  # bump when the cached record changes shape
MAX_ENTRIES = 512


@dataclass(frozen=True)
class ModuleResult:
    """What checking one module gives, before the configuration is applied."""

    diagnostics: list[Diagnostic]
    blocks: int
    declared: list[str]  # the variables the module declares (for unknown --var names)
    # Directories checked through a local module call, and their files: never cached (a
    # child may change).
    children: tuple[str, ...] = ()
    child_files: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "blocks": self.blocks,
            "declared": self.declared,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }

    @classmethod
    def from_json(cls, record: Any) -> ModuleResult:
        """Raises ValueError for anything but what to_json writes."""
        if not isinstance(record, dict) or set(record) != {"blocks", "declared", "diagnostics"}:
            raise ValueError("not a module result")
        blocks, declared, items = record["blocks"], record["declared"], record["diagnostics"]
        if type(blocks) is not int or not isinstance(declared, list) or not isinstance(items, list):
            raise ValueError("not a module result")
        if not all(isinstance(name, str) for name in declared):
            raise ValueError("not a module result")
        return cls([Diagnostic.from_dict(i) for i in items], blocks, declared)


def cache_dir() -> Path | None:
    """Where results are cached; None when TFGEN_NO_CACHE turns the cache off."""
    return None if os.environ.get("TFGEN_NO_CACHE") else user_cache_folder()


def user_cache_folder() -> Path:
    """tfgen's folder in the user's cache (results, the grammar cache, crash logs)."""
    explicit = os.environ.get("TFGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tfgen"


def module_key(
    files: Mapping[str, bytes],
    variables_files: Iterable[str],
    inputs: Iterable[object],
    environ: Mapping[str, str],
) -> str:
    import hashlib  # here: a run without the cache (TFGEN_NO_CACHE) never needs it

    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        # Length-prefixed, so that no two different sequences of parts hash alike.
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
            digest.update(b"%d:" % len(data) + data)

    add(_FORMAT, __version__, _code_digest(), len(files))
    for path in sorted(files):
        add(path, files[path])
    listed = list(variables_files)  # in order: a later --var-file wins
    add(len(listed))
    for path in listed:
        add(path, _read(path))
    ordered = list(inputs)
    add(len(ordered), *map(repr, ordered))
    tf_vars = sorted((k, v) for k, v in environ.items() if k.startswith("TF_VAR_"))
    add(len(tf_vars), *(part for pair in tf_vars for part in pair))
    return digest.hexdigest()


def load(key: str) -> ModuleResult | None:
    folder = cache_dir()
    if folder is None:
        return None
    entry = folder / f"{key}.json"
    try:
        result = ModuleResult.from_json(json.loads(entry.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable, truncated, or of another shape: check for real
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: pruned last
    return result


def store(key: str, result: ModuleResult) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        from tfgen.support.atomic import write_atomic

        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(str(folder / f"{key}.json"), json.dumps(result.to_json()))
        _prune(folder)
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob("*.json"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except OSError:
            continue  # removed by another process meanwhile
    entries.sort(reverse=True)
    for _, stale in entries[MAX_ENTRIES:]:
        stale.unlink(missing_ok=True)


def _read(path: str) -> bytes:
    from tfgen.support.files import read_limited
    from tfgen.support.limits import MAX_TERRAFORM_FILE

    try:
        return b"+" + read_limited(path, MAX_TERRAFORM_FILE)
    except OSError as exc:
        return b"-" + str(exc).encode("utf-8", "surrogateescape")


_DIGEST: list[str] = []


def _code_digest() -> str:
    """tfgen's own code and data: a changed rule or fix must never meet a stale result."""
    if not _DIGEST:
        import hashlib

        from tfgen.support.data_files import data_dir

        digest = hashlib.sha256()
        package = Path(tfgen.__file__).parent
        for path in sorted(package.rglob("*.py")):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
        for entry in sorted(data_dir("schemas").iterdir(), key=lambda e: e.name):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
        _DIGEST.append(digest.hexdigest())
    return _DIGEST[0]
