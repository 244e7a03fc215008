"""The regisseur's view of matching rounds: access by policy, audited reads of the lines,
summary counts per reason code, the code filter and the dry run's policy comparison."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.factories import small_region
from woonregie.domain.enums import HousingForm, OrgKind, SupportIntensity, TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.services import round_reports as rr
from woonregie.services.access import Forbidden, NotFound, Principal, Role
from woonregie.services.consent import LegalBasis
from woonregie.services.persons import FieldError
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork

TODAY = date(2026, 1, 10)
REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
ELSEWHERE = Principal(2, "regisseur-elders", Role.REGISSEUR, "GEM-X", OrgKind.GEMEENTE, None)


def _tight_team_region():
    """P-1 and P-3 both need team T-A1, which can take one new client: P-3 is left with
    team_vol (and the CX-1 cap of 1 keeps W-2 empty)."""
    region = small_region()
    region.support_teams[0] = replace(region.support_teams[0], capacity=1)
    p3 = Person.register(
        date(2025, 3, 1), "ZA-A:jan", key="P-3", name="Cas Bakker",
        target_group=TargetGroup.BW_UITSTROOM, care_provider="ZA-A", household_size=1,
        annual_income=17_000, support_intensity=SupportIntensity.MIDDEL, support_team="T-A1",
        allowed_forms=frozenset({HousingForm.ZELFSTANDIG, HousingForm.HOUSING_FIRST}),
        acceptable_areas=("WK900101",),
    )
    p3.move_to(PersonStatus.IN_VOORBEREIDING, date(2025, 4, 1), "ZA-A:jan")
    p3.move_to(PersonStatus.UITSTROOMKLAAR, date(2025, 10, 1), "ZA-A:jan")
    region.persons.append(p3)
    return region


@pytest.fixture
def loaded(engine):
    """The region, with a regie basis for GEM-VW (REGISSEUR's organisation) for P-1 and P-3."""
    with UnitOfWork(engine) as uow:
        write_region(uow, _tight_team_region())
        for key in ("P-1", "P-3"):
            ConsentRepository(uow.session).add(
                person=key, purpose="regie", party="GEM-VW",
                legal_basis=str(LegalBasis.PUBLIEKE_TAAK_ZORG),
                valid_from=date(2025, 1, 1), valid_until=None, recorded_by="test",
                recorded_at=datetime(2025, 1, 1),
            )
        uow.commit()
    return engine


def _audit(uow):
    return [(r.action, r.entity, r.entity_key, r.actor)
            for r in uow.session.scalars(select(t.AuditRow).order_by(t.AuditRow.seq))]


def test_stored_round_lists_and_explains_who_is_not_matched(loaded):
    with UnitOfWork(loaded) as uow:
        ran = rr.start_round(uow, REGISSEUR, today=TODAY)
    assert ran.round is not None and ran.comparison == {}
    with UnitOfWork(loaded) as uow:
        rounds, total = rr.list_rounds(uow, REGISSEUR)
        assert total == 1 and [r.id for r in rounds] == [ran.round.id]
        assert (rounds[0].housed, rounds[0].candidates, rounds[0].run_by) == (
            1, 2, "regisseur-test")
        detail = rr.get_round(uow, REGISSEUR, ran.round.id)
    assert [(ln.person, ln.dwelling) for ln in detail.proposals] == [("P-1", "W-1")]
    assert detail.proposals[0].rank == 1 and detail.proposals[0].reasons
    (unhoused,) = detail.unhoused
    assert unhoused.person == "P-3" and "team_vol" in unhoused.codes
    assert any("T-A1" in reason for reason in unhoused.reasons)
    assert detail.code_counts["team_vol"] == 1
    assert set(detail.code_counts) <= set(rr.UNHOUSED_CODES)


def test_code_filter_narrows_the_list_not_the_counts(loaded):
    with UnitOfWork(loaded) as uow:
        round_id = rr.start_round(uow, REGISSEUR, today=TODAY).round.id
    with UnitOfWork(loaded) as uow:
        full = rr.get_round(uow, REGISSEUR, round_id)
        only_team = rr.get_round(uow, REGISSEUR, round_id, "team_vol")
        none = rr.get_round(uow, REGISSEUR, round_id, "geen_team")
    assert [ln.person for ln in only_team.unhoused] == ["P-3"] and only_team.code == "team_vol"
    assert none.unhoused == [] and none.code_counts == full.code_counts


def test_every_read_of_round_lines_is_audited(loaded):
    with UnitOfWork(loaded) as uow:
        round_id = rr.start_round(uow, REGISSEUR, today=TODAY).round.id
    with UnitOfWork(loaded) as uow:
        before = len(_audit(uow))
        rr.list_rounds(uow, REGISSEUR)  # counts only: not person-level
        rr.get_round(uow, ELSEWHERE, round_id, "team_vol")
    with UnitOfWork(loaded) as uow:
        entries = _audit(uow)
    assert entries[before:] == [("read", "match_round", str(round_id), "regisseur-elders")]


def test_dry_run_stores_nothing_and_compares_the_policies(loaded):
    with UnitOfWork(loaded) as uow:
        dry = rr.start_round(uow, REGISSEUR, policy="per_vacancy", dry_run=True, today=TODAY)
    assert dry.round is None and dry.policy == "per_vacancy"
    assert set(dry.comparison) == {"optimal", "per_vacancy"}
    assert dry.comparison["per_vacancy"] == dry.housed == len(dry.proposals)
    assert dry.candidates == len(dry.proposals) + len(dry.unhoused)
    with UnitOfWork(loaded) as uow:
        assert rr.list_rounds(uow, REGISSEUR) == ([], 0)
        assert uow.persons.get("P-1").status == "uitstroomklaar"
        # One read of the register serves both policies: one audit entry.
        assert [a[:2] for a in _audit(uow)] == [("list", "match_round")]


@pytest.mark.parametrize("role", [Role.TRAJECTBEGELEIDER, Role.VERHUURMAKELAAR, Role.AUDITOR,
                                  Role.ADMIN])
def test_only_the_regisseur_runs_and_reads_rounds(loaded, role):
    other = replace(REGISSEUR, role=role)
    with UnitOfWork(loaded) as uow:
        round_id = rr.start_round(uow, REGISSEUR, today=TODAY).round.id
    with UnitOfWork(loaded) as uow:
        with pytest.raises(Forbidden):
            rr.start_round(uow, other, dry_run=True, today=TODAY)
        with pytest.raises(Forbidden):
            rr.list_rounds(uow, other)
        with pytest.raises(Forbidden):
            rr.get_round(uow, other, round_id)


def test_unknown_round_and_policy_are_refused(loaded):
    with UnitOfWork(loaded) as uow:
        with pytest.raises(NotFound):
            rr.get_round(uow, REGISSEUR, 999)
        with pytest.raises(FieldError):
            rr.start_round(uow, REGISSEUR, policy="loterij", today=TODAY)


def test_lines_without_a_regie_basis_are_counted_not_listed(loaded):
    with UnitOfWork(loaded) as uow:
        round_id = rr.start_round(uow, REGISSEUR, today=TODAY).round.id
    with UnitOfWork(loaded) as uow:
        mine = rr.get_round(uow, REGISSEUR, round_id)
        theirs = rr.get_round(uow, ELSEWHERE, round_id)
    assert mine.hidden == 0 and len(mine.proposals) + len(mine.unhoused) == 2
    assert theirs.proposals == [] and theirs.unhoused == [] and theirs.hidden == 2
    assert (theirs.housed, theirs.candidates) == (mine.housed, mine.candidates)
    assert theirs.code_counts == mine.code_counts
