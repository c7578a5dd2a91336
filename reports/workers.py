"""One function over many jobs in worker processes, for `run` and `analyze` alike.

A fork process pool, so the workers inherit the libraries the coordinator imported instead of
importing them again, and one that can be replaced: once a worker dies, Python's pool is broken
for good and refuses every further job. At most two jobs per worker are in flight, so a backlog
of any size never holds more than a handful of texts and results in memory.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

J = TypeVar("J")
R = TypeVar("R")


def default_workers() -> int:
    """The cores this process may run on."""
    return max(1, len(os.sched_getaffinity(0)))


def results(task: Callable[[J], R], jobs: Iterable[J], workers: int, died: Callable[[J], R]) -> Iterator[tuple[J, R]]:
    """(job, task(job)) pairs as they finish. `died(job)` is the result of a job whose worker
    died under it also when it ran alone; with one worker, the jobs run here, in order."""
    if workers <= 1:
        for job in jobs:
            yield job, task(job)
        return
    from concurrent.futures.process import BrokenProcessPool  # a pool only when there are jobs

    pool = _Pool(workers)
    in_flight: dict[Future[R], J] = {}
    try:
        for job in jobs:
            while True:
                try:
                    in_flight[pool.executor.submit(task, job)] = job
                    break
                except BrokenProcessPool:
                    # A worker died since the last look: settle what was in flight (which
                    # renews the pool), then submit again.
                    if not in_flight:
                        pool.renew()
                    yield from _finished(task, in_flight, pool, died)
            if len(in_flight) >= 2 * workers:
                yield from _finished(task, in_flight, pool, died)
        while in_flight:
            yield from _finished(task, in_flight, pool, died)
    finally:
        pool.close()


def in_order(task: Callable[[J], R], jobs: Iterable[J], workers: int, died: Callable[[J], R]) -> Iterator[tuple[J, R]]:
    """(job, task(job)) for every job, in the order of the jobs, while the workers run ahead:
    for a command whose output must follow its input. At most the jobs in flight wait here."""
    waiting: dict[int, tuple[J, R]] = {}
    following = 0
    for (n, job), result in results(_Numbered(task), enumerate(jobs), workers, lambda pair: died(pair[1])):
        waiting[n] = (job, result)
        while following in waiting:
            yield waiting.pop(following)
            following += 1


class _Numbered(Generic[J, R]):
    """task over (number, job) pairs; a class, not a lambda, so the pool can pickle it."""

    def __init__(self, task: Callable[[J], R]) -> None:
        self.task = task

    def __call__(self, pair: tuple[int, J]) -> R:
        return self.task(pair[1])


class _Pool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        return ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("fork"), initializer=_worker_start)

    def renew(self) -> None:
        self.close()
        self.executor = self._start()

    def close(self) -> None:
        # On an early stop, drop the queued jobs rather than run them for nothing.
        self.executor.shutdown(wait=True, cancel_futures=True)


def _worker_start() -> None:
    """Each worker dies with the coordinator (Linux) and lets go of its locks: after a SIGKILL
    of the command, no orphan keeps working or keeps the output folder locked."""
    from reports.lock import forget_in_child

    forget_in_child()
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _finished(
    task: Callable[[J], R], in_flight: dict[Future[R], J], pool: _Pool, died: Callable[[J], R],
) -> Iterator[tuple[J, R]]:
    """What finished. When a worker died, every job in flight died with it and nobody knows
    which one killed it: each runs again alone on a fresh pool, so only a job that kills a
    worker by itself gets `died(job)`."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
    lost: list[J] = []
    for future in done:
        job = in_flight.pop(future)
        try:
            yield job, future.result()
        except BrokenProcessPool:
            lost.append(job)
    if not lost:
        return
    for future in wait(in_flight).done:  # the broken pool fails the rest at once
        job = in_flight.pop(future)
        try:
            yield job, future.result()
        except BrokenProcessPool:
            lost.append(job)
    pool.renew()
    for job in lost:
        try:
            yield job, pool.executor.submit(task, job).result()
        except BrokenProcessPool:
            pool.renew()
            yield job, died(job)
