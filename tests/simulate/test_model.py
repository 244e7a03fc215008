"""The model: conservation, determinism per seed, monotonicity under common random numbers."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from woonregie.simulate import build
from woonregie.simulate.model import run
from woonregie.simulate.params import Project, Scenario, TeamChange
from woonregie.simulate.runner import replicate, seeds
from woonregie.simulate.summary import figures

MONTHS = 18
SEEDS = range(6)


def _model(base, months=MONTHS, **changes):
    return build.model(base, Scenario("t", **changes), months)


def test_every_month_inflow_minus_outflow_is_the_change_of_the_list_per_group(base):
    rep = run(_model(base), seeds(11, 1)[0])
    listed = rep.prep + rep.ready
    before = np.vstack([rep.stock_start, listed[:-1]])
    inflow = rep.arrivals + rep.returns
    outflow = rep.housed + rep.left
    assert (inflow.sum() > 0) and (outflow.sum() > 0)
    np.testing.assert_array_equal(listed - before, inflow - outflow)


def test_nobody_appears_or_disappears(base):
    rep = run(_model(base), seeds(12, 1)[0])
    everyone = rep.prep + rep.ready + rep.tenancies + np.cumsum(rep.left, axis=0)
    start = rep.stock_start + rep.tenancies_start
    np.testing.assert_array_equal(everyone, start + np.cumsum(rep.arrivals, axis=0))
    # every tenancy that started is still running, or failed and came back
    housed_now = rep.tenancies_start + np.cumsum(rep.housed - rep.returns, axis=0)
    np.testing.assert_array_equal(rep.tenancies, housed_now)


def test_the_same_seed_gives_the_same_replication(base):
    model = _model(base)
    first = replicate(model, 5, 2)
    again = replicate(model, 5, 2)
    assert all(a.same_as(b) for a, b in zip(first, again, strict=True))
    assert not first[0].same_as(first[1])  # the replications differ from each other


def test_more_contingent_never_a_higher_median_waiting_time(base):
    plain, more = _model(base), _model(base, contingent=1.5)
    for seed in SEEDS:
        child = seeds(seed, 1)[0]
        a, b = figures(run(plain, child)), figures(run(more, child))
        assert b["wachttijd_mediaan"] <= a["wachttijd_mediaan"], seed
        assert sum(b["gehuisvest"]) >= sum(a["gehuisvest"]), seed


def test_more_team_capacity_never_houses_fewer(base):
    plain = _model(base)
    more = _model(base, teams=(TeamChange(on=date(2026, 1, 1), factor=2.0),))
    for seed in SEEDS:
        child = seeds(seed, 1)[0]
        a, b = figures(run(plain, child)), figures(run(more, child))
        assert sum(b["gehuisvest"]) >= sum(a["gehuisvest"]), seed


def test_new_units_are_offered_when_they_come_on_stream(base):
    corp = sorted(base[1].turnover)[0]
    project = Project(on=date(2026, 3, 1), corporation=corp, form="housing_first", units=12)
    plain, more = _model(base), _model(base, projects=(project,))
    child = seeds(3, 1)[0]
    a, b = run(plain, child), run(more, child)
    assert b.offered[2] - a.offered[2] >= 12
    assert (b.offered[:2] == a.offered[:2]).all()


def test_new_units_form_their_own_complex_under_its_cap(base):
    """A project's units are a new complex: the round's complex cap applies to them."""
    from woonregie.simulate.supply import Supply

    corp = sorted(base[1].turnover)[0]
    project = Project(on=date(2026, 3, 1), corporation=corp, form="flexwonen", units=12, cap=4)
    supply = Supply(_model(base, projects=(project,)), seeds(3, 1)[0])
    supply.month(2, date(2026, 3, 1), date(2026, 4, 1))
    new = [o.offer for o in supply.pool if o.offer.id.startswith("n0-")]
    assert len(new) == 12 and {d.complex for d in new} == {"nb0"}
    assert supply.complex_caps["nb0"] == 4


@pytest.mark.parametrize("key", ["ready", "decline"])
def test_parameters_are_rates_and_shares(base, key):
    value = getattr(base[1], key)
    values = value.values() if isinstance(value, dict) else [value]
    assert all(0 <= v <= 1 for v in values)
