"""Phase 1 of the optimal policy — who is housed: the greedy-in-rank (priority-maximal) set.

Without support-team caps the sets of people that can be housed together form a matroid (a
gammoid: one unit of flow per person through nested dwelling-side caps). For a matroid the
greedy-in-rank set is the maximum-weight independent set for *any* weights that decrease strictly
with rank, so one max-flow-min-cost solve with person arc cost ``-(N - rank)`` yields exactly the
greedy set. Team caps add a partition constraint (each person has at most one team), which breaks
the matroid; the greedy rule there is "skip a person whose team already took `cap` people earlier
in rank". We compute it as a fixed point: solve, and for every team that took more than its cap,
drop its members ranked after its cap-th accepted member; repeat. Dropping people only ever helps
the remaining ones (matroid greedy is monotone under deletion), so every drop is one the true
greedy also makes, and at the fixed point the result is the greedy set exactly. It converges in a
few rounds (one per cascade level of binding teams). A team that is exactly full is cut off as
well (its later members can only ever be turned away), and a round that drops only people the
solve had turned away needs no new solve: deleting rejected people leaves the greedy set as it
is. A round that dropped few accepted people repairs the previous flow with augmenting paths
(`repair.py`) instead of solving from scratch, when that is cheaper by what solves and path
searches have cost so far (`repair.Budget`); it yields the very same accepted set per round.
The first round starts without each capped team's likely overflow (its members well beyond its
cap), a guess the first solve confirms or refutes (`_beyond_likely_cap`, `_short_teams`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.matching import repair
from woonregie.matching.classes import Classes, distinct, member
from woonregie.matching.flow import (
    arcs_of,
    reach_per_node,
    solver,
    static_flows,
    trim,
)
from woonregie.matching.network import SINK, SOURCE, Network, ranges


@dataclass
class Phase1:
    housed: np.ndarray  # candidate indices, rank order
    team_dropped: np.ndarray  # candidates skipped because their team was full
    team_cost: np.ndarray  # of those, the ones a free team slot would have housed
    flows: np.ndarray  # flow on the network's (static) arcs in the final solve
    person_node: np.ndarray  # W node per candidate, -1 when nothing is eligible
    # explanations, when a team was full: per node, one more unit reaches the sink from it
    sink_reach: np.ndarray | None = None


def _solve_once(net: Network, cls: Classes, persons, person_node, budget: repair.Budget):
    """The greedy-in-rank set of `persons` (rank order) on the dwelling side, and its flow.

    Solve less: greedy in rank decides the first people without looking at the later ones, so
    it solves a rank prefix first (a few times the number of dwellings). Someone after the
    prefix can still be added only if their W node reaches the sink in the residual graph of
    the prefix's flow; whoever cannot is spanned by the prefix's greedy set, hence by every
    larger accepted set, and is rejected by the full greedy too, and dropping a rejected,
    spanned person changes no other decision. So the rest is proven unreachable, or the
    reachable ones are added by augmenting paths on the prefix's flow (`repair.extend`: the
    prefix's greedy set stays), or, when many of them get in, by a second solve.
    """
    persons = trim(persons, person_node[persons], reach_per_node(net))
    prefix = max(_PREFIX_MIN, _PREFIX_FACTOR * len(cls.round.dwellings))
    if persons.size > prefix:
        head, rest = persons[:prefix], persons[prefix:]
        accepted, flows = _solve(net, cls, head, person_node, budget)
        start = budget.clock()
        open_nodes = sink_reachers(net, flows)
        budget.guess_from_bfs(budget.clock() - start)
        rest = rest[open_nodes[person_node[rest]]]
        if rest.size == 0:
            return accepted, flows
        got = repair.extend(net, flows, rest, person_node, budget)
        if got is not None:  # the rest all rank after the prefix: appending keeps rank order
            return np.r_[accepted, got[0]], got[1]
        persons = np.r_[head, rest]
    return _solve(net, cls, persons, person_node, budget)


_PREFIX_MIN = 1_000  # people; below this a prefix saves nothing
_PREFIX_FACTOR = 2  # prefix length in dwellings of the round


def _solve(net: Network, cls: Classes, persons, person_node, budget: repair.Budget):
    """One max-weight solve over `persons` (only the arcs of their W nodes)."""
    start = budget.clock()
    arc_ids = arcs_of(net, net.phase1_arcs, distinct(person_node[persons]))
    smcf = solver(net, np.zeros_like(net.costs), arc_ids)
    n = len(cls.round.candidates)
    weights = -(n - cls.rank[persons])
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        np.full(persons.size, SOURCE, dtype=np.int32),
        person_node[persons].astype(np.int32),
        np.ones(persons.size, dtype=np.int64),
        weights.astype(np.int64),
    )
    # Overflow arc: people left out go straight to the sink at cost 0, so a plain min-cost
    # solve maximises the total weight of the people routed through the dwellings.
    smcf.add_arc_with_capacity_and_unit_cost(SOURCE, SINK, int(persons.size), 0)
    smcf.set_node_supply(SOURCE, int(persons.size))
    smcf.set_node_supply(SINK, -int(persons.size))
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    accepted = persons[smcf.flows(arcs) > 0]
    static = static_flows(net, smcf, arc_ids)
    budget.solve_cpu = budget.clock() - start
    return accepted[np.argsort(cls.rank[accepted], kind="stable")], static


def _team_drops(cls: Classes, accepted: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Active people to drop: members ranked after their team's cap-th accepted member, for
    every team with at least `cap` accepted members -- a full team, not only an overfull one:
    its accepted members stay accepted in every later solve, so the greedy makes that drop
    too, and making it now keeps the team from overflowing in the next solve. (`accepted` is in
    rank order.)"""
    caps = _team_caps(cls)
    members = accepted[caps[cls.cand_team[accepted]] > 0]
    by_team, depth = _depth_in_team(cls.cand_team[members])
    members = members[by_team]
    cap_th = members[depth == caps[cls.cand_team[members]] - 1]  # one per full team
    cutoff = np.full(caps.size, np.iinfo(np.int64).max)  # rank after which members drop
    cutoff[cls.cand_team[cap_th]] = cls.rank[cap_th]
    cutoff[caps == 0] = -1
    return active & (cls.rank > cutoff[cls.cand_team])


