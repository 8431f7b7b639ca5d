"""The one record: spans, ordering, and a strict round trip through the JSON shape."""

from __future__ import annotations

import pytest

from tfgen.diagnostics import Diagnostic, Report, Severity, Span

FINDING = Diagnostic(Span("b.tf", 2, 3, 2, 9), Severity.ERROR, "x", "m", "a", None)


def test_spans_join_and_points_are_one_character() -> None:
    start, end = Span("f", 1, 2, 1, 5), Span("f", 3, 1, 3, 7)
    assert start.to(end) == Span("f", 1, 2, 3, 7)
    assert Span.point("f", 4, 5) == Span("f", 4, 5, 4, 6)


def test_the_round_trip_is_exact_and_refuses_another_shape() -> None:
    assert Diagnostic.from_dict(FINDING.to_dict()) == FINDING
    broken = {**FINDING.to_dict(), "line": "2"}
    with pytest.raises(ValueError):
        Diagnostic.from_dict(broken)
    with pytest.raises(ValueError):
        Diagnostic.from_dict({**FINDING.to_dict(), "severity": "fatal"})


def test_reports_sort_by_place_and_count_by_severity() -> None:
    earlier = Diagnostic(Span("a.tf", 9, 1, 9, 2), Severity.WARNING, "y", "m")
    report = Report([FINDING, earlier])
    assert report.sorted() == [earlier, FINDING]
    assert report.count(Severity.WARNING) == 1 and report.has_errors


def test_a_fix_goes_through_the_json_record_and_back() -> None:
    from tfgen.diagnostics import Diagnostic, Fix, Severity, Span

    span = Span("main.tf", 3, 3, 3, 10)
    found = Diagnostic(span, Severity.ERROR, "unknown-argument", "m", fix=Fix(span, "a", "b"))
    record = found.to_dict()
    assert record["fix"] == {"span": [3, 3, 3, 10], "old": "a", "new": "b"}
    assert Diagnostic.from_dict(record) == found
    assert "fix" not in Diagnostic(span, Severity.ERROR, "x", "m").to_dict()


def test_a_malformed_fix_is_not_a_diagnostic() -> None:
    import pytest

    from tfgen.diagnostics import Diagnostic, Severity, Span

    record = Diagnostic(Span("main.tf", 1, 1, 1, 2), Severity.ERROR, "x", "m").to_dict()
    for fix in ({"span": [1, 1], "old": "a", "new": "b"}, {"span": [1, 1, 1, 2], "old": 1}, 7):
        with pytest.raises(ValueError, match="not a fix"):
            Diagnostic.from_dict({**record, "fix": fix})
