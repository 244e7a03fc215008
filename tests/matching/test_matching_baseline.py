"""The per-vacancy baseline on its sparse cells: the same pairs whether or not the cell lists
per dwelling type are cached, on the generated rounds where types barely repeat."""

from __future__ import annotations

import pytest

from woonregie.matching import baseline
from woonregie.matching.engine import solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance


@pytest.mark.parametrize("rents", ["limits", "individual"])
def test_caching_cell_lists_changes_nothing(rents, monkeypatch):
    round_ = load_instance(generate_instance(1_500, 400, 24, 5, True, rents=rents))
    cached = solve(round_, "per_vacancy")
    monkeypatch.setattr(baseline, "_CACHE_CELLS", 0)
    uncached = solve(round_, "per_vacancy")
    assert uncached.dumps() == cached.dumps()
    assert cached.housed > 0


def test_a_full_team_stops_taking_dwellings():
    inst = generate_instance(800, 300, 24, 6, True)
    for team in inst["support_teams"]:
        team["cap"] = 3
    result = solve(load_instance(inst), "per_vacancy")
    team_of = {c["id"]: c.get("support_team") for c in inst["candidates"]}
    caps = {t["id"]: t["cap"] for t in inst["support_teams"]}
    used: dict[str, int] = {}
    for a in result.assignments:
        team = team_of[a.candidate]
        if team in caps:
            used[team] = used.get(team, 0) + 1
    assert used and all(n <= caps[t] for t, n in used.items())
    assert 3 in used.values()  # the caps did bind
    housed = {a.candidate for a in result.assignments}
    assert any(team_of[c] is None for c in housed)  # others still got dwellings
