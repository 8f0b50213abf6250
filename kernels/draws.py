"""The random draws' side of the kernels: the expected-value path's deterministic draws, and the order of
candidates by their rank draw (merit money and the premium range go in that order)."""

import numpy as np
from numba import njit, prange

from kernels.config import JIT_OPTIONS, PARALLEL_OPTIONS
from kernels.state import D_RANK


@njit(**JIT_OPTIONS)
def rank_order(draws, candidates):
    """The order of ``candidates`` (position numbers, ascending) by their rank draw, ties by position: the
    same order as a stable argsort. The draws are uniform on [0, 1), so a bucket sort (one bucket per
    candidate, then insertion sort inside each bucket) does it in expected linear time."""
    m = candidates.shape[0]
    keys = np.empty(m, np.float64)  # the rank draws (uniform on [0, 1)), not money
    bucket = np.empty(m, np.int64)
    end = np.zeros(m + 1, np.int64)
    for i in range(m):
        keys[i] = draws[candidates[i], D_RANK]
        bucket[i] = min(max(int(keys[i] * m), 0), m - 1)
        end[bucket[i] + 1] += 1
    for j in range(m):
        end[j + 1] += end[j]  # now the start of each bucket
    order = np.empty(m, np.int64)
    for i in range(m):
        order[end[bucket[i]]] = i
        end[bucket[i]] += 1  # ends as the end of the bucket
    lo = 0
    for j in range(m):
        hi = end[j]
        for x in range(lo + 1, hi):
            v = order[x]
            y = x - 1
            while y >= lo and keys[order[y]] > keys[v]:
                order[y + 1] = order[y]
                y -= 1
            order[y + 1] = v
        lo = hi
    return order


@njit(**PARALLEL_OPTIONS)
def expected_draws(year, seed, out):
    """The expected-value path's draws (A-PROJ-EXPECTED): out[p, c] = frac((p + 1) * a_c + (year + 1) * b_c
    + seed / 10000), a low-discrepancy sequence per column c (a_c irrational), shifted each year."""
    a = (0.6180339887, 0.7548776662, 0.5698402910, 0.8191725134, 0.4142135624, 0.7320508076)
    b = (0.31, 0.53, 0.71, 0.17, 0.89, 0.43)
    for c in range(out.shape[1]):
        yearly = (year + 1) * b[c]
        seeded = seed * 0.0001
        for p in prange(out.shape[0]):
            x = (p + 1.0) * a[c] + yearly + seeded  # summed in this order, as the formula reads
            out[p, c] = x - np.floor(x)
