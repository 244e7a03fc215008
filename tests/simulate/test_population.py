"""People as arrays: the round's candidates carry their own waiting time, nothing else changes."""

from dataclasses import fields, replace
from datetime import timedelta

import numpy as np

from woonregie.matching.classes import rank_order
from woonregie.matching.engine import allocate
from woonregie.matching.model import Candidate, Round
from woonregie.simulate import build
from woonregie.simulate.params import Scenario
from woonregie.simulate.population import Population, _with_wait
from woonregie.simulate.runner import seeds
from woonregie.simulate.streams import months_until, poisson_count


def test_a_candidate_with_its_waiting_time_equals_replace():
    values = {f.name: f"x-{f.name}" for f in fields(Candidate)}
    c = Candidate(**values)
    assert _with_wait(c, 17) == replace(c, waiting_days=17)


def test_draws_by_inversion_never_decrease_with_the_rate():
    u = np.linspace(0.01, 0.99, 25)
    for a, b in ((0.5, 0.75), (3.0, 4.5), (20.0, 30.0)):
        assert all(poisson_count(x, a) <= poisson_count(x, b) for x in u)
        assert (months_until(u, b / 40) <= months_until(u, a / 40)).all()
    assert (months_until(u, 0.0) > 1000).all()


def test_a_round_ranks_and_allocates_as_with_the_days_waited_by_its_day(base):
    """Round candidates count their waits to a day after the horizon (made once per spell):
    the same order, so the same allocation, as the days waited by the round's day."""
    model = build.model(base, Scenario("t"), 12)
    people = Population(model, seeds(3, 1)[0])
    on = model.start.on + timedelta(days=14)
    idx, cands = people.ready_candidates(on)
    waited = [_with_wait(c, on.toordinal() - int(people.since[i]))
              for i, c in zip(idx.tolist(), cands, strict=True)]
    assert len(cands) > 20 and any(a != b for a, b in zip(cands, waited, strict=True))
    assert rank_order(tuple(cands)).tolist() == rank_order(tuple(waited)).tolist()

    def pairs(candidates):
        round_ = Round(tuple(candidates), model.start.free, model.structure.areas,
                       model.structure.complex_caps, model.structure.team_caps)
        return allocate(round_)

    got = pairs(cands)
    assert got and got == pairs(waited)
    assert people.ready_candidates(on)[1] == cands  # made once, handed out again
