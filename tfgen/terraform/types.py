"""Terraform type constraints (`variable "x" { type = map(string) }`) and conversion to them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tfgen.terraform import expr as ex
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.values import (
    UNKNOWN,
    ListValue,
    MapValue,
    SetValue,
    is_known,
    make_set,
    to_bool,
    to_number,
    to_string,
    type_name,
)


class TypeMismatch(ValueError):
    """The value cannot be converted; the message reads like Terraform's."""


ANY = TypeSpec("any")
_PRIMITIVES = {"string", "number", "bool", "any"}
_COLLECTIONS = {"list", "set", "map"}


Constant = Callable[[ex.Expr], object]  # evaluates an expression that may refer to nothing


def parse_type(node: ex.Expr, constant: Constant | None = None) -> TypeSpec:
    """The constraint an expression spells; anything unrecognised is `any` (never a guess).
    constant evaluates the defaults of `optional(type, default)` attributes."""
    if isinstance(node, ex.Variable) and node.name in _PRIMITIVES:
        return TypeSpec(node.name)
    if isinstance(node, ex.Call) and len(node.args) == 1:
        arg = node.args[0]
        if node.name in _COLLECTIONS:
            return TypeSpec(node.name, element=parse_type(arg, constant))
        if node.name == "object" and isinstance(arg, ex.ObjectCons):
            return _object_type(arg, constant)
        if node.name == "tuple" and isinstance(arg, ex.TupleCons):
            items = tuple(parse_type(i, constant) for i in arg.items)
            return TypeSpec("tuple", elements=items)
    return ANY


def _object_type(node: ex.ObjectCons, constant: Constant | None) -> TypeSpec:
    attributes: dict[str, TypeSpec] = {}
    optional = set()
    defaults: dict[str, object] = {}
    for item in node.items:
        name = ex.object_key_name(item)
        if name is None:
            return ANY
        value = item.value
        if isinstance(value, ex.Call) and value.name == "optional" and value.args:
            optional.add(name)
            if len(value.args) == 2:
                defaults[name] = constant(value.args[1]) if constant else UNKNOWN
            value = value.args[0]
        attributes[name] = parse_type(value, constant)
    return TypeSpec(
        "object", attributes=attributes, optional=frozenset(optional), defaults=defaults
    )


def convert_to(value: object, spec: TypeSpec) -> object:
    """Terraform's conversion of a value to a type constraint; raises TypeMismatch."""
    if value is UNKNOWN or value is None or spec.kind == "any":
        return value
    converter = _CONVERTERS[spec.kind]
    return converter(value, spec)


def _primitive(value: object, spec: TypeSpec) -> object:
    converted = {"string": to_string, "number": to_number, "bool": to_bool}[spec.kind](value)
    wanted = {"string": "string", "number": "number", "bool": "bool"}[spec.kind]
    if type_name(converted) != wanted:
        raise TypeMismatch(f"a {wanted} is required, got {type_name(value)}")
    return converted


def _sequence(value: object, spec: TypeSpec) -> object:
    if not isinstance(value, list):
        raise TypeMismatch(f"a {spec.kind} is required, got {type_name(value)}")
    assert spec.element is not None
    items = [convert_to(v, spec.element) for v in value]
    if spec.kind == "set":
        return make_set(items, spec.element) if is_known(items) else UNKNOWN
    return ListValue(items, spec.element)


def _map(value: object, spec: TypeSpec) -> object:
    if not isinstance(value, dict):
        raise TypeMismatch(f"a map is required, got {type_name(value)}")
    assert spec.element is not None
    return MapValue({k: convert_to(v, spec.element) for k, v in value.items()}, spec.element)


def _object(value: object, spec: TypeSpec) -> object:
    if not isinstance(value, dict):
        raise TypeMismatch(f"an object is required, got {type_name(value)}")
    result: dict[str, object] = {}
    for name, attribute_type in spec.attributes.items():
        given = value.get(name)
        if name not in value and name not in spec.optional:
            raise TypeMismatch(f'attribute "{name}" is required')
        if given is None and name in spec.defaults:
            given = spec.defaults[name]  # Terraform fills an absent or null optional attribute
        result[name] = convert_to(given, attribute_type)
    return result


def _tuple(value: object, spec: TypeSpec) -> object:
    if not isinstance(value, list) or len(value) != len(spec.elements):
        raise TypeMismatch(f"a tuple of {len(spec.elements)} elements is required")
    return [convert_to(v, t) for v, t in zip(value, spec.elements, strict=True)]


_CONVERTERS = {
    "string": _primitive,
    "number": _primitive,
    "bool": _primitive,
    "list": _sequence,
    "set": _sequence,
    "map": _map,
    "object": _object,
    "tuple": _tuple,
}


