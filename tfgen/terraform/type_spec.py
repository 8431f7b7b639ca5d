"""A Terraform type as data: what a constraint spells and what a value has.

Apart from the conversions (types.py) because values carry one: an empty list still has
the element type its function gave it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)
class TypeSpec:
    kind: str  # string number bool any list set map tuple object
    element: TypeSpec | None = None
    attributes: dict[str, TypeSpec] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()
    defaults: dict[str, object] = field(default_factory=dict)  # optional(type, default)
    elements: tuple[TypeSpec, ...] = ()
