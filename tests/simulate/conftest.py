"""A small sample region and its calibrated base, built once for the simulation tests."""

from __future__ import annotations

import pytest

from woonregie.sample import generate_region
from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.simulate import build


@pytest.fixture(scope="session")
def small_region():
    return generate_region(1, 0.05, REFERENCE_DATE)


@pytest.fixture(scope="session")
def base(small_region):
    return build.calibrated(small_region, REFERENCE_DATE, REFERENCE_DATE)
