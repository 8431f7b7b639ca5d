"""The code standards the project holds itself to, enforced where CI runs the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SOURCES = [d for d in ("tfgen", "tests", "bench") if (ROOT / d).is_dir()]


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *SOURCES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *SOURCES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_import_cycles() -> None:
    """Imports inside functions count too: a cycle hidden by a late import is still one."""
    import grimp

    graph = grimp.build_graph("tfgen")
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def test_layout() -> None:
    """Packages by concern: at the top only the entry points and the shared records, and no
    two modules with the same file name anywhere."""
    package = ROOT / "tfgen"
    top = sorted(p.name for p in package.glob("*.py"))
    assert top == [
        "__init__.py",
        "__main__.py",
        "cli.py",
        "codes.py",
        "diagnostics.py",
        "entry.py",
        "errors.py",
    ]
    names = [p.name for p in package.rglob("*.py") if p.name != "__init__.py"]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
    # pytest imports test modules by their file name: two of one name cannot both run.
    tests = [p.name for p in (ROOT / "tests").rglob("*.py") if "node_modules" not in p.parts]
    assert sorted(n for n in set(tests) if tests.count(n) > 1 and n != "__init__.py") == []


# Packages whose modules are tested together, through the package's own interface.
TESTED_AS_A_PACKAGE = {"tfgen/terraform/functions": "tests/terraform/test_functions.py"}
ENTRY_POINT_TESTS = {"tfgen/__main__.py": "tests/test_installed.py"}


def test_every_source_module_has_its_test_module() -> None:
    """tfgen/a/b.py is tested in tests/a/test_b.py, a package's __init__ in test_<package>.py."""
    missing = []
    for source in sorted((ROOT / "tfgen").rglob("*.py")):
        relative = source.relative_to(ROOT)
        folder = relative.parent
        if source.name == "__init__.py":
            if _no_code(source) or folder == Path("tfgen"):
                continue  # a marker (a docstring at most), or the version
            expected = ROOT / "tests" / folder.relative_to("tfgen") / f"test_{folder.name}.py"
        else:
            expected = ROOT / "tests" / folder.relative_to("tfgen") / f"test_{source.stem}.py"
        covered = [
            test
            for place, test in {**TESTED_AS_A_PACKAGE, **ENTRY_POINT_TESTS}.items()
            if str(relative) == place or str(folder) == place
        ]
        if not expected.exists() and not any((ROOT / test).exists() for test in covered):
            missing.append(str(relative))
    assert missing == []


def _no_code(source: Path) -> bool:
    import ast

    body = ast.parse(source.read_text()).body
    return all(isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) for node in body)
