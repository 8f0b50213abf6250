"""Sums of person-year results by group, for the store's cost cube."""

from numba import njit, prange

from kernels.config import PARALLEL_OPTIONS

# what cube_sums adds up, in the order of its output's last axis
CASH, ANNUAL_COST, HEADCOUNT, RETIREMENTS, SEPARATIONS, HIRES, BENEFITS, ANNUAL_BENEFITS, FTE_K = range(9)
N_SUMS = 9


@njit(**PARALLEL_OPTIONS)
def cube_sums(group, fte_k, cols, retired, separated, out):
    """``cols`` (status, cash, annual_cost, annual, hired, benefits, annual_benefits) hold blocks of n rows: row i
    is position i % n of block i // n (n = len(group)). out[block, g, k] = the block's sum of quantity k (CASH,
    ANNUAL_COST; HEADCOUNT: positions paid at the year's end, and FTE_K their fte in thousandths (``fte_k`` per
    position); RETIREMENTS / SEPARATIONS: status ``retired`` / ``separated``; HIRES; BENEFITS, ANNUAL_BENEFITS)
    over the positions whose group is g. One pass over the rows; the blocks are split over the cores. ``out`` is
    written whole."""
    status, cash, annual_cost, annual, hired, benefits, annual_benefits = cols
    n = group.shape[0]
    for b in prange(out.shape[0]):
        out[b, :, :] = 0
        base = b * n
        for p in range(n):
            g = group[p]
            i = base + p
            out[b, g, CASH] += cash[i]
            out[b, g, ANNUAL_COST] += annual_cost[i]
            out[b, g, HEADCOUNT] += 1 if annual[i] > 0 else 0
            out[b, g, RETIREMENTS] += 1 if status[i] == retired else 0
            out[b, g, SEPARATIONS] += 1 if status[i] == separated else 0
            out[b, g, HIRES] += hired[i]
            out[b, g, BENEFITS] += benefits[i]
            out[b, g, ANNUAL_BENEFITS] += annual_benefits[i]
            out[b, g, FTE_K] += fte_k[p] if annual[i] > 0 else 0


def reference(group, fte_k, cols, retired, separated, blocks, n_groups) -> list:
    """cube_sums in plain Python: [block][group][quantity]."""
    status, cash, annual_cost, annual, hired, benefits, annual_benefits = cols
    n = len(group)
    out = [[[0] * N_SUMS for _ in range(n_groups)] for _ in range(blocks)]
    for b in range(blocks):
        for p in range(n):
            i, g = b * n + p, group[p]
            for k, v in ((CASH, cash[i]), (ANNUAL_COST, annual_cost[i]), (HEADCOUNT, int(annual[i] > 0)),
                         (RETIREMENTS, int(status[i] == retired)), (SEPARATIONS, int(status[i] == separated)),
                         (HIRES, int(hired[i])), (BENEFITS, benefits[i]), (ANNUAL_BENEFITS, annual_benefits[i]),
                         (FTE_K, int(fte_k[p]) if annual[i] > 0 else 0)):
                out[b][g][k] += int(v)
    return out
