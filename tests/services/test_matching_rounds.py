"""Matching rounds on the database: stored proposals, status moves, audit, dry runs, conflicts."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import small_region
from woonregie.domain.enums import OrgKind, SupportIntensity
from woonregie.services import audit
from woonregie.services import matching_rounds as mr
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

TODAY = date(2026, 1, 10)
REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")


def _load(engine, region=None):
    with UnitOfWork(engine) as uow:
        write_region(uow, region or small_region())
        uow.commit()


def _count(uow, table):
    return uow.session.scalar(select(func.count()).select_from(table))


def test_round_proposes_stores_and_audits(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        outcome = mr.run_round(uow, today=TODAY, actor=REGISSEUR)
    assert outcome.housed == 1 and outcome.round_id is not None
    assert outcome.result.assignments[0].candidate == "P-1"
    with UnitOfWork(engine) as uow:
        person = uow.persons.get("P-1")
        assert person.status == "voorgedragen"
        assert person.history[-1].by == "regisseur-test"
        assert f"ronde {outcome.round_id}" in person.history[-1].reason
        dwelling = outcome.result.assignments[0].dwelling
        assert uow.dwellings.get(dwelling).status == "voorgedragen"
        lines = mr.round_lines(uow, outcome.round_id)
        assert [(ln.person, ln.dwelling) for ln in lines] == [("P-1", dwelling)]
        assert lines[0].reasons and lines[0].codes is not None
        opened = uow.matches.find()
        assert [(m.person, m.dwelling, m.round_id, m.step) for m in opened] == [
            ("P-1", dwelling, outcome.round_id, "voorgesteld")
        ]
        actions = [(r.action, r.entity, r.entity_key) for r in uow.session.scalars(
            select(t.AuditRow).order_by(t.AuditRow.seq))]
        assert ("create", "match_round", str(outcome.round_id)) in actions
        assert ("status", "person", "P-1") in actions
        assert audit.verify(uow).ok


def test_dry_run_writes_nothing_but_the_audit_entry(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        outcome = mr.run_round(uow, today=TODAY, actor=REGISSEUR, dry_run=True)
    assert outcome.housed == 1 and outcome.round_id is None
    with UnitOfWork(engine) as uow:
        assert uow.persons.get("P-1").status == "uitstroomklaar"
        assert _count(uow, t.MatchRoundRow) == 0 and _count(uow, t.MatchRow) == 0
        assert [r.action for r in uow.session.scalars(select(t.AuditRow))] == ["list"]


def test_a_second_round_finds_nobody_left(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        mr.run_round(uow, today=TODAY, actor=REGISSEUR)
    with UnitOfWork(engine) as uow:
        again = mr.run_round(uow, today=TODAY, actor=REGISSEUR)
    assert again.housed == 0 and again.unassigned == []


def test_person_needing_support_without_team_is_told_why(engine):
    region = small_region()
    p1 = next(p for p in region.persons if p.key == "P-1")
    p1.support_team = None
    assert p1.support_intensity == SupportIntensity.MIDDEL
    _load(engine, region)
    with UnitOfWork(engine) as uow:
        outcome = mr.run_round(uow, today=TODAY, actor=REGISSEUR)
    assert outcome.housed == 0
    (line,) = outcome.to_json()["unassigned"]
    assert line["candidate"] == "P-1" and line["codes"] == [mr.NO_TEAM]
    assert "begeleidingsteam" in line["reasons"][0]


def test_round_instance_carries_the_register(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        round_, excluded = mr.build_round(uow, TODAY)
    (cand,) = round_.candidates
    assert cand.id == "P-1" and cand.support_team == "T-A1"
    assert cand.support_areas == ("WK900101",) and cand.needs == ("lift",)
    assert cand.waiting_days == (TODAY - date(2025, 9, 1)).days
    assert cand.max_rent == pytest.approx(713.00)  # 2026 aftoppingsgrens, single person
    assert {d.id for d in round_.dwellings} == {"W-1", "W-2", "W-3"}  # W-4 is let
    assert round_.complex_caps == {"CX-1": 1} and round_.team_caps == {"T-A1": 2}
    assert excluded == []


def test_concurrent_claim_aborts_the_whole_round(engine, monkeypatch):
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): the race cannot happen there")
    _load(engine)
    real_solve = mr.solve

    def solve_while_someone_else_lets_the_dwelling(round_, policy):
        result = real_solve(round_, policy=policy)
        with UnitOfWork(engine) as other:
            assert other.dwellings.claim(result.assignments[0].dwelling, "vrij", "verhuurd")
            other.commit()
        return result

    monkeypatch.setattr(mr, "solve", solve_while_someone_else_lets_the_dwelling)
    with UnitOfWork(engine) as uow, pytest.raises(mr.RoundConflict, match="niets opgeslagen"):
        mr.run_round(uow, today=TODAY, actor=REGISSEUR)
    with UnitOfWork(engine) as uow:
        assert uow.persons.get("P-1").status == "uitstroomklaar"
        assert _count(uow, t.MatchRoundRow) == 0 and _count(uow, t.MatchRow) == 0
