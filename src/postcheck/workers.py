"""Ordered work on forked processes: bounded, and loud when a worker dies.

``lint`` and ``audit`` send batches to worker processes and read the results
back in the order the batches were sent, so reports do not depend on the
number of workers. Only a few batches per worker are in flight: the caller
plans or reads the next ones while the workers check, and memory does not
grow with the size of the input. A worker that dies (killed, or stopped by the
kernel for lack of memory) is an error naming what happened, not a run that
waits forever: ``multiprocessing.Pool`` never returns the lost task, while
``concurrent.futures`` reports the broken pool.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import PostcheckError

T = TypeVar("T")
R = TypeVar("R")

#: Batches waiting or being checked, per worker.
IN_FLIGHT = 3


class WorkerDied(PostcheckError):
    """A worker process ended in the middle of the run; nothing was written."""


def ordered_map(
    func: Callable[[T], R],
    tasks: Iterable[T],
    workers: int,
    *,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``func`` of each task, in task order, on ``workers`` forked processes.

    ``tasks`` is consumed in this thread, a few tasks ahead of the results, so an
    exception it raises (a broken configuration met while planning) reaches the
    caller as raised, after the tasks already sent have finished.
    """
    import multiprocessing as mp

    context = mp.get_context("spawn" if os.name == "nt" else "fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        pending: deque[Future[R]] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(func, task))
                while len(pending) >= IN_FLIGHT * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            raise WorkerDied(
                "a worker process stopped in the middle of the run (killed, or out of memory?); "
                "nothing was written: run again, or with --jobs 1"
            ) from None
