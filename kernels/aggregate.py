"""Sums of person-year results by group, for the store's cost cube."""

from numba import njit

from kernels.config import JIT_OPTIONS


@njit(**JIT_OPTIONS)
def block_sums(group, values, out):
    """``values`` holds blocks of n rows (row i is position i % n of block i // n; n = len(group)).
    out[block, g] += the values of the block's positions whose group is g (out starts at zero)."""
    n = group.shape[0]
    for b in range(values.shape[0] // n):
        base = b * n
        for p in range(n):
            out[b, group[p]] += values[base + p]
