"""The reporter registry: every format the CLI offers is one registered function."""

from __future__ import annotations

from tfgen.diagnostics import Report
from tfgen.report import REPORTERS
from tfgen.report.registry import Options, reporter


def test_the_four_formats_are_registered() -> None:
    assert set(REPORTERS) >= {"text", "json", "sarif", "github"}


def test_a_new_format_is_one_decorated_function() -> None:
    @reporter("test-only")
    def format_test(report: Report, options: Options) -> str:
        return f"{report.files}\n"

    try:
        assert REPORTERS["test-only"](Report(files=3), Options()) == "3\n"
    finally:
        del REPORTERS["test-only"]
