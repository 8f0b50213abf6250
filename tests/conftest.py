import os
import tempfile
from pathlib import Path

import numpy
import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

numpy.seterr(all="raise")
# Tests write only into temporary folders: hypothesis keeps no example database (each run draws afresh; a failing
# example is printed with the failure) and its other files in a temporary folder, not in the checkout
settings.register_profile("regrade", database=None)
settings.load_profile("regrade")
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="regrade-hypothesis-"))

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed documents beside the checkout (CI clones main with shared/ beside it)."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed documents are missing at {SEEDS}")
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS
