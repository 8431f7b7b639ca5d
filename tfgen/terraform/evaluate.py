"""Evaluating expressions to the values Terraform knows before plan.

Anything that cannot be known yet evaluates to UNKNOWN, and UNKNOWN propagates: a checker
sees it and stays silent. Names (`var`, `local`, `each`, `count`) come from a Scope, which
also records which named values an evaluation used, so a finding can say where a value came
from, and what went wrong on the way (a function Terraform would reject, a cycle).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tfgen.diagnostics import Span
from tfgen.support.limits import MAX_STRING
from tfgen.terraform import expr as ex
from tfgen.terraform.type_spec import TypeSpec
from tfgen.terraform.values import (
    UNKNOWN,
    SetValue,
    is_known,
    quote,
    to_bool,
    to_number,
    to_string,
    type_name,
)

MAX_STEPS = 200_000  # per module: hostile input ends as UNKNOWN, not as a hang
# The largest value one expression may make: elements plus characters, a part shared by
# reference counted each time it is used, since checking walks it each time. Ten lists of a
# thousand lists of a thousand elements are tiny in memory and a billion steps to check.
MAX_VALUE_SIZE = 1 << 21


@dataclass(frozen=True)
class Named:
    """A named value with where it came from: `var.endpoint`, `terraform.tfvars:1`."""

    name: str
    value: object
    origin: str | None = None
    span: Span | None = None  # where a variable's value was given

    def describe(self) -> str:
        where = f" ({self.origin})" if self.origin else ""
        return f"{self.name} = {quote(self.value)}{where}"


@dataclass(frozen=True)
class Problem:
    span: Span
    code: str
    message: str


Resolver = Callable[[str], "Named | None"]


@dataclass
class _State:
    """Shared by a scope and its children: one budget, one list of problems, one trace."""

    problems: list[Problem] = field(default_factory=list)
    steps: int = 0
    trace: list[Named] | None = None
    sizes: dict[int, tuple[object, int]] = field(default_factory=dict)  # id -> (value, size)
    declarations: Declarations | None = None  # set in a module: names are then checked
    cyclic: frozenset[str] = frozenset()  # `local.a`, `var.b`: in a cycle, never evaluated


@dataclass(frozen=True)
class Declarations:
    """What a module declares, so that a reference to anything else is Terraform's error."""

    resources: frozenset[tuple[str, str]] = frozenset()
    data: frozenset[tuple[str, str]] = frozenset()
    modules: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Root:
    """A reference on its way to a value: `var`, `data.openai_batch`, `openai_batch`. Only an
    attribute access or an index may take one; anywhere else it is an invalid reference."""

    name: str
    steps: tuple[str, ...] = ()


@dataclass
class Scope:
    """What names mean: `var` and `local` in a module, `each` and `count` in an instance."""

    namespaces: dict[str, Resolver] = field(default_factory=dict)
    roots: dict[str, object] = field(default_factory=dict)  # a `for` expression's variables
    state: _State = field(default_factory=_State)

    @property
    def problems(self) -> list[Problem]:
        return self.state.problems

    def child(
        self, roots: dict[str, object] | None = None, namespaces: dict[str, Resolver] | None = None
    ) -> Scope:
        """A nested scope sharing this one's budget, problems and trace."""
        return Scope(
            {**self.namespaces, **(namespaces or {})}, {**self.roots, **(roots or {})}, self.state
        )

    def lookup(self, namespace: str, name: str) -> Named | None:
        """The named value, traced; None when the namespace has no such name."""
        trace = self.state.trace
        position = len(trace) if trace is not None else 0
        named = self.namespaces[namespace](name)
        if named is None:
            return None
        if trace is not None and named not in trace:
            # Before whatever its own evaluation used: the name the user wrote comes first.
            trace.insert(position, named)
        return named

    @contextmanager
    def tracing(self) -> Iterator[list[Named]]:
        """Collects every named value used while the block runs."""
        outer, self.state.trace = self.state.trace, []
        try:
            yield self.state.trace
        finally:
            self.state.trace = outer

    @contextmanager
    def trial(self) -> Iterator[list[Problem]]:
        """Problems met while the block runs are collected apart (for can() and try()), except
        references to undeclared names, which Terraform reports wherever they are."""
        outer, self.state.problems = self.state.problems, []
        caught = self.state.problems
        try:
            yield caught
        finally:
            self.state.problems = outer
            for problem in caught:
                if problem.code == "invalid-reference":
                    self.report(problem.span, problem.code, problem.message)
            caught[:] = [p for p in caught if p.code != "invalid-reference"]

    def spend(self) -> bool:
        """One evaluation step; False once the budget is gone."""
        self.state.steps += 1
        return self.state.steps <= MAX_STEPS

    def report(self, span: Span, code: str, message: str) -> None:
        problem = Problem(span, code, message)
        if problem not in self.state.problems:
            self.state.problems.append(problem)


