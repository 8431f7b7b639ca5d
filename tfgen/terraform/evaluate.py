"""Evaluating expressions to the values Terraform knows before plan.

Anything that cannot be known yet evaluates to UNKNOWN, and UNKNOWN propagates: a checker
sees it and stays silent. Names (`var`, `local`, `each`, `count`) come from a Scope, which
also records which named values an evaluation used, so a finding can say where a value came
from, and what went wrong on the way (a function Terraform would reject, a cycle).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tfgen.diagnostics import Span
from tfgen.support.limits import MAX_STRING
from tfgen.terraform import expr as ex
from tfgen.terraform.numbers import is_number
from tfgen.terraform.values import UNKNOWN, quote, to_bool, to_string

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

    def lookup(self, namespace: str, name: str) -> object:
        trace = self.state.trace
        position = len(trace) if trace is not None else 0
        named = self.namespaces[namespace](name)
        if named is None:
            return UNKNOWN
        if trace is not None and named not in trace:
            # Before whatever its own evaluation used: the name the user wrote comes first.
            trace.insert(position, named)
        return named.value

    @contextmanager
    def tracing(self) -> Iterator[list[Named]]:
        """Collects every named value used while the block runs."""
        outer, self.state.trace = self.state.trace, []
        try:
            yield self.state.trace
        finally:
            self.state.trace = outer

    def spend(self) -> bool:
        """One evaluation step; False once the budget is gone."""
        self.state.steps += 1
        return self.state.steps <= MAX_STEPS

    def report(self, span: Span, code: str, message: str) -> None:
        problem = Problem(span, code, message)
        if problem not in self.state.problems:
            self.state.problems.append(problem)


def evaluate(node: ex.Expr, scope: Scope) -> object:
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
        value = part if isinstance(part, str) else to_string(evaluate(part, scope))
        if not isinstance(value, str):
            return UNKNOWN
        pieces.append(value)
    return "".join(pieces)


def _object(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.ObjectCons)
    result: dict[str, object] = {}
    for item in node.items:
        name = ex.object_key_name(item)
        key = name if name is not None else to_string(evaluate(item.key, scope))
        if not isinstance(key, str):
            return UNKNOWN  # an unknown key makes the whole object unknown
        result[key] = evaluate(item.value, scope)
    return result


def _tuple(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.TupleCons)
    return [evaluate(item, scope) for item in node.items]


def _variable(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Variable)
    return scope.roots.get(node.name, UNKNOWN)


def _get_attr(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.GetAttr)
    if isinstance(node.target, ex.Variable) and node.target.name in scope.namespaces:
        return scope.lookup(node.target.name, node.name)
    return _access(evaluate(node.target, scope), node.name)


def _index(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Index)
    return _access(evaluate(node.target, scope), evaluate(node.key, scope))


def _access(target: object, key: object) -> object:
    if isinstance(target, dict):
        key = to_string(key)
        return target.get(key, UNKNOWN) if isinstance(key, str) else UNKNOWN
    if isinstance(target, list) and is_number(key):
        position = int(key)
        return target[position] if 0 <= position < len(target) else UNKNOWN
    return UNKNOWN


def _call(node: ex.Expr, scope: Scope) -> object:
    from tfgen.terraform.functions import EvaluationError, call

    assert isinstance(node, ex.Call)
    args = [evaluate(a, scope) for a in node.args]
    if node.expand_final and args:
        last = args.pop()
        if not isinstance(last, list):
            return UNKNOWN
        args.extend(last)
    try:
        return call(node.name, args)
    except EvaluationError as exc:
        return _function_error(scope, node, f"{node.name}(): {exc}")


def _conditional(node: ex.Expr, scope: Scope) -> object:
    assert isinstance(node, ex.Conditional)
    condition = to_bool(evaluate(node.condition, scope))
    if not isinstance(condition, bool):
        return UNKNOWN
    return evaluate(node.true_result if condition else node.false_result, scope)


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
    from tfgen.terraform.functions import MAX_COLLECTION

    assert isinstance(node, ex.ForExpr)
    collection = evaluate(node.collection, scope)
    if isinstance(collection, dict):
        pairs: list[tuple[object, object]] = list(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        return UNKNOWN
    if len(pairs) > MAX_COLLECTION:
        return UNKNOWN
    results: list[tuple[object, object]] = []
    for key, value in pairs:
        names = {node.value_var: value, **({node.key_var: key} if node.key_var else {})}
        inner = scope.child(roots=names)
        if node.condition is not None:
            keep = to_bool(evaluate(node.condition, inner))
            if not isinstance(keep, bool):
                return UNKNOWN
            if not keep:
                continue
        result_key = evaluate(node.key, inner) if node.key is not None else None
        results.append((result_key, evaluate(node.value, inner)))
    if node.key is None:
        return [value for _, value in results]
    return _grouped(results, node.grouping)


def _grouped(results: list[tuple[object, object]], grouping: bool) -> object:
    output: dict[str, object] = {}
    for key, value in results:
        key = to_string(key)
        if not isinstance(key, str):
            return UNKNOWN
        if grouping:
            bucket = output.setdefault(key, [])
            assert isinstance(bucket, list)
            bucket.append(value)
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
}
