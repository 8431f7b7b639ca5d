"""Independent pieces of work (the checks of different modules) spread over the cores.

Workers are forked, so they start with this process's imports and loaded grammar and cost
milliseconds; where forking is not safe or not available (anything but Linux), and for one
piece of work, everything runs in this process. TFGEN_JOBS=N caps the processes; TFGEN_JOBS=1
runs everything here, which is how tests compare the two paths.

A worker that dies (killed, out of memory) breaks the pool instead of leaving a wait that
never ends; its error reaches the caller like any other. Workers ignore Ctrl-C, which this
process handles: an interrupt stops the queue, and each worker finishes the one module it
has, so no half-done work is reported.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from tfgen.errors import UsageError

Item = TypeVar("Item")
Result = TypeVar("Result")


def job_count() -> int:
    """TFGEN_JOBS, or the cores this process may run on."""
    given = os.environ.get("TFGEN_JOBS", "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            raise UsageError(f"TFGEN_JOBS must be a whole number of processes, got {given!r}")
        return int(given)
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def iter_work(function: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
    """The results of function over items, in order, each as soon as it and those before it
    are done (for a progress bar); in worker processes when that can pay."""
    jobs = min(job_count(), len(items))
    if jobs < 2 or sys.platform != "linux":
        yield from (function(item) for item in items)
        return
    # Imported here: about 0.1 s, which a run of one module does not pay.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker)
    try:
        # Several modules per message: a small module's check is shorter than a round trip.
        chunk = max(1, len(items) // (jobs * 4))
        yield from pool.map(function, items, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