def evaluate(node: ex.Expr, scope: Scope) -> object:
    value = _evaluate(node, scope)
    if isinstance(value, _Root):
        return _invalid_reference(node, value, scope)
    return value


def _evaluate(node: ex.Expr, scope: Scope) -> object:
    if not scope.spend():
        if scope.state.steps == MAX_STEPS + 1:
            scope.report(
                node.span,
                "evaluation-limit",
                f"tfgen stopped evaluating this module after {MAX_STEPS:,} steps; what is "
                "left is treated as unknown and not checked",
            )
        return UNKNOWN
    handler = _HANDLERS.get(type(node))
    if handler is None:
        return UNKNOWN
    try:
        value = handler(node, scope)
        if isinstance(value, str) and not value.isascii():
            value = unicodedata.normalize("NFC", value)  # every cty string is NFC
        if isinstance(value, (str, list, dict)) and not _fits(value, scope, node):
            return UNKNOWN
        return value
    except RecursionError:
        return UNKNOWN


def _fits(value: str | list[object] | dict[str, object], scope: Scope, node: ex.Expr) -> bool:
    """Every value an expression makes, whichever way (templates, heredocs, functions, `for`),
    is bounded here: a string by MAX_STRING, any value by MAX_VALUE_SIZE."""
    if isinstance(value, str):
        if len(value) <= MAX_STRING:
            return True
        what = f"a string of {len(value):,} characters; tfgen's limit is {MAX_STRING:,}"
    else:
        size = _size(value, scope.state.sizes)
        if size <= MAX_VALUE_SIZE:
            return True
        what = (
            f"a value of over {MAX_VALUE_SIZE:,} elements and characters (each use of a shared "
            "part counted)"
        )
    scope.report(node.span, "evaluation-limit", f"{what}; it is treated as unknown, not checked")
    return False


def _size(value: object, sizes: dict[int, tuple[object, int]]) -> int:
    """Elements and characters, each shared part counted at each use, each container
    measured once (its size is remembered, with the value kept so its id stays its own)."""
    if isinstance(value, str):
        return 1 + len(value)
    if not isinstance(value, (list, dict)):
        return 1
    known = sizes.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    total = 1
    for item in value.values() if isinstance(value, dict) else value:
        total += _size(item, sizes)
        if total > MAX_VALUE_SIZE:
            break  # over is over: the rest need not be walked
    sizes[id(value)] = (value, total)
    return total


def _function_error(scope: Scope, node: ex.Expr, message: str) -> object:
    scope.report(node.span, "invalid-expression", message)
    return UNKNOWN


def _literal(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Literal)
    return node.value


def _template(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Template)
    if len(node.parts) == 1 and isinstance(node.parts[0], ex.Expr):
        # "${x}" alone is x itself, with its own type (Terraform unwraps it).
        return evaluate(node.parts[0], scope)
    pieces = []
    for part in node.parts:
        value = part if isinstance(part, str) else _text(part, evaluate(part, scope), scope)
        if not isinstance(value, str):
            return UNKNOWN
        pieces.append(value)
    return "".join(pieces)


def _text(node: ex.Expr, value: object, scope: Scope) -> object:
    """A value interpolated into a template: a string, or Terraform's error."""
    if value is UNKNOWN:
        return UNKNOWN
    if value is None:
        scope.report(
            node.span, "invalid-expression", "Invalid template interpolation value: it is null"
        )
        return UNKNOWN
    if isinstance(value, (list, dict)):
        scope.report(
            node.span,
            "invalid-expression",
            f"Invalid template interpolation value: a {type_name(value)} is not a string",
        )
        return UNKNOWN
    return to_string(value)


def _template_if(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.TemplateIf)
    condition = _condition(node.condition, scope)
    if not isinstance(condition, bool):
        return UNKNOWN
    branch = node.then if condition else node.otherwise
    return _text(branch, evaluate(branch, scope), scope)


def _template_for(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.TemplateFor)
    pairs = _pairs(node.collection, scope)
    if pairs is None:
        return UNKNOWN
    pieces = []
    for key, value in pairs:
        inner = _iteration(node, scope, key, value)
        text = _text(node.body, evaluate(node.body, inner), scope)
        if not isinstance(text, str):
            return UNKNOWN
        pieces.append(text)
    return "".join(pieces)


