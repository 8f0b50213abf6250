"""The one place where JIT flags are set (after stumpy's ``config``)."""

import os

# NUMBA_DISABLE_JIT=1 runs the kernels as plain Python, for coverage of their branches.
JIT_OPTIONS = {"cache": True, "nogil": True}
# the kernels whose loop over people is split over the cores (prange); their integer sums are exact in any order
PARALLEL_OPTIONS = {**JIT_OPTIONS, "parallel": True}
FASTMATH = False  # money is int64 cents: no reassociation of anything that feeds it
DISABLED = os.environ.get("NUMBA_DISABLE_JIT", "0") == "1"
