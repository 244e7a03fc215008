"""The monthly round's allocation: the engine's optimal policy on its pair-level network.

`matching.engine.allocate` first sizes both of the engine's networks (the grouped one through
the rent-level ladders, and the pair-level one) and builds the smaller (`optimal.choose_network`).
A simulated month is small (hundreds of people, tens of dwellings), where the pair-level network
is the smaller one by far, and sizing the grouped one costs more than the solves; so the
simulator builds the pair-level network directly and runs the engine's two phases on it.

Phase 1 (who is housed) does not depend on the network: the same priority-maximal set as
`solve(round_, "optimal")`. Phase 2 gives the same best total fit; among pairings of equal total
fit it may choose another one than the grouped network would, in a round where the engine
would have built that (never in the sample region's rounds; docs/simulate.md).
"""

from __future__ import annotations

from woonregie.matching.classes import build_classes
from woonregie.matching.model import Round
from woonregie.matching.pairs import build_pair_network
from woonregie.matching.phase1 import phase1
from woonregie.matching.phase2 import phase2
from woonregie.matching.tree import AreaTree


def allocate(round_: Round, tree: AreaTree | None = None) -> list[tuple[int, int]]:
    """(candidate index, dwelling index) pairs in rank order, as `engine.allocate`."""
    cls = build_classes(round_, tree)
    ptype, region, pref = cls.cand_ptype.tolist(), cls.cand_region.tolist(), cls.cand_pref.tolist()
    groups = set(zip(ptype, region, strict=True))
    prefs = {(p, r) for p, r in zip(ptype, pref, strict=True) if r >= 0}
    net = build_pair_network(cls, groups, prefs)
    pairs = phase2(cls, net, phase1(cls, net, explain=False).housed)
    rank = cls.rank.tolist()
    return sorted(pairs, key=lambda p: rank[p[0]])
