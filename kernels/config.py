"""The one place where JIT flags are set (after stumpy's ``config``), and where Numba's cache learns that a
kernel depends on the other files of kernels/.

NUMBA_DISABLE_JIT=1 runs the kernels as plain Python, for coverage of their branches.
"""

import hashlib
import os
import warnings
from pathlib import Path

from numba.core.errors import NumbaPerformanceWarning

# The parallel kernels' threads wait for work by sleeping, not by spinning (OpenMP, Numba's threading layer
# here; read when the layer is first loaded, so set before any kernel runs, and only where the user set nothing).
# Spinning threads take the core another process needs: on a machine with one core busy, a sweep of 101
# alternatives at 10,767 people took 3.6-4.1 s on two spinning threads against 2.2-2.4 s on one; sleeping, 2.3 s
# (and 1.8 s idle against one thread's 2.2 s). benchmarks/RESULTS.md, "threads".
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# a kernel compiled with parallel=True for Numba's parallel passes alone (kernels/year.py advance_range, 2.5x
# faster with them) has no loop to split, which Numba would say at its first compile, on every user's screen
warnings.filterwarnings("ignore", message=r"\s*The keyword argument 'parallel=True' was specified but no",
                        category=NumbaPerformanceWarning)

JIT_OPTIONS = {"cache": True, "nogil": True}
# Numba's parallel passes: the kernels whose loop over people is split over the cores (prange; their integer sums
# are exact in any order), and the slice kernels (advance_range, place_range) that run faster with the passes alone
PARALLEL_OPTIONS = {**JIT_OPTIONS, "parallel": True}
# the per-position steps the year kernel calls: inlined where called (a named tuple of arrays handed to a
# function costs a reference count per array per call; inlined, the year kernel took 0.029 s per 300,000
# position-years instead of 0.039 s)
INLINE_OPTIONS = {**JIT_OPTIONS, "inline": "always"}

KERNELS_DIR = Path(__file__).resolve().parent


def _kernels_digest() -> str:
    """A digest of every source file of kernels/: a kernel compiled with a rule from another file (the dispatch
    over kernels/rules, half_up in the projection) must be recompiled when that file changes, and Numba's own
    cache only looks at the kernel's own file."""
    h = hashlib.sha256()
    for path in sorted(KERNELS_DIR.rglob("*.py")):
        h.update(path.relative_to(KERNELS_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _register_cache_locator() -> None:
    try:
        from numba.core import caching
    except ImportError:  # pragma: no cover - a Numba without this module: its own cache rules apply
        return

    digest = _kernels_digest()

    class KernelsLocator(caching._CacheLocator):
        """Numba's usual locator for a kernel's file, with the digest of all of kernels/ in its source stamp."""

        def __init__(self, inner):
            self._inner = inner

        def ensure_cache_path(self):
            self._inner.ensure_cache_path()

        def get_cache_path(self):
            return self._inner.get_cache_path()

        def get_disambiguator(self):
            # in the file names too: an index written by another version of kernels/ is never even read (it may
            # name a class this version no longer has, and unpickling it would fail before the stamp is checked)
            return f"{self._inner.get_disambiguator()}-{digest[:10]}"

        def get_source_stamp(self):
            return (self._inner.get_source_stamp(), digest)

        @classmethod
        def from_function(cls, py_func, py_file):
            try:
                Path(py_file).resolve().relative_to(KERNELS_DIR)
            except (ValueError, OSError):
                return None
            for other in _impl_class()._locator_classes:
                if other is not cls:
                    inner = other.from_function(py_func, py_file)
                    if inner is not None:
                        return cls(inner)
            return None

    classes = getattr(_impl_class(), "_locator_classes", None)
    if not isinstance(classes, list):  # a Numba whose caching this does not know: say so, never serve stale code
        raise RuntimeError("kernels/config.py cannot register its cache locator with this Numba version; "
                           "set NUMBA_CACHE_DIR to an empty folder per install, or pin numba")
    if not any(c.__name__ == "KernelsLocator" for c in classes):
        classes.insert(0, KernelsLocator)


def _impl_class():
    """Numba's cache implementation class: CacheImpl (0.57 and later) or _CacheImpl (earlier)."""
    from numba.core import caching

    return getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl", None)


_register_cache_locator()
