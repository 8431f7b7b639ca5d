"""Where tfgen's data files live: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

import functools
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable


@functools.cache
def data_dir(name: str) -> Traversable:
    """`schemas` or `templates`: the wheel carries them as tfgen/_data/NAME."""
    packaged = resources.files("tfgen").joinpath("_data").joinpath(name)
    if packaged.is_dir():
        return packaged
    import tfgen  # a source checkout: the data sits beside the package

    return Path(tfgen.__file__).resolve().parent.parent / name


@functools.cache
def terraform_functions() -> frozenset[str]:
    """The names of Terraform's built-in functions (schemas/terraform-functions.json)."""
    text = data_dir("schemas").joinpath("terraform-functions.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return frozenset(document["functions"])


__all__ = ["Traversable", "data_dir", "terraform_functions"]
