"""A content-hash cache of check results, so an unchanged module costs a read and a hash.

pre-commit and editors run tfgen on every change, mostly over modules that did not change.
The key covers everything a module's findings depend on: tfgen's version and schemas, every
file of the module (and its variables files), the command-line inputs and the `TF_VAR_`
environment. Set TFGEN_NO_CACHE=1 (or pass --no-cache) to bypass it; a cache directory that
cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tfgen import __version__
from tfgen.diagnostics import Diagnostic

_FORMAT = 1  # bump when the cached record changes shape


def cache_dir() -> Path | None:
    if os.environ.get("TFGEN_NO_CACHE"):
        return None
    explicit = os.environ.get("TFGEN_CACHE_DIR")
    base = (
        Path(explicit)
        if explicit
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tfgen"
    )
    return base


def module_key(
    files: Mapping[str, bytes],
    extra_files: Iterable[str],
    inputs: Iterable[object],
    environ: Mapping[str, str],
) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}\0{__version__}\0{_code_digest()}\0".encode())
    for path in sorted(files):
        digest.update(f"{path}\0{len(files[path])}\0".encode())
        digest.update(files[path])
    for path in sorted(set(extra_files)):
        digest.update(f"{path}\0".encode())
        digest.update(_read(path))
    digest.update(json.dumps([repr(i) for i in inputs]).encode())
    digest.update(
        json.dumps(sorted((k, v) for k, v in environ.items() if k.startswith("TF_VAR_"))).encode()
    )
    return digest.hexdigest()


def load(key: str) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        record: dict[str, Any] = json.loads((folder / f"{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record


def store(key: str, record: dict[str, Any]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        from tfgen.atomic import write_atomic

        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(str(folder / f"{key}.json"), json.dumps(record))
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error


def encode(diagnostics: list[Diagnostic]) -> list[dict[str, object]]:
    return [d.to_dict() for d in diagnostics]


def decode(items: list[dict[str, Any]]) -> list[Diagnostic]:
    return [Diagnostic.from_dict(i) for i in items]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b"\0unreadable"


_DIGEST: list[str] = []


def _code_digest() -> str:
    """tfgen's own code and data: a changed rule or fix must never meet a stale result."""
    if not _DIGEST:
        from tfgen.resources import data_dir

        digest = hashlib.sha256()
        package = Path(__file__).parent
        sources = sorted(package.rglob("*.py"))
        schemas = data_dir("schemas")
        for path in sources:
            digest.update(path.read_bytes())
        for entry in sorted(schemas.iterdir(), key=lambda e: e.name):
            digest.update(entry.read_bytes())
        _DIGEST.append(digest.hexdigest())
    return _DIGEST[0]
