"""A longer run of the robustness properties of tests/test_properties.py.

    python bench/fuzz.py [--examples 5000] [--seed N] [--only validate,render,...]

The same properties and strategies as CI, with more examples per property and a random seed
(printed, so that a run can be repeated with --seed N; --derandomize replays CI's examples).
For each property it prints the examples run, the time taken and, on failure, hypothesis's
falsifying example with its reproduce blob. Exit status 1 when a property failed.

Needs the test extra (pytest, hypothesis). Writes nothing outside temporary directories.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = {
    "validate": "test_validate_survives_mutated_terraform",
    "render": "test_render_survives_mutated_specs",
    "check-input": "test_check_input_survives_mutated_jsonl",
    "valid-spec": "test_valid_specs_render_and_validate_clean",
}


@dataclass
class Outcome:
    name: str
    examples: int
    seconds: float
    failure: str | None


def load_properties(examples: int, seed: int | None) -> ModuleType:
    """tests/test_properties.py, imported after the environment sets its budget and seed."""
    os.environ["TFGEN_FUZZ_EXAMPLES"] = str(examples)
    if seed is None:
        os.environ.pop("TFGEN_FUZZ_SEED", None)
    else:
        os.environ["TFGEN_FUZZ_SEED"] = str(seed)
    # The repository (for tfgen) and tests/ (the helpers test_properties imports, as pytest's
    # rootdir-relative imports make them importable there).
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    spec = importlib.util.spec_from_file_location(
        "tfgen_fuzz_properties", ROOT / "tests" / "test_properties.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def run(module: ModuleType, name: str) -> Outcome:
    test = getattr(module, PROPERTIES[name])
    start = time.perf_counter()
    failure = None
    try:
        test()
    except Exception:  # a falsified property: hypothesis has printed the example already
        failure = traceback.format_exc(limit=-3)
    return Outcome(name, module.EXAMPLES_RUN[name], time.perf_counter() - start, failure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per property")
    parser.add_argument("--seed", type=int, help="random seed (default: a new one)")
    parser.add_argument("--derandomize", action="store_true", help="CI's fixed examples")
    parser.add_argument(
        "--only", default=",".join(PROPERTIES), help="comma-separated: " + ", ".join(PROPERTIES)
    )
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(PROPERTIES))
    if unknown:
        parser.error(f"unknown properties: {', '.join(unknown)}")
    seed = None if args.derandomize else args.seed
    if seed is None and not args.derandomize:
        seed = random.SystemRandom().randrange(2**32)
    print(f"tfgen fuzz: {args.examples} examples per property, seed {seed or 'derandomized'}")
    module = load_properties(args.examples, seed)
    outcomes = []
    for name in names:
        print(f"\n== {name}", flush=True)
        outcome = run(module, name)
        outcomes.append(outcome)
        status = "ok" if outcome.failure is None else "FAILED"
        print(f"{name}: {status}, {outcome.examples} examples in {outcome.seconds:.1f} s")
        if outcome.failure is not None:
            print(outcome.failure)

    print("\nSummary")
    for outcome in outcomes:
        status = "ok" if outcome.failure is None else "FAILED"
        print(
            f"  {outcome.name:12} {status:7} {outcome.examples:7} examples {outcome.seconds:7.1f} s"
        )
    total = sum(o.examples for o in outcomes)
    print(f"  {'total':12} {'':7} {total:7} examples (example runs include shrinking)")
    failed = [o.name for o in outcomes if o.failure is not None]
    if failed:
        print(f"FAILED: {', '.join(failed)} (repeat with --seed {seed})")
        return 1
    print("No failure found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
