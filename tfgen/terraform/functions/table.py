"""The table of built-in functions, FUNCTIONS, the decorators that fill it, and `call`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tfgen.terraform.functions.failure import Pending
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.values import UNKNOWN

Impl = Callable[[list[object]], object]
T = TypeVar("T")

FUNCTIONS: dict[str, Impl] = {}


def call(name: str, args: list[object]) -> object:
    """Call a built-in function; a function tfgen does not know yields UNKNOWN."""
    impl = FUNCTIONS.get(name)
    return UNKNOWN if impl is None else impl(args)


def register(name: str) -> Callable[[Impl], Impl]:
    """Enter the decorated function in FUNCTIONS as `name`; its Pending becomes UNKNOWN."""

    def decorate(impl: Impl) -> Impl:
        def run(args: list[object]) -> object:
            try:
                return impl(args)
            except Pending:
                return UNKNOWN

        FUNCTIONS[name] = run
        return impl

    return decorate


def register_one_argument(
    name: str,
    read: Callable[[Args, object], T],
    compute: Callable[[T], object],
    null_passes: bool = False,
) -> None:
    """Enter a function of exactly one argument: `read` checks and converts it (Args.as_string,
    Args.as_map...), `compute` makes the result. With null_passes, null gives null."""

    def impl(args: list[object]) -> object:
        a = Args(name, args, 1, 1)
        if null_passes and args[0] is None:
            return None
        value = read(a, args[0])
        a.done()
        return compute(value)

    register(name)(impl)
