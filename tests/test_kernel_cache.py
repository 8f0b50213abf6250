"""Numba's cache must never serve a kernel compiled against other files of kernels/ as they were: the placement
kernel dispatches over kernels/rules/, the year kernel over kernels/progression/, and Numba's own stamp looks at
a kernel's own file only. kernels/config.py puts a digest of all of kernels/ in every kernel's stamp."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kernels import config, place, year

ROOT = Path(__file__).resolve().parents[1]


def test_every_kernel_is_cached_under_the_digest_of_all_kernels():
    for kernel in (place.place_range, place.place_one, year.advance_range, year.year_budgets):
        locator = kernel._cache._impl.locator
        assert type(locator).__name__ == "KernelsLocator", kernel
        assert locator.get_source_stamp()[1] == config._kernels_digest()


PROBE = r"""
import numpy as np
from kernels import rules as R
from kernels.place import place_kernel
from kernels.rules._base import NO_CAP, Options, Person, empty, make_pay_rows
rows = make_pay_rows(np.array([[100_000, 200_000]]), [2], [100_000], np.array([1]))
one = lambda v, dt=np.int64: np.array([v], dt)
person = Person(one(R.RULE_ID.get("to_top", R.RULE_ID["to_minimum"]), np.int32), one(0), one(150_000), one(150_000),
                one(1), one(0, np.int32), one(-1, np.int32), one(-1, np.int32), one(-1, np.int32), one(0, np.int8),
                one(0, np.int32), one(NO_CAP), one(NO_CAP), one(NO_CAP), one(0), one(1), one(0, np.int32), one(0))
out = empty(1)
place_kernel(person, rows, Options(False), R.OUTCOME_BASE, out)
print(R.CODES[out.outcome[0]], out.base_annual[0])
"""
TO_TOP = '''
from numba import njit
from kernels.config import JIT_OPTIONS
from kernels.rules._base import STEP, Outcome
NAME = "to_top"
KINDS = ()
OUTCOMES = (Outcome("GEN.to_top", "To the top of {target_schedule} grade {new_grade}."),)


@njit(**JIT_OPTIONS)
def decide(p, person, rows, options):
    n = rows.n_steps[person.row[p]]
    return STEP, n - 1, rows.annual[person.row[p], n - 1], 0, 0
'''


@pytest.mark.slow
def test_a_rule_added_after_a_compile_is_used_by_the_next_run(tmp_path):
    """Compile (and cache) the placement kernel, add a rule to kernels/rules/, run again in a fresh process: the
    new rule decides (with a stale cache the old dispatch would run and place nobody by it)."""
    shutil.copytree(ROOT / "kernels", tmp_path / "kernels", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    def probe():
        run = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        return run.stdout.split()

    assert probe() == ["GEN.no_change", "150000"]
    (tmp_path / "kernels" / "rules" / "to_top.py").write_text(TO_TOP)
    init = tmp_path / "kernels" / "rules" / "__init__.py"
    text = init.read_text().replace("    to_minimum,\n", "    to_minimum,\n    to_top,\n", 1)
    init.write_text(text.replace("    same_position,\n    to_midpoint,\n)", "    same_position,\n    to_midpoint,\n"
                                 "    to_top,\n)"))
    assert probe() == ["GEN.to_top", "200000"]
