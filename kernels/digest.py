"""A fast content hash of 64-bit words, for the results hash of a run (not cryptographic: it tells two runs'
results apart; sha256 is taken over these folds, column by column)."""

import numpy as np
from numba import njit

from kernels.config import JIT_OPTIONS

K1 = np.uint64(0x9E3779B97F4A7C15)
K2 = np.uint64(0xBF58476D1CE4E5B9)


@njit(**JIT_OPTIONS)
def fold(words, seed):
    """Fold ``words`` (uint64) into four independent lanes (word i into lane i % 4), each a multiply-xorshift
    chain, then mix the lanes and the length. Equal inputs give equal results; any changed word changes its
    lane's chain."""
    lanes = np.empty(4, np.uint64)
    for j in range(4):
        lanes[j] = np.uint64(seed) + np.uint64(j + 1) * K2
    n = words.shape[0]
    body = n - n % 4
    for i in range(0, body, 4):
        for j in range(4):
            h = (lanes[j] ^ words[i + j]) * K1
            lanes[j] = h ^ (h >> np.uint64(31))
    for i in range(body, n):
        h = (lanes[0] ^ words[i]) * K1
        lanes[0] = h ^ (h >> np.uint64(31))
    out = np.uint64(n)
    for j in range(4):
        h = (out ^ lanes[j]) * K2
        out = h ^ (h >> np.uint64(29))
    return out
