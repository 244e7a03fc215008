"""People as arrays: the round's candidates carry their own waiting time, nothing else changes."""

from dataclasses import fields, replace

import numpy as np

from woonregie.matching.model import Candidate
from woonregie.simulate.population import _with_wait
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
