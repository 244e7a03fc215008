"""One generated region per test module: generating is fast (~0.2 s at scale 1) but not free."""

from __future__ import annotations

import pytest

from woonregie.domain.model import Region
from woonregie.sample import REFERENCE_DATE, generate_region

SEED = 7


@pytest.fixture(scope="session")
def region() -> Region:
    """A scale-1 region on the fixed reference date."""
    return generate_region(SEED, 1.0, REFERENCE_DATE)


@pytest.fixture(scope="session")
def small() -> Region:
    return generate_region(SEED, 0.2, REFERENCE_DATE)