def _iteration(
    node: ex.ForExpr | ex.TemplateFor, scope: Scope, key: object, value: object
) -> Scope:
    """The scope of one turn of a `for`: its value name, and its key name if it has one."""
    names = {node.value_var: value, **({node.key_var: key} if node.key_var else {})}
    return scope.child(roots=names)


def _described(value: object) -> str:
    return "null" if value is None else f"a {type_name(value)}"


def _condition(node: ex.Expr, scope: Scope) -> object:
    """A condition's value: a bool, UNKNOWN, or Terraform's error for anything else."""
    value = evaluate(node, scope)
    flag = to_bool(value)
    if value is UNKNOWN or isinstance(flag, bool):
        return flag
    message = f"Invalid condition: {_described(value)} is not a bool"
    scope.report(node.span, "invalid-expression", message)
    return UNKNOWN


def _pairs(node: ex.Expr, scope: Scope) -> list[tuple[object, object]] | None:
    """What a `for` iterates over: (key, value) pairs; None when it cannot be known."""
    from tfgen.terraform.functions import MAX_COLLECTION

    collection = evaluate(node, scope)
    if isinstance(collection, dict):
        pairs: list[tuple[object, object]] = sorted(collection.items())  # cty: by key
    elif isinstance(collection, SetValue):
        pairs = [(v, v) for v in collection]  # a set's elements are their own keys
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        if collection is not UNKNOWN:
            message = f"Iteration over non-iterable value: {_described(collection)}"
            scope.report(node.span, "invalid-expression", message)
        return None
    return pairs if len(pairs) <= MAX_COLLECTION else None


def _object(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.ObjectCons)
    result: dict[str, object] = {}
    for item in node.items:
        name = ex.object_key_name(item)
        key = name if name is not None else to_string(evaluate(item.key, scope))
        if not isinstance(key, str):
            return UNKNOWN  # an unknown key makes the whole object unknown
        if not key.isascii():
            key = unicodedata.normalize("NFC", key)  # a key is a string like any other
        result[key] = evaluate(item.value, scope)
    return result


def _tuple(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.TupleCons)
    return [evaluate(item, scope) for item in node.items]


def _variable(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Variable)
    if node.name in scope.roots:
        return scope.roots[node.name]
    return _Root(node.name)


def _get_attr(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.GetAttr)
    target = _evaluate(node.target, scope)
    if isinstance(target, _Root):
        return _reference(node, target, node.name, scope)
    return _access(node, target, node.name, scope, attribute=True)


def _index(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Index)
    target = _evaluate(node.target, scope)
    key = evaluate(node.key, scope)
    if isinstance(target, _Root):
        if not isinstance(key, str) or target.name in scope.namespaces:
            return _invalid_reference(node, target, scope)
        return _reference(node, target, key, scope)
    return _access(node, target, key, scope, attribute=False)


def _reference(node: ex.Expr, root: _Root, name: str, scope: Scope) -> object:
    """One step along `var.x`, `local.x`, `data.T.N`, `module.M`, `T.N`: the value once the
    reference is complete, UNKNOWN for what only plan knows, an error for an undeclared name."""
    if root.name in scope.namespaces:
        named = scope.lookup(root.name, name)
        if named is not None:
            return named.value
        return _undeclared(node, f"{root.name}.{name}", scope)
    declared = scope.state.declarations
    steps = (*root.steps, name)
    if root.name == "data" and len(steps) < 2:
        return _Root(root.name, steps)
    if declared is None:
        return UNKNOWN
    if root.name == "module":
        known = steps[0] in declared.modules
    elif root.name == "data":
        known = (steps[0], steps[1]) in declared.data
    else:
        known = (root.name, steps[0]) in declared.resources
    return UNKNOWN if known else _undeclared(node, ".".join((root.name, *steps)), scope)


_WHAT = {
    "var": "Reference to undeclared input variable",
    "local": "Reference to undeclared local value",
    "module": "Reference to undeclared module",
    "data": "Reference to undeclared resource",
}


def _undeclared(node: ex.Expr, reference: str, scope: Scope) -> object:
    if scope.state.declarations is None:
        return UNKNOWN  # not in a module (a variables file, a spec): nothing to check against
    root = reference.split(".")[0]
    summary = _WHAT.get(root, "Reference to undeclared resource")
    if root in scope.namespaces and root not in _WHAT:
        summary = f'Unsupported attribute: "{root}" has no attribute here'
    scope.report(node.span, "invalid-reference", f"{summary}: {reference} is not declared")
    return UNKNOWN


