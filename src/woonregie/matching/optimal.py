"""The `optimal` policy: the priority-maximal set by greedy-in-rank, then the best total fit.

Phase 1 (`phase1.py`, with `repair.py` for team-cap rounds) decides who is housed; phase 2
(`phase2.py`) decides who gets which dwelling among allocations of exactly that set.

Why OR-Tools SimpleMinCostFlow: it solves both phases (max-flow-with-min-cost, then
min-cost-with-supplies) on integer costs in C++ with a vectorised Python API. SciPy's
`maximum_flow` has no costs and `linear_sum_assignment` needs the dense people x dwellings
matrix this engine avoids; networkx is pure Python and far too slow at national size.
"""

from __future__ import annotations

from woonregie.matching.classes import Classes
from woonregie.matching.network import build_network
from woonregie.matching.pairs import build_pair_network
from woonregie.matching.phase1 import augmentable, phase1
from woonregie.matching.phase2 import phase2


def optimal(cls: Classes, explain: bool = True):
    """(candidate, dwelling) pairs; for the explanations the (ptype, cover) groups that could
    take one more person on the dwelling side and the people a free team slot would house
    (both empty with `explain=False`); and the network used (grouped or pair-level, see
    `use_pairs`)."""
    groups = set(zip(cls.cand_ptype.tolist(), cls.cand_region.tolist(), strict=True))
    prefs = {
        (p, r)
        for p, r in zip(cls.cand_ptype.tolist(), cls.cand_pref.tolist(), strict=True)
        if r >= 0
    }
    net = (build_pair_network if use_pairs(cls, groups) else build_network)(cls, groups, prefs)
    p1 = phase1(cls, net, explain)
    pairs = phase2(cls, net, p1.housed)
    aug = None
    if explain and p1.team_dropped.size:
        nodes = augmentable(net, p1.flows)
        aug = {g for g, node in net.w_index.items() if node in nodes}
    return pairs, (aug or set(), set(p1.team_cost.tolist())), net


# The adaptive choice. The grouped network pays per (person type x dwelling type) and per group x
# cover node; the pair network per eligible (group, dwelling class) pair. Grouping compresses on
# regions whose people share types (the calibrated generator: 0.16-0.44 groups per person and
# < 0.1 M type pairs); with individual rents and area sets it does not (~1 group per person,
# ~10-50 M type pairs), and listing pairs is cheaper than the grouped fan-out.
GROUPS_PER_PERSON_MAX = 0.6
TYPE_PAIRS_MAX = 2_000_000


def use_pairs(cls: Classes, groups: set[tuple[int, int]]) -> bool:
    """True when grouping does not compress: build the pair-level network (`pairs.py`)."""
    people = max(1, len(cls.round.candidates))
    if len(groups) > GROUPS_PER_PERSON_MAX * people:
        return True
    return len(cls.ptypes) * len(cls.dtypes) > TYPE_PAIRS_MAX
