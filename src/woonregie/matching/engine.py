"""Entry point: `solve(round, policy)` -> MatchResult. Pure: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from woonregie.matching.baseline import per_vacancy
from woonregie.matching.classes import Classes, build_classes
from woonregie.matching.explain import build_context, explain_many
from woonregie.matching.gc_pause import gc_paused
from woonregie.matching.model import Round
from woonregie.matching.optimal import optimal
from woonregie.matching.result import Assignment, MatchResult, Unassigned
from woonregie.matching.scoring import in_preferred, pair_fit, pair_reasons
from woonregie.matching.tree import AreaTree

POLICIES = ("optimal", "per_vacancy")


@gc_paused()
def solve(
    round_: Round, policy: str = "optimal", explain: bool = True, tree: AreaTree | None = None
) -> MatchResult:
    """Allocate the round's dwellings under `policy` ("optimal" or "per_vacancy").

    `explain=False` skips reasons for the unassigned (benchmarks); codes and reasons of
    assignments are always filled. `tree`: see `classes.build_classes` (reuse over rounds).
    """
    if policy not in POLICIES:
        raise ValueError(f"onbekend beleid {policy!r}; kies uit {', '.join(POLICIES)}")
    cls = build_classes(round_, tree)
    groups_aug = None
    if policy == "optimal":
        pairs, groups_aug, net = optimal(cls)
        kind = net.kind
    else:
        pairs = per_vacancy(cls)
        kind = "none"
    result = _result(cls, policy, pairs, groups_aug, explain)
    stats = {
        "network": kind,
        "person_types": len(cls.ptypes),
        "dwelling_types": len(cls.dtypes),
        "covers": len(cls.covers),
    }
    if policy == "optimal":
        stats |= {"arcs": int(net.tails.size), "nodes": int(net.n_nodes)}
        # group arcs each network would have (the adaptive choice takes the smaller)
        stats["group_arcs"] = dict(cls.__dict__.get("_network_sizes", {}))
    return replace(result, stats=stats)


def _result(cls: Classes, policy: str, pairs, groups_aug, explain: bool):
    cands, dwells = cls.round.candidates, cls.round.dwellings
    rank = cls.rank.tolist()
    pairs = sorted(pairs, key=lambda p: rank[p[0]])
    assignments = []
    for c, d in pairs:
        preferred = in_preferred(cls, c, d)
        reasons, codes = pair_reasons(cls, c, d, preferred)
        assignments.append(
            Assignment(
                cands[c].id,
                dwells[d].id,
                pair_fit(cls, c, d, preferred),
                rank[c] + 1,
                tuple(reasons),
                tuple(codes),
            )
        )
    housed = {c for c, _ in pairs}
    ctx = (
        build_context(cls, pairs, groups_aug if policy == "optimal" else None) if explain else None
    )
    frozen: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # explanations are shared
    is_housed = np.zeros(len(cands), dtype=bool)
    is_housed[list(housed)] = True
    left = cls.order[~is_housed[cls.order]]
    explained = explain_many(ctx, left) if ctx else [((), ())] * left.size
    for reasons, codes in explained:
        if id(reasons) not in frozen:
            frozen[id(reasons)] = (tuple(reasons), tuple(codes))
    unassigned = tuple(
        Unassigned(cands[c].id, *frozen[id(e[0])])
        for c, e in zip(left.tolist(), explained, strict=True)
    )
    return MatchResult(policy, tuple(assignments), unassigned)


@gc_paused()
def allocate(round_: Round, tree: AreaTree | None = None) -> list[tuple[int, int]]:
    """The "optimal" policy's (candidate index, dwelling index) pairs in rank order: the same
    allocation as `solve(round_, "optimal")` without building its result objects, for callers
    that only need who gets which dwelling. (The simulator's monthly rounds skip sizing the
    grouped network too: `simulate/allocation.py`, checked against this function.)"""
    cls = build_classes(round_, tree)
    pairs, _groups, _net = optimal(cls, explain=False)
    rank = cls.rank.tolist()
    return sorted(pairs, key=lambda p: rank[p[0]])
