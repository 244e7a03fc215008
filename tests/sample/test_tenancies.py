"""The sample's matches and placements agree with its status histories and dwellings."""

from __future__ import annotations

from collections import Counter

from woonregie.domain.enums import AreaLevel, DwellingStatus
from woonregie.domain.status import PersonStatus


def test_every_proposed_person_and_dwelling_has_exactly_one_live_match(region):
    proposed = {p.key for p in region.persons if p.status == PersonStatus.VOORGEDRAGEN}
    offered = {d.code for d in region.dwellings if d.status == DwellingStatus.VOORGEDRAGEN}
    assert proposed and len(proposed) == len(offered)
    live = [m for m in region.matches if m.live]
    assert Counter(m.person for m in live) == Counter(proposed)
    assert Counter(m.dwelling for m in live) == Counter(offered)
    keys = [m.key for m in region.matches]
    assert len(set(keys)) == len(keys)


def test_placements_start_on_a_move_to_gehuisvest_in_a_let_dwelling(region):
    persons = {p.key: p for p in region.persons}
    dwellings = {d.code: d for d in region.dwellings}
    gemeenten = {a.code for a in region.areas if a.level == AreaLevel.GEMEENTE}
    housed_moves = sum(t.target == PersonStatus.GEHUISVEST for p in region.persons
                       for t in p.history)
    assert housed_moves and len(region.placements) == housed_moves
    for placement in region.placements:
        person = persons[placement.person]
        assert placement.start in {t.on for t in person.history
                                   if t.target == PersonStatus.GEHUISVEST}
        assert dwellings[placement.dwelling].status == DwellingStatus.VERHUURD
        assert placement.gemeente in gemeenten
        assert placement.end is None or placement.end >= placement.start
    assert any(p.end is not None for p in region.placements)


def test_live_matches_are_spread_over_every_live_step_in_date_order(region):
    from woonregie.domain.match import LIVE

    assert {m.step for m in region.matches if m.live} == set(LIVE)
    for m in region.matches:
        assert [t.on for t in m.history] == sorted(t.on for t in m.history)
        assert m.history[-1].target == m.step


def test_declines_with_reasons_of_the_shipped_list(region):
    from woonregie.domain.match import MatchStep
    from woonregie.domain.workflow import DEFAULT_REASONS

    codes = {r.code: r for r in DEFAULT_REASONS}
    ended = [m for m in region.matches if m.step in (MatchStep.GEWEIGERD,
                                                     MatchStep.AFGEWEZEN_DOOR_CORPORATIE)]
    assert len({m.details_of(m.step)["reason_code"] for m in ended}) == len(codes)
    persons = {p.key: p for p in region.persons}
    for m in ended:
        reason = codes[m.details_of(m.step)["reason_code"]]
        assert m.history[-1].reason == reason.label
        assert persons[m.person].status == PersonStatus.UITSTROOMKLAAR
        assert m.opened_on >= persons[m.person].ready_since


def test_matches_at_every_step_and_recent_lettings_have_theirs(region):
    from woonregie.domain.match import MatchStep

    assert {m.step for m in region.matches} == set(MatchStep)
    signed = {m.key: m for m in region.matches if m.step == MatchStep.CONTRACT_GETEKEND}
    linked = [p for p in region.placements if p.match is not None]
    assert linked and {p.match for p in linked} == set(signed)
    for p in linked:
        m = signed[p.match]
        assert (m.person, m.dwelling, m.history[-1].on) == (p.person, p.dwelling, p.start)
