"""One scenario per explanation code, plus the team-cap-breaks-the-matroid case."""

from __future__ import annotations

import pytest

from woonregie.matching.engine import solve
from woonregie.matching.instance import load_instance

TREE = [
    {"id": "G"},
    {"id": "W1", "parent": "G"},
    {"id": "B1", "parent": "W1"},
    {"id": "B2", "parent": "W1"},
]


def person(pid, priority=1, waiting=0, **extra):
    return {
        "id": pid,
        "priority": priority,
        "waiting_days": waiting,
        "household_size": 1,
        "max_rent": 700,
        **extra,
    }


def dwelling(did, area="B1", rent=500, **extra):
    return {"id": did, "area": area, "rent": rent, **extra}


def run(candidates, dwellings, policy="optimal", **sections):
    inst = {
        "version": 1,
        "candidates": candidates,
        "dwellings": dwellings,
        "areas": TREE,
        **sections,
    }
    result = solve(load_instance(inst), policy)
    return result, {u.candidate: u for u in result.unassigned}


@pytest.mark.parametrize(
    ("extra", "dwelling_extra", "worst"),
    [
        ({"max_rent": 400}, {}, "huur"),
        ({"household_size": 4}, {"max_household": 2}, "huishouden"),
        ({"needs": ["rolstoel"]}, {}, "kenmerken"),
        ({"areas": ["B2"]}, {}, "gebied"),
        ({"housing_forms": ["kamer"]}, {}, "woonvorm"),
        ({"support_areas": ["B2"]}, {}, "begeleiding"),
    ],
)
def test_geen_passende_woning_names_the_constraint(extra, dwelling_extra, worst):
    _, un = run([person("p", **extra)], [dwelling("w1", **dwelling_extra)])
    assert un["p"].codes == ("geen_passende_woning", f"geen_passende_woning_{worst}")
    assert "1 van 1" in un["p"].reasons[0]


def test_geen_passende_woning_picks_the_biggest_excluder():
    dws = [dwelling("w1", rent=900), dwelling("w2", rent=900), dwelling("w3", area="B2")]
    _, un = run([person("p", areas=["B1"])], dws)
    assert un["p"].codes[1] == "geen_passende_woning_huur"
    assert "huur: 2; gebied: 1" in un["p"].reasons[1]


def test_voorrang_anderen():
    result, un = run([person("hoog", priority=3), person("laag")], [dwelling("w1")])
    assert result.assignments[0].candidate == "hoog"
    assert un["laag"].codes == ("voorrang_anderen",)
    assert "hogere rang" in un["laag"].reasons[0]


def test_waiting_days_and_id_break_ties():
    result, _ = run(
        [person("b", waiting=5), person("a", waiting=5), person("c", waiting=9)],
        [dwelling("w1"), dwelling("w2")],
    )
    assert [a.candidate for a in result.assignments] == ["c", "a"]
    assert [a.rank for a in result.assignments] == [1, 2]


def test_plafond_complex_names_the_complex():
    dws = [dwelling("w1", complex="K1"), dwelling("w2", complex="K1")]
    _, un = run([person("p1", 2), person("p2")], dws, complexes=[{"id": "K1", "cap": 1}])
    assert un["p2"].codes == ("plafond_complex", "voorrang_anderen")
    assert "complex K1 (plafond 1" in un["p2"].reasons[0]


def test_plafond_gebied_names_the_area_at_any_level():
    tree = [
        {"id": "G"},
        {"id": "W1", "parent": "G", "cap": 1},
        {"id": "B1", "parent": "W1"},
        {"id": "B2", "parent": "W1"},
    ]
    inst_dws = [dwelling("w1"), dwelling("w2", area="B2")]
    result, un = run([person("p1", 2), person("p2")], inst_dws, areas=tree)
    assert result.housed == 1
    assert un["p2"].codes == ("plafond_gebied", "voorrang_anderen")
    assert "gebied W1 (plafond 1" in un["p2"].reasons[0]


def test_team_vol_that_cost_a_placement():
    cands = [person("a", 3, support_team="T"), person("b", 2, support_team="T")]
    result, un = run(cands, [dwelling("w1"), dwelling("w2")], support_teams=[{"id": "T", "cap": 1}])
    assert result.housed == 1
    assert un["b"].codes == ("team_vol", "team_kostte_plaatsing")
    assert "Begeleidingsteam T zit vol" in un["b"].reasons[0]
    assert "gekost" in un["b"].reasons[1]


