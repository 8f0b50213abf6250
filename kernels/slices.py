"""Running a kernel over slices of the positions on the calling thread and a pool of others: each takes the next
slice when it is done, so that a core another program keeps busy does its share and no more (a prange splits the
work evenly between the threads, and its compile repeats the loop body's). The slice kernels release the GIL."""

from __future__ import annotations

import functools
import itertools
import os
import threading

import numba

MIN_SLICE = 4096  # positions: a call from Python costs tens of microseconds, a slice of these some milliseconds


def n_slices(n: int) -> int:
    """How many slices ``n`` positions are cut into: one on one thread or for few positions, else eight a thread
    (never under MIN_SLICE positions each)."""
    threads = numba.get_num_threads()
    return 1 if threads == 1 or n < 2 * MIN_SLICE else min(8 * threads, n // MIN_SLICE)


def run(n: int, count: int, one) -> None:
    """``one(c, lo, hi)`` for each of ``count`` slices of ``n`` positions: the calling thread and the pool's other
    threads each take the next slice not yet taken until none is left. The caller waits only for slices another
    thread has begun: a helper not yet started (its core busy with another program) is withdrawn, not awaited."""
    if count == 1:
        one(0, 0, n)
        return
    taken = itertools.count()
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                c = next(taken)
            if c >= count:
                return
            one(c, c * n // count, (c + 1) * n // count)

    helpers = [_pool(os.getpid(), numba.get_num_threads()).submit(work)
               for _ in range(min(numba.get_num_threads(), count) - 1)]
    work()
    for h in helpers:
        if not h.cancel():
            h.result()


@functools.cache
def _pool(pid: int, threads: int):
    """The process's pool of threads (a forked child makes its own: the parent's threads are not in it)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max(1, threads - 1), thread_name_prefix="regrade-slices")  # the caller is one
