"""Running a kernel over slices of the positions on a pool of threads: each thread takes the next slice when it is
done, so that a core another program keeps busy does its share and no more (a prange splits the work evenly
between the threads, and its compile repeats the loop body's). The slice kernels release the GIL (nogil)."""

from __future__ import annotations

import functools
import os

import numba

MIN_SLICE = 4096  # positions: a call from Python costs tens of microseconds, a slice of these some milliseconds


def n_slices(n: int) -> int:
    """How many slices ``n`` positions are cut into: one on one thread or for few positions, else eight a thread
    (never under MIN_SLICE positions each)."""
    threads = numba.get_num_threads()
    return 1 if threads == 1 or n < 2 * MIN_SLICE else min(8 * threads, n // MIN_SLICE)


def run(n: int, count: int, one) -> None:
    """``one(c, lo, hi)`` for each of ``count`` slices of ``n`` positions, on the process's pool of threads."""
    if count == 1:
        one(0, 0, n)
        return
    list(_pool(os.getpid(), numba.get_num_threads()).map(lambda c: one(c, c * n // count, (c + 1) * n // count),
                                                         range(count)))


@functools.cache
def _pool(pid: int, threads: int):
    """The process's pool of threads (a forked child makes its own: the parent's threads are not in it)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(threads, thread_name_prefix="regrade-slices")