def test_team_vol_without_cost_when_housing_was_gone_anyway():
    cands = [person("a", 3, support_team="T"), person("b", 2, support_team="T")]
    _, un = run(cands, [dwelling("w1")], support_teams=[{"id": "T", "cap": 1}])
    assert un["b"].codes == ("team_vol", "voorrang_anderen")


def test_binding_team_cap_follows_rank_not_size():
    """design.md: two of one full team compete while another needs the same dwelling.

    a (team T, rank 1) can only take w1; b (team T, rank 2) can take w2; c (no team, rank 3)
    can only take w2. Team T has room for one: greedy keeps a, skips b (team full), houses c.
    With T's cap at 2, both a and b are housed and c loses out.
    """
    cands = [
        person("a", 3, support_team="T", areas=["B1"]),
        person("b", 2, support_team="T", areas=["B2"]),
        person("c", 1, areas=["B2"]),
    ]
    dws = [dwelling("w1"), dwelling("w2", area="B2")]
    result, un = run(cands, dws, support_teams=[{"id": "T", "cap": 1}])
    assert sorted(a.candidate for a in result.assignments) == ["a", "c"]
    assert un["b"].codes == ("team_vol", "team_kostte_plaatsing")
    result2, un2 = run(cands, dws, support_teams=[{"id": "T", "cap": 2}])
    assert sorted(a.candidate for a in result2.assignments) == ["a", "b"]
    assert un2["c"].codes == ("voorrang_anderen",)


def test_team_cap_can_cost_a_placement_overall():
    """Greedy houses fewer than the maximum when a team cap binds; rank still wins.

    a (T, rank 1) and c (rank 2) both need w2 only; b (T, rank 3) can take w1. T has room for
    one: a is housed, c is outranked, b is skipped though w1 stays empty. Housing c and b would
    house two: the explanation must say the team capacity cost b's placement.
    """
    cands = [
        person("a", 3, support_team="T", areas=["B2"]),
        person("c", 2, areas=["B2"]),
        person("b", 1, support_team="T", areas=["B1"]),
    ]
    dws = [dwelling("w1"), dwelling("w2", area="B2")]
    result, un = run(cands, dws, support_teams=[{"id": "T", "cap": 1}])
    assert [a.candidate for a in result.assignments] == ["a"]
    assert un["c"].codes == ("voorrang_anderen",)
    assert un["b"].codes == ("team_vol", "team_kostte_plaatsing")


def test_optimal_beats_per_vacancy_and_keeps_rank():
    """w1 comes first; per vacancy gives it to the top person, who was the only one for w2."""
    cands = [person("top", 3, areas=["W1"]), person("b1only", 1, areas=["B1"])]
    dws = [dwelling("w1"), dwelling("w2", area="B2")]
    opt, _ = run(cands, dws)
    base, un = run(cands, dws, policy="per_vacancy")
    assert opt.housed == 2
    assert base.housed == 1
    assert {a.candidate: a.dwelling for a in opt.assignments} == {"top": "w2", "b1only": "w1"}
    assert un["b1only"].codes == ("voorrang_anderen",)


def test_per_vacancy_skips_capped_dwelling_and_full_team():
    cands = [person("a", 3, support_team="T"), person("b", 2, support_team="T"), person("c")]
    dws = [dwelling("w1", complex="K"), dwelling("w2", complex="K"), dwelling("w3")]
    result, _ = run(
        cands,
        dws,
        "per_vacancy",
        complexes=[{"id": "K", "cap": 1}],
        support_teams=[{"id": "T", "cap": 1}],
    )
    assert {a.candidate: a.dwelling for a in result.assignments} == {"a": "w1", "c": "w3"}


def test_fit_prefers_preferred_area_and_fitting_size():
    cands = [person("p", 2, preferred_areas=["B2"]), person("q")]
    dws = [dwelling("w1", max_household=6), dwelling("w2", area="B2", max_household=2)]
    result, _ = run(cands, dws)
    got = {a.candidate: a for a in result.assignments}
    assert got["p"].dwelling == "w2"
    assert "voorkeursgebied" in got["p"].codes
    assert got["q"].fit < got["p"].fit