def type_of(value: object) -> TypeSpec:
    """The type of a known value as cty sees it; `any` for null or UNKNOWN (dynamic)."""
    if value is UNKNOWN or value is None:
        return ANY
    if isinstance(value, bool):
        return TypeSpec("bool")
    if isinstance(value, str):
        return TypeSpec("string")
    if isinstance(value, (SetValue, ListValue)):
        if not value and value.element is not None:
            element: TypeSpec | None = value.element
        else:
            element = _unify_all([type_of(v) for v in value])
        return TypeSpec("set" if isinstance(value, SetValue) else "list", element=element or ANY)
    if isinstance(value, list):
        return TypeSpec("tuple", elements=tuple(type_of(v) for v in value))
    if isinstance(value, MapValue):
        if not value and value.element is not None:
            return TypeSpec("map", element=value.element)
        return TypeSpec("map", element=_unify_all([type_of(v) for v in value.values()]) or ANY)
    if isinstance(value, dict):
        return TypeSpec("object", attributes={k: type_of(v) for k, v in value.items()})
    return TypeSpec("number")


def same_type(left: TypeSpec, right: TypeSpec) -> bool:
    if left.kind != right.kind:
        return False
    if left.element is not None or right.element is not None:
        return (
            left.element is not None
            and right.element is not None
            and same_type(left.element, right.element)
        )
    if left.kind == "tuple":
        return len(left.elements) == len(right.elements) and all(
            same_type(a, b) for a, b in zip(left.elements, right.elements, strict=True)
        )
    if left.kind == "object":
        return left.attributes.keys() == right.attributes.keys() and all(
            same_type(t, right.attributes[n]) for n, t in left.attributes.items()
        )
    return True


def unify(left: TypeSpec, right: TypeSpec) -> TypeSpec | None:
    """The type both convert to, as cty's convert.Unify finds it; None when there is none.
    A dynamic (`any`) side makes the result dynamic: nothing is converted."""
    if left.kind == "any" or right.kind == "any":
        return ANY
    if same_type(left, right):
        return left
    kinds = {left.kind, right.kind}
    if kinds <= {"string", "number", "bool"}:
        return TypeSpec("string") if "string" in kinds else None
    if kinds == {"object"}:
        if left.attributes.keys() == right.attributes.keys():
            attributes = {n: unify(t, right.attributes[n]) for n, t in left.attributes.items()}
            if any(t is None for t in attributes.values()):
                return None
            return TypeSpec("object", attributes=attributes)  # type: ignore[arg-type]
        return _collection("map", [*left.attributes.values(), *right.attributes.values()])
    if kinds <= {"object", "map"}:
        return _collection("map", [*_members(left), *_members(right)])
    if kinds == {"tuple"} and len(left.elements) == len(right.elements):
        elements = [unify(a, b) for a, b in zip(left.elements, right.elements, strict=True)]
        if any(t is None for t in elements):
            return None
        return TypeSpec("tuple", elements=tuple(elements))  # type: ignore[arg-type]
    if kinds <= {"tuple", "list"} or kinds == {"list", "set"}:
        return _collection("list", [*_members(left), *_members(right)])
    if kinds <= {"set", "tuple"}:
        return _collection("set", [*_members(left), *_members(right)])
    return None


def _members(spec: TypeSpec) -> list[TypeSpec]:
    if spec.element is not None:
        return [spec.element]
    return list(spec.elements) if spec.kind == "tuple" else list(spec.attributes.values())


def _collection(kind: str, members: list[TypeSpec]) -> TypeSpec | None:
    element = _unify_all(members)
    return None if element is None else TypeSpec(kind, element=element)


def _unify_all(types: list[TypeSpec]) -> TypeSpec | None:
    if not types or any(t.kind == "any" for t in types):
        return ANY  # cty: a dynamic member makes the whole unification dynamic
    kinds = {t.kind for t in types}
    if kinds <= {"string", "number", "bool"}:
        # Every one converts to a string, whatever the order: bool and number alone do not.
        return types[0] if len(kinds) == 1 else (STRING if "string" in kinds else None)
    result: TypeSpec | None = types[0]
    for other in types[1:]:
        if result is None:
            return None
        result = unify(result, other)
    return result


STRING, NUMBER = TypeSpec("string"), TypeSpec("number")


def element_type(value: object) -> TypeSpec | None:
    """The element type of a list, set or tuple as a list of it would have (None when a
    tuple's elements have no common type)."""
    spec = type_of(value)
    if spec.kind == "tuple":
        return _unify_all(list(spec.elements))
    return spec.element or ANY


def common_element(values: Sequence[object], skip_empty_dynamic: bool = False) -> TypeSpec | None:
    """The one element type that collections of these element types all convert to, as the
    result of concat or setunion has it: an empty list of strings still makes the numbers of
    another list strings. The set functions skip an empty collection of no element type."""
    types = [
        element_type(v)
        for v in values
        if not (skip_empty_dynamic and v == [] and (element_type(v) or ANY).kind == "any")
    ]
    if any(t is None for t in types):
        return None
    return _unify_all(types)  # type: ignore[arg-type]


def converts_to_string(spec: TypeSpec | None) -> bool:
    return spec is None or spec.kind in ("string", "number", "bool", "any")
