"""Independent oracles for the matching tests: plain Python + networkx, no engine code.

Written from design.md's definitions, not from the engine, so that a wrong engine fails.
"""

from __future__ import annotations

import networkx as nx

BIG = 10**6


def ancestors(inst: dict, area: str) -> list[str]:
    parent = {a["id"]: a.get("parent") for a in inst.get("areas", [])}
    chain = [area]
    while parent.get(chain[-1]) is not None:
        chain.append(parent[chain[-1]])
    return chain


def eligible(inst: dict, c: dict, d: dict) -> bool:
    chain = ancestors(inst, d["area"])
    return (
        d["rent"] <= c["max_rent"]
        and d.get("min_household", 1) <= c["household_size"] <= d.get("max_household", 99)
        and set(c.get("needs", [])) <= set(d.get("features", []))
        and (not c.get("areas") or any(a in c["areas"] for a in chain))
        and (
            not c.get("housing_forms") or d.get("housing_form", "zelfstandig") in c["housing_forms"]
        )
        and (not c.get("support_areas") or any(a in c["support_areas"] for a in chain))
    )


def rank_order(inst: dict) -> list[dict]:
    return sorted(inst["candidates"], key=lambda c: (-c["priority"], -c["waiting_days"], c["id"]))


def _graph(inst: dict, people: list[dict]) -> nx.DiGraph:
    g = nx.DiGraph()
    complex_caps = {k["id"]: k["cap"] for k in inst.get("complexes", [])}
    area_caps = {a["id"]: a.get("cap") for a in inst.get("areas", [])}
    for c in people:
        g.add_edge("s", ("p", c["id"]), capacity=1)
        for d in inst["dwellings"]:
            if eligible(inst, c, d):
                g.add_edge(("p", c["id"]), ("d", d["id"]), capacity=1)
    for d in inst["dwellings"]:
        chain = ancestors(inst, d["area"])
        prev = ("d", d["id"])
        if d.get("complex") in complex_caps:
            g.add_edge(prev, ("k", d["complex"]), capacity=1)
            prev = ("k", d["complex"])
            cap = complex_caps[d["complex"]]
        else:
            cap = 1
        for a in chain:
            g.add_edge(prev, ("a", a), capacity=cap)
            prev = ("a", a)
            cap = BIG if area_caps.get(a) is None else area_caps[a]
        g.add_edge(prev, "t", capacity=cap)
    g.add_node("s")
    g.add_node("t")
    return g


def dwelling_feasible(inst: dict, people: list[dict]) -> bool:
    value, _ = nx.maximum_flow(_graph(inst, people), "s", "t")
    return value == len(people)


def team_ok(inst: dict, people: list[dict]) -> bool:
    caps = {t["id"]: t["cap"] for t in inst.get("support_teams", [])}
    count: dict[str, int] = {}
    for c in people:
        team = c.get("support_team")
        if team is not None:
            count[team] = count.get(team, 0) + 1
    return all(count[t] <= caps[t] for t in count if t in caps)


def greedy_set(inst: dict) -> list[str]:
    chosen: list[dict] = []
    for c in rank_order(inst):
        trial = [*chosen, c]
        if team_ok(inst, trial) and dwelling_feasible(inst, trial):
            chosen = trial
    return [c["id"] for c in chosen]


def max_housed(inst: dict) -> int:
    value, _ = nx.maximum_flow(_graph(inst, inst["candidates"]), "s", "t")
    return value


RENT_LIMITS = (498.20, 682.96, 731.93, 900.07)


def fit(inst: dict, c: dict, d: dict) -> int:
    """fit.py's documented points, re-implemented."""
    band = lambda x: sum(1 for lim in RENT_LIMITS if lim < x)  # noqa: E731
    spare = max(0, d.get("max_household", 99) - c["household_size"] - 1)
    points = max(0, 20 - 5 * spare) + 10 * min(3, max(0, band(c["max_rent"]) - band(d["rent"])))
    chain = ancestors(inst, d["area"])
    if any(a in c.get("preferred_areas", []) for a in chain):
        points += 40
    return points


def best_fit(inst: dict, ids: list[str]) -> int:
    """Max total fit over allocations housing exactly `ids` (min-cost flow with demands)."""
    people = [c for c in inst["candidates"] if c["id"] in ids]
    g = _graph(inst, people)
    for c in people:
        for d in inst["dwellings"]:
            if g.has_edge(("p", c["id"]), ("d", d["id"])):
                g[("p", c["id"])][("d", d["id"])]["weight"] = -fit(inst, c, d)
    g.nodes["s"]["demand"] = -len(people)
    g.nodes["t"]["demand"] = len(people)
    return -nx.cost_of_flow(g, nx.min_cost_flow(g))


def per_vacancy(inst: dict) -> list[tuple[str, str]]:
    """Naive simulation of the baseline."""
    complex_caps = {k["id"]: k["cap"] for k in inst.get("complexes", [])}
    area_caps = {a["id"]: a.get("cap") for a in inst.get("areas", [])}
    team_caps = {t["id"]: t["cap"] for t in inst.get("support_teams", [])}
    used: dict[tuple[str, str], int] = {}
    housed: set[str] = set()
    pairs = []
    for d in sorted(inst["dwellings"], key=lambda d: d["id"]):
        keys = [("a", a) for a in ancestors(inst, d["area"])]
        caps = [area_caps.get(a) for a in ancestors(inst, d["area"])]
        if d.get("complex") in complex_caps:
            keys.append(("k", d["complex"]))
            caps.append(complex_caps[d["complex"]])
        if any(
            cap is not None and used.get(k, 0) >= cap for k, cap in zip(keys, caps, strict=True)
        ):
            continue
        for c in rank_order(inst):
            team = c.get("support_team")
            if c["id"] in housed or not eligible(inst, c, d):
                continue
            if team in team_caps and used.get(("t", team), 0) >= team_caps[team]:
                continue
            pairs.append((c["id"], d["id"]))
            housed.add(c["id"])
            for k in [*keys, ("t", team)]:
                used[k] = used.get(k, 0) + 1
            break
    return pairs
