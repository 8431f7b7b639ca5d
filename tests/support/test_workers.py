"""Work over processes: the same results in the same order as in one process, and every way
it can go wrong ends in an error, never a wait."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from tfgen.errors import UsageError
from tfgen.support.workers import iter_work, job_count


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def _die(n: int) -> int:
    os._exit(9)


def test_results_keep_their_order_and_come_from_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "2")
    results = list(iter_work(_pid_and_square, list(range(40))))
    assert [square for _, square in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_one_job_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "1")
    assert {pid for pid, _ in iter_work(_pid_and_square, [1, 2, 3])} == {os.getpid()}


def test_one_piece_of_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "4")
    assert list(iter_work(_pid_and_square, [5])) == [(os.getpid(), 25)]


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "2")
    with pytest.raises(ValueError, match="three"):
        list(iter_work(_fail_on_three, list(range(10))))


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "2")
    with pytest.raises(BrokenProcessPool):
        list(iter_work(_die, [1, 2]))


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5"])
def test_a_bad_job_count_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv("TFGEN_JOBS", given)
    with pytest.raises(UsageError, match="TFGEN_JOBS"):
        job_count()


def test_without_a_setting_every_core_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TFGEN_JOBS", raising=False)
    assert job_count() >= 1
    monkeypatch.setenv("TFGEN_JOBS", "3")
    assert job_count() == 3


def test_results_come_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFGEN_JOBS", "2")
    results = iter_work(_pid_and_square, list(range(8)))
    assert next(results)[1] == 0  # the first, before the rest are asked for
    assert [square for _, square in results] == [n * n for n in range(1, 8)]
