"""The monthly rounds' allocation on the pair-level network gives what the engine gives."""

from woonregie.matching import engine
from woonregie.matching.classes import build_classes
from woonregie.matching.optimal import choose_network
from woonregie.simulate import allocation, build
from woonregie.simulate import model as sim
from woonregie.simulate.params import Scenario
from woonregie.simulate.runner import seeds


def _rounds(base, months: int, monkeypatch) -> list:
    """The rounds of one replication of `months` months, as the model builds them."""
    got = []

    def keep(round_, tree):
        got.append((round_, tree))
        return allocation.allocate(round_, tree)

    with monkeypatch.context() as m:
        m.setattr(sim, "allocate", keep)
        sim.run(build.model(base, Scenario("t"), months), seeds(5, 1)[0])
    return got


def test_the_rounds_pairs_are_the_engines_where_it_builds_the_pair_network(base, monkeypatch):
    rounds = _rounds(base, 12, monkeypatch)
    assert len(rounds) >= 6
    pairs_rounds = 0
    for round_, tree in rounds:
        cls = build_classes(round_, tree)
        groups = set(zip(cls.cand_ptype.tolist(), cls.cand_region.tolist(), strict=True))
        prefs = {(p, r) for p, r in zip(cls.cand_ptype.tolist(), cls.cand_pref.tolist(),
                                       strict=True) if r >= 0}
        ours = allocation.allocate(round_, tree)
        theirs = engine.allocate(round_, tree)
        # the same people housed whichever network the engine picks
        assert sorted(c for c, _ in ours) == sorted(c for c, _ in theirs)
        if choose_network(cls, groups | prefs)[0] == "pairs":
            pairs_rounds += 1
            assert ours == theirs
    assert pairs_rounds > 0
