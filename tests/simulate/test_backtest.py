"""The backtest on the sample region: from the state 24 months ago, within the documented bound."""

from __future__ import annotations

from datetime import date

import pytest

from woonregie.sample import generate_region
from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.simulate import backtest, build
from woonregie.simulate.model import add_months
from woonregie.simulate.params import Scenario
from woonregie.simulate.runner import replicate


@pytest.fixture(scope="module")
def found():
    region = generate_region(1, 0.3, REFERENCE_DATE)
    start = add_months(REFERENCE_DATE, -24)
    model = build.model(build.calibrated(region, start, REFERENCE_DATE), Scenario("b"), 24)
    return backtest.compare(region, start, replicate(model, 1, 4))


def test_every_figure_is_compared_month_by_month(found):
    assert [f.key for f in found] == list(backtest.LABELS)
    for f in found:
        assert len(f.observed) == len(f.simulated) == 24
        assert f.to_json()["grens_procent"] == backtest.BOUNDS[f.key]


def test_the_error_is_within_the_documented_bound(found):
    for f in found:
        assert f.error <= f.bound, (f.key, f.error)


def test_observed_counts_come_from_the_histories():
    region = generate_region(2, 0.05, REFERENCE_DATE)
    start = date(2025, 1, 1)
    obs = backtest.observed(region, start, 12)
    housed = sum(1 for p in region.persons for t in p.history
                 if t.target == "gehuisvest" and start <= t.on < REFERENCE_DATE)
    assert sum(obs["uitstroom"]) == housed
    assert all(s > 0 for s in obs["voorraad"])