def _team_caps(cls: Classes) -> np.ndarray:
    """Cap per team index, -1 where a team has none, and one more -1 at the end: the one a
    person without a team (team index -1) picks up."""
    return np.array([-1 if c is None else c for c in cls.team_cap] + [-1], dtype=np.int64)


def _depth_in_team(teams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For people in rank order with these team indices: the order that groups them by team
    (rank order kept within a team), and in that order each one's place within their team."""
    by_team = np.argsort(teams, kind="stable")
    grouped = teams[by_team]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    depth = np.arange(teams.size) - np.repeat(starts, np.diff(np.r_[starts, teams.size]))
    return by_team, depth


def _person_nodes(cls: Classes, net: Network) -> np.ndarray:
    """W node of each candidate's (ptype, region) group, -1 when it has none (one vectorised
    look-up on the sorted group keys, not one dict look-up per person)."""
    width = len(cls.covers) + 1
    m = len(net.w_index)
    keys = np.fromiter((p * width + c for p, c in net.w_index), dtype=np.int64, count=m)
    nodes = np.fromiter(net.w_index.values(), dtype=np.int64, count=m)
    order = np.argsort(keys)
    keys, nodes = np.r_[keys[order], -1], np.r_[nodes[order], -1]  # -1: a miss at the end
    want = cls.cand_ptype * width + cls.cand_region
    at = np.searchsorted(keys[:-1], want)
    return np.where(keys[at] == want, nodes[at], -1)


def phase1(cls: Classes, net: Network, explain: bool = True) -> Phase1:
    """`explain=False` leaves `team_cost` (who a free team slot would house) empty and
    `sink_reach` None."""
    n = len(cls.round.candidates)
    person_node = _person_nodes(cls, net)
    cap_of = _team_caps(cls)[cls.cand_team]  # per candidate; -1: no team or no cap
    active = (person_node >= 0) & (cap_of != 0)
    budget = repair.Budget()
    accepted, flows, active = _guessed_fixed_point(net, cls, active, person_node, budget)
    team_full = (cap_of >= 0) & (person_node >= 0) & ~active
    dropped = cls.order[team_full[cls.order]]
    if not (explain and dropped.size):
        return Phase1(accepted, dropped, dropped[:0], flows, person_node)
    value = _reachable_values(net, cls, accepted, flows, person_node)
    cost = value[person_node[dropped]] > cls.rank[dropped]
    return Phase1(accepted, dropped, dropped[cost], flows, person_node, value == n)


class _Unconfirmed(Exception):
    """The first solve left teams whose overflow was guessed short of their cap."""

    def __init__(self, teams: np.ndarray):
        super().__init__(teams)
        self.teams = teams


def _guessed_fixed_point(net: Network, cls: Classes, active, person_node, budget):
    """`_fixed_point` over the active people, tried first without each capped team's likely
    overflow (`_beyond_likely_cap`); a team the first solve leaves short of its cap is not
    guessed in the next try, and after `_GUESSES` tries nobody is."""
    guess = _beyond_likely_cap(cls, active)
    for _ in range(_GUESSES):
        if not guess.any():
            break
        try:
            return _fixed_point(net, cls, active & ~guess, person_node, budget, guess)
        except _Unconfirmed as short:
            guess &= ~member(cls.cand_team, short.teams)
    return _fixed_point(net, cls, active, person_node, budget)


_GUESSES = 2


def _fixed_point(net: Network, cls: Classes, active, person_node, budget, guessed=None):
    """(accepted, flows, active at the end): the team-capped greedy set of the `active` people
    (see the module docstring), and who is left after the team drops. With `guessed` (people
    left out of `active` as their team's likely overflow): `_Unconfirmed` as soon as the first
    solve cannot confirm the guess (`_short_teams`)."""
    active = active.copy()
    accepted, flows = _solve_once(net, cls, cls.order[active[cls.order]], person_node, budget)
    if guessed is not None:
        short = _short_teams(cls, accepted, guessed)
        if short.size:
            raise _Unconfirmed(short)
    while True:
        drop = _team_drops(cls, accepted, active)
        if not drop.any():
            break
        active &= ~drop
        if not drop[accepted].any():
            break  # only rejected people dropped: the greedy set stands (no re-solve)
        got = repair.repair(net, cls, accepted, flows, drop, active, person_node, budget)
        if got is None:
            got = _solve_once(net, cls, cls.order[active[cls.order]], person_node, budget)
        accepted, flows = got
    return accepted, flows, active


# A capped team's first cap x (1 + _CAP_SLACK) + 1 active members (rank order) take part in the
# first try. In the benchmark's rounds the cap-th placed member is at most ~1.25 cap deep (2 cap
# for caps of 1-4); a team whose members rank low may never fill, so it is guessed only when
# those first members all rank among the first (number of dwellings) active people.
_CAP_SLACK = 0.25


def _beyond_likely_cap(cls: Classes, active: np.ndarray) -> np.ndarray:
    """The active members of each capped team beyond its first cap x (1 + slack) + 1, in rank
    order: people the team-capped greedy most likely turns away because their team is full.

    Why guess: without it the first solve houses every team's overflow, and undoing that
    (`repair`) costs a path per person (on the large rounds a sixth of the solve, on regional
    ones a second solve). The guess is exact when confirmed (`_short_teams`); a try that is
    not costs one solve.
    """
    caps = _team_caps(cls)
    people = cls.order[active[cls.order]]
    capped = np.flatnonzero(caps[cls.cand_team[people]] > 0)  # = places among the active
    guess = np.zeros(active.size, dtype=bool)
    if capped.size == 0:
        return guess
    by_team, depth = _depth_in_team(cls.cand_team[people[capped]])
    places = capped[by_team]
    people = people[places]
    teams = cls.cand_team[people]
    keep = np.ceil(caps[teams] * (1 + _CAP_SLACK)).astype(np.int64) + 1
    beyond = depth >= keep
    # the last kept member of each team with people beyond: ranked high enough to rely on?
    last = np.flatnonzero(beyond & (depth == keep))  # first person beyond, per team
    deep = places[last - 1] >= len(cls.round.dwellings)
    beyond &= ~member(teams, teams[last[deep]])
    guess[people[beyond]] = True
    return guess


def _short_teams(cls: Classes, accepted: np.ndarray, guessed: np.ndarray) -> np.ndarray:
    """Teams whose overflow was guessed but that the first solve (the greedy set without team
    caps) leaves short of their cap: none means the guess is confirmed.

    A team that fills its cap there keeps those members through every team-cap round (only
    members after a team's cap-th accepted one are dropped, and dropping never unseats anyone
    else), so at the end it holds its cap of accepted members, all from its first members. The
    guessed people are then exactly people the greedy over everyone turns away for a full team,
    and leaving them out changed nothing: in rank order both runs decide alike (the left-out
    people being skipped) up to a guessed person x, and there x's team already holds its cap of
    accepted members, all ranked before x, so x is skipped too.
    """
    teams = cls.cand_team[accepted]
    taken = np.bincount(teams[teams >= 0], minlength=len(cls.teams))
    guessed_teams = distinct(cls.cand_team[guessed])
    return guessed_teams[taken[guessed_teams] < _team_caps(cls)[guessed_teams]]


def _reachable_values(net: Network, cls: Classes, chosen, flows, person_node) -> np.ndarray:
    """Per node, the best value it can reach in the residual graph of the chosen set's flow
    (phase-1 arcs): the sink is worth n (the number of candidates), a W node the highest rank
    among its chosen people, any other node nothing (-1).

    It answers two questions for the explanations. A node worth n can still send one more
    unit to the sink: a W node there had a dwelling to spare when its person was turned away,
    so a full support team cost that placement. And a person x (not chosen) could be housed
    with the chosen people ranked before them (their own team cap ignored) iff x's W node is
    worth more than x's rank: the chosen set G is feasible, so G_<x + x is feasible iff G + x
    is, or G - y + x is for some chosen y ranked after x (extend G_<x + x with elements of G:
    matroid augmentation), which in the residual graph is x's W node reaching the sink, or a
    W node carrying such a y (then x takes over y's unit). Run-independent.
    """
    res = repair.Residual(net, flows)
    n = len(cls.round.candidates)
    value = np.full(net.n_nodes, -1, dtype=np.int64)
    np.maximum.at(value, person_node[chosen], cls.rank[chosen])
    value[SINK] = n
    changed = np.flatnonzero(value >= 0)
    while changed.size:  # value[u] = max(value[u], value[v]) over residual u -> v, to a fixed
        # point, from the nodes that changed only (`back`: the u of each residual u -> v)
        grown = [_relax(res, value, part) for part in _by_entries(res.indptr, changed)]
        changed = distinct(np.concatenate(grown))
    return value


# Residual entries per relaxation step: each costs ~60 bytes of temporaries, so a step stays
# under ~60 MB however wide the frontier (a national round's frontiers reach millions).
_RELAX_ENTRIES = 1_000_000


def _by_entries(indptr: np.ndarray, nodes: np.ndarray) -> list[np.ndarray]:
    """`nodes` in consecutive parts of about `_RELAX_ENTRIES` residual entries each."""
    part = np.cumsum(indptr[nodes + 1] - indptr[nodes]) // _RELAX_ENTRIES
    return np.split(nodes, np.flatnonzero(np.diff(part)) + 1)


def _relax(res: repair.Residual, value: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Raise each residual predecessor of `nodes` to their value; the raised ones."""
    owner, pos = ranges(res.indptr[nodes], res.indptr[nodes + 1])
    pred = res.back[pos]
    val = value[nodes[owner]]
    better = (pred >= 0) & (val > value[pred])
    pred, val = pred[better], val[better]
    np.maximum.at(value, pred, val)
    return pred


def sink_reachers(net: Network, flows: np.ndarray) -> np.ndarray:
    """bool per node: one more unit can reach the sink from it in the residual graph of the
    phase-1 arcs (the fit phase's extra arcs carry no flow and leave only from its own W
    nodes, so they would change the answer for no phase-1 node)."""
    return repair.Residual(net, flows).sink_distances() < np.inf