def _invalid_reference(node: ex.Expr, root: _Root, scope: Scope) -> object:
    if scope.state.declarations is None:
        return UNKNOWN
    name = ".".join((root.name, *root.steps))
    scope.report(node.span, "invalid-reference", f"Invalid reference: {name} alone is not a value")
    return UNKNOWN


def _access(node: ex.Expr, target: object, key: object, scope: Scope, attribute: bool) -> object:
    """`target.key` or `target[key]`, with Terraform's errors for what does not exist."""
    if target is UNKNOWN or key is UNKNOWN:
        return UNKNOWN
    problem = _access_problem(target, key, attribute)
    if problem is None:
        if isinstance(target, dict):
            return target[str(to_string(key))]
        assert isinstance(target, list)
        return target[int(to_number(key))]  # type: ignore[call-overload]
    if isinstance(target, (list, dict)) and not is_known(target):
        return UNKNOWN  # a missing key is certain, but an unknown element may be what it wants
    scope.report(node.span, "invalid-expression", problem)
    return UNKNOWN


def _access_problem(target: object, key: object, attribute: bool) -> str | None:
    if target is None:
        return (
            "Attempt to get attribute from null value"
            if attribute
            else "Attempt to index null value"
        )
    if isinstance(target, dict):
        name = to_string(key)
        if not isinstance(name, str):
            return f"Invalid index: a {type_name(key)} cannot index an object or map"
        if name in target:
            return None
        if attribute:
            return f'Unsupported attribute: this object has no attribute named "{name}"'
        return f"Invalid index: the key {quote(name)} does not identify an element"
    if isinstance(target, SetValue):
        return "Invalid index: elements of a set are identified only by their value"
    if isinstance(target, list) and not attribute:
        position = to_number(key)
        if not isinstance(position, int) or isinstance(position, bool):
            return "Invalid index: a list is indexed by a whole number"
        if 0 <= position < len(target):
            return None
        return f"Invalid index: index {position} is beyond a list of {len(target)} elements"
    if attribute:
        return f"Unsupported attribute: a {type_name(target)} value has no attributes"
    return f"Invalid index: a {type_name(target)} value has no indices"


def _call(node: ex.Expr, scope: Scope) -> object:
    from tfgen.terraform.functions import FUNCTIONS, EvaluationError, call

    assert isinstance(node, ex.Call)
    if node.name in _GUARDS and not node.expand_final:
        return _GUARDS[node.name](node, scope)
    name = node.name.removeprefix("core::")
    if name not in FUNCTIONS and not _is_function(name):
        return _function_error(
            scope, node, f'Call to unknown function: there is no function named "{node.name}"'
        )
    before = len(scope.problems)
    args = [evaluate(a, scope) for a in node.args]
    if len(scope.problems) > before:
        return UNKNOWN  # as HCL: a function whose arguments failed is not called, and has no type
    if node.expand_final and args:
        last = args.pop()
        if not isinstance(last, list):
            return UNKNOWN
        args.extend(last)
    try:
        return call(name, args)
    except EvaluationError as exc:
        return _function_error(scope, node, f"{node.name}(): {exc}")


def _can(node: ex.Call, scope: Scope) -> object:
    if len(node.args) != 1:
        return _function_error(scope, node, 'Function "can" expects exactly one argument')
    with scope.trial() as problems:
        value = evaluate(node.args[0], scope)
    if problems:
        return False
    return True if is_known(value) else UNKNOWN


def _try(node: ex.Call, scope: Scope) -> object:
    if not node.args:
        return _function_error(scope, node, 'Function "try" expects at least one argument')
    for argument in node.args:
        with scope.trial() as problems:
            value = evaluate(argument, scope)
        if not problems:
            return value if is_known(value) else UNKNOWN
    return _function_error(
        scope, node, "try(): no expression succeeded; the last error was: " + problems[-1].message
    )


# Functions that see their arguments' errors rather than their values.
_GUARDS: dict[str, Callable[[ex.Call, Scope], object]] = {"can": _can, "try": _try}


def _is_function(name: str) -> bool:
    """A function of Terraform's (tfgen may not compute it) or of a provider."""
    from tfgen.support.data_files import terraform_functions

    return name.startswith("provider::") or name in terraform_functions()


def _conditional(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Conditional)
    condition = _condition(node.condition, scope)
    if not isinstance(condition, bool):
        return UNKNOWN
    taken, other = (
        (node.true_result, node.false_result)
        if condition
        else (node.false_result, node.true_result)
    )
    value = evaluate(taken, scope)
    # Terraform evaluates both results: the result's type is the one both convert to.
    with scope.trial():
        alternative = evaluate(other, scope)
    return _unified(node, value, alternative, other, scope)


