import os
from pathlib import Path

import numpy
import pytest

numpy.seterr(all="raise")

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed documents beside the checkout (CI clones main with shared/ beside it)."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed documents are missing at {SEEDS}")
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS
