"""The reuse API for rounds over the same areas (the simulator's monthly rounds): a tree built
once and passed to every round, and `allocate` (pairs only), give exactly what `solve` gives."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from woonregie.matching.engine import allocate, solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance
from woonregie.matching.model import Round
from woonregie.matching.tree import build_tree


def _rounds(seed: int, count: int) -> list[Round]:
    """Rounds over one area tree: random subsets of people (waiting longer each round) and of
    dwellings, as the months of a simulation are."""
    full = load_instance(generate_instance(400, 120, 8, seed=seed))
    rng = random.Random(seed)
    out = []
    for k in range(count):
        people = tuple(replace(c, waiting_days=c.waiting_days + 30 * k)
                       for c in full.candidates if rng.random() < 0.6)
        dwellings = tuple(d for d in full.dwellings if rng.random() < 0.5)
        out.append(replace(full, candidates=people, dwellings=dwellings))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_reused_tree_and_allocate_give_what_solve_gives(seed):
    rounds = _rounds(seed, 4)
    tree = build_tree(rounds[0])
    for round_ in rounds:
        fresh = solve(round_, "optimal", explain=False)
        reused = solve(round_, "optimal", explain=False, tree=tree)
        assert reused.assignments == fresh.assignments
        assert [(a.candidate, a.dwelling) for a in fresh.assignments] == [
            (round_.candidates[c].id, round_.dwellings[d].id) for c, d in allocate(round_, tree)]
    assert tree.__dict__["_regions"]  # the covers were memoised, and used again


def test_a_tree_of_other_areas_is_refused():
    one, other = _rounds(1, 1)[0], load_instance(generate_instance(50, 20, 3, seed=9))
    with pytest.raises(ValueError, match="gebiedsboom"):
        solve(one, "optimal", tree=build_tree(other))