def _unified(
    node: ex.Expr, value: object, alternative: object, other: ex.Expr, scope: Scope
) -> object:
    from tfgen.terraform.types import TypeMismatch, convert_to, type_of, unify

    if value is UNKNOWN:
        return UNKNOWN
    known = type_of(alternative) if alternative is not UNKNOWN else _result_type(other, scope)
    target = unify(type_of(value), known)
    if target is None:
        scope.report(
            node.span,
            "invalid-expression",
            "Inconsistent conditional result types: "
            f"{type_name(value)} and {known.kind} have no common type",
        )
        return UNKNOWN
    try:
        return convert_to(value, target)
    except TypeMismatch:
        return UNKNOWN


def _result_type(node: ex.Expr, scope: Scope) -> TypeSpec:
    """The type an unknown (or failed) result still has: the one its expression always
    makes, and for a conditional the one both its results convert to, whatever became of
    its condition (HCL types a conditional before it looks at the condition)."""
    from tfgen.terraform.static_types import static_type
    from tfgen.terraform.types import ANY, type_of, unify

    if not isinstance(node, ex.Conditional):
        return static_type(node)
    with scope.trial():
        results = [evaluate(n, scope) for n in (node.true_result, node.false_result)]
    types = [
        _result_type(n, scope) if v is UNKNOWN else type_of(v)
        for v, n in zip(results, (node.true_result, node.false_result), strict=True)
    ]
    return unify(*types) or ANY


def _binary(node: ex.Expr, scope: Scope) -> object:
    from tfgen.terraform.functions import EvaluationError, binary

    assert isinstance(node, ex.BinaryOp)
    try:
        return binary(node.op, evaluate(node.left, scope), evaluate(node.right, scope))
    except EvaluationError as exc:
        return _function_error(scope, node, str(exc))


def _unary(node: ex.Expr, scope: Scope) -> object:
    from tfgen.terraform.functions import EvaluationError, unary

    assert isinstance(node, ex.UnaryOp)
    try:
        return unary(node.op, evaluate(node.operand, scope))
    except EvaluationError as exc:
        return _function_error(scope, node, str(exc))


def _for(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.ForExpr)
    pairs = _pairs(node.collection, scope)
    if pairs is None:
        return UNKNOWN
    results: list[tuple[object, object]] = []
    for key, value in pairs:
        inner = _iteration(node, scope, key, value)
        if node.condition is not None:
            keep = _condition(node.condition, inner)
            if not isinstance(keep, bool):
                return UNKNOWN
            if not keep:
                continue
        result_key = evaluate(node.key, inner) if node.key is not None else None
        results.append((result_key, evaluate(node.value, inner)))
    if node.key is None:
        return [value for _, value in results]
    return _grouped(node, results, scope)


def _grouped(node: ex.ForExpr, results: list[tuple[object, object]], scope: Scope) -> object:
    output: dict[str, object] = {}
    for key, value in results:
        key = to_string(key)
        if key is None or isinstance(key, (list, dict)):
            what = "a null value" if key is None else "a " + type_name(key)
            scope.report(
                node.key.span if node.key is not None else node.span,
                "invalid-expression",
                f"Invalid object key: the key of a 'for' expression must be a string, not {what}",
            )
            return UNKNOWN
        if not isinstance(key, str):
            return UNKNOWN
        if node.grouping:
            bucket = output.setdefault(key, [])
            assert isinstance(bucket, list)
            bucket.append(value)
        elif key in output:
            # An error, but HCL still makes the object (the first value kept): it has a type.
            scope.report(
                node.span,
                "invalid-expression",
                f"Duplicate object key {quote(key)}: use `...` after the value to group them",
            )
        else:
            output[key] = value
    return output


_HANDLERS: dict[type[ex.Expr], Callable[[ex.Expr, Scope], object]] = {
    ex.Literal: _literal,
    ex.Template: _template,
    ex.ObjectCons: _object,
    ex.TupleCons: _tuple,
    ex.Variable: _variable,
    ex.GetAttr: _get_attr,
    ex.Index: _index,
    ex.Call: _call,
    ex.Conditional: _conditional,
    ex.BinaryOp: _binary,
    ex.UnaryOp: _unary,
    ex.ForExpr: _for,
    ex.TemplateIf: _template_if,
    ex.TemplateFor: _template_for,
}
