"""The privacy model, through the use cases: who sees which persons and which fields."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.web_support import seed
from tests.workflow_support import input_for
from woonregie.domain.errors import IllegalTransition
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import MatchAction
from woonregie.services import consent, matches, persons, workflow
from woonregie.services.access import (
    CorporationCandidateView,
    Forbidden,
    NotFound,
    RegieView,
    dwellings_proposed_for,
)
from woonregie.services.accounts import principal_of
from woonregie.services.workflow import ActionInput
from woonregie.store.security import UserRepository
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork


def who(uow, name):
    return principal_of(uow, UserRepository(uow.session).by_username(name))


def keys(engine, name):
    with UnitOfWork(engine) as uow:
        return [v.key for v in persons.list_persons(uow, who(uow, name)).items]


def test_each_party_sees_only_what_is_shared_with_it(engine):
    seed(engine)
    assert keys(engine, "trajectbegeleider-own") == ["P-1"]
    assert keys(engine, "trajectbegeleider-other") == ["P-2"]
    assert keys(engine, "verhuurmakelaar-own") == ["P-1"]  # proposed for W-1, with consent
    assert keys(engine, "verhuurmakelaar-other") == []
    assert keys(engine, "regisseur-own") == ["P-1", "P-2"]
    assert keys(engine, "regisseur-other") == []  # no basis for regie with GEM-X
    for name in ("auditor-own", "admin-own"):
        with UnitOfWork(engine) as uow, pytest.raises(Forbidden):
            persons.list_persons(uow, who(uow, name))


def test_views_carry_only_the_fields_of_the_role(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        full = persons.get_person(uow, who(uow, "trajectbegeleider-own"), "P-1")
        corp = persons.get_person(uow, who(uow, "verhuurmakelaar-own"), "P-1")
        regie = persons.get_person(uow, who(uow, "regisseur-own"), "P-1")
    assert isinstance(full, Person) and full.zrm
    assert isinstance(corp, CorporationCandidateView) and isinstance(regie, RegieView)
    care = {"zrm", "support_intensity", "support_team", "required_features", "history",
            "annual_income", "target_group"}
    assert not care & {f.name for f in fields(CorporationCandidateView)}
    assert not (care | {"name"}) - {"target_group"} & {f.name for f in fields(RegieView)}
    assert corp.support_arranged is True and corp.proposed_dwellings == ("W-1",)
    assert corp.income_band == "onder_inkomensgrens"


def test_someone_elses_record_is_not_found_like_a_missing_one(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        other = who(uow, "trajectbegeleider-other")
        for key in ("P-1", "P-DOES-NOT-EXIST"):
            with pytest.raises(NotFound) as caught:
                persons.get_person(uow, other, key)
            assert str(caught.value) == "Persoon niet gevonden."


def test_without_a_valid_basis_the_other_parties_see_nothing(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        caseworker = who(uow, "trajectbegeleider-own")
        for basis in consent.list_bases(uow, caseworker, "P-1"):
            consent.end_basis(uow, caseworker, "P-1", basis.id)
    later = date.today() + timedelta(days=1)
    with UnitOfWork(engine) as uow:
        from woonregie.services.access import Action, can_see_person
        for name in ("verhuurmakelaar-own", "regisseur-own"):
            assert not can_see_person(uow, who(uow, name), "P-1", Action.PERSON_READ, later)
    assert keys(engine, "trajectbegeleider-own") == ["P-1"]


def test_recording_a_basis_makes_the_person_visible_to_that_party(engine):
    seed(engine)
    assert keys(engine, "regisseur-other") == []
    with UnitOfWork(engine) as uow:
        consent.record_basis(uow, who(uow, "trajectbegeleider-own"), "P-1", "regie", "GEM-X",
                             "avg_6_1_e_9_2_h", date(2026, 1, 1))
    assert keys(engine, "regisseur-other") == ["P-1"]
    with UnitOfWork(engine) as uow, pytest.raises(consent.ConsentError, match="party"):
        consent.record_basis(uow, who(uow, "trajectbegeleider-own"), "P-1", "regie", "WC-A",
                             "toestemming", date(2026, 1, 1))


def test_proposals_decide_which_dwellings_a_corporation_sees_a_person_for(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        assert dwellings_proposed_for(uow, "P-1") == ["W-1"]
        assert dwellings_proposed_for(uow, "P-1", "WC-B") == []
        assert dwellings_proposed_for(uow, "P-2") == []


def test_an_illegal_status_move_writes_nothing(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        before = uow.session.scalar(select(func.count()).select_from(AuditRow))
        with pytest.raises(IllegalTransition):
            persons.change_status(uow, who(uow, "trajectbegeleider-own"), "P-1",
                                  PersonStatus.GEHUISVEST)
    with UnitOfWork(engine) as uow:
        assert uow.persons.get("P-1").status == PersonStatus.UITSTROOMKLAAR
        assert uow.session.scalar(select(func.count()).select_from(AuditRow)) == before


def test_caseworkers_register_clients_for_their_own_organisation_only(engine):
    seed(engine)
    data = persons.PersonFields(name="Nieuw", target_group="dakloos", household_size=1,
                                annual_income=10_000, support_team="T-B1")
    with UnitOfWork(engine) as uow, pytest.raises(persons.FieldError, match="support_team"):
        persons.register_person(uow, who(uow, "trajectbegeleider-own"), data)
    with UnitOfWork(engine) as uow:
        made = persons.register_person(uow, who(uow, "trajectbegeleider-other"), data)
    assert made.care_provider == "ZA-B"
    with UnitOfWork(engine) as uow, pytest.raises(Forbidden):
        persons.register_person(uow, who(uow, "regisseur-own"), data)


def test_a_rejected_match_hides_the_candidate_again(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        consent.record_basis(uow, who(uow, "trajectbegeleider-other"), "P-2", "bemiddeling",
                             "WC-A", "toestemming", date(2026, 1, 1))
    for target in (PersonStatus.IN_VOORBEREIDING, PersonStatus.UITSTROOMKLAAR):
        with UnitOfWork(engine) as uow:
            persons.change_status(uow, who(uow, "trajectbegeleider-other"), "P-2", target)
    assert keys(engine, "verhuurmakelaar-own") == ["P-1"]  # consent alone is not enough
    with UnitOfWork(engine) as uow:
        match = matches.propose_by_hand(uow, who(uow, "regisseur-own"), "P-2", "W-2",
                                        "urgent, past in geen ronde")
    assert keys(engine, "verhuurmakelaar-own") == ["P-1"]  # not before support is confirmed
    with UnitOfWork(engine) as uow:
        workflow.act(uow, who(uow, "trajectbegeleider-other"), match.key,
                     MatchAction.CONFIRM_SUPPORT, input_for(MatchAction.CONFIRM_SUPPORT,
                                                            uow.clock.today()))
    assert keys(engine, "verhuurmakelaar-own") == ["P-1", "P-2"]
    refuse = ActionInput(reason_code="huurverleden")
    with UnitOfWork(engine) as uow, pytest.raises(NotFound):
        workflow.act(uow, who(uow, "verhuurmakelaar-other"), match.key, MatchAction.REFUSE,
                     refuse)
    with UnitOfWork(engine) as uow:
        workflow.act(uow, who(uow, "verhuurmakelaar-own"), match.key, MatchAction.REFUSE,
                     refuse)
    assert keys(engine, "verhuurmakelaar-own") == ["P-1"]
    with UnitOfWork(engine) as uow:
        assert uow.persons.get("P-2").status == PersonStatus.UITSTROOMKLAAR
        assert uow.dwellings.get("W-2").status == "vrij"


def test_the_operator_reads_the_register_but_is_no_account_role():
    from woonregie.services.access import ACCOUNT_ROLES, POLICY, Action, Role, Scope

    assert Role.OPERATOR not in ACCOUNT_ROLES
    assert POLICY[Role.OPERATOR][Action.PERSON_READ] is Scope.ALL
    assert Action.PERSON_CREATE not in POLICY[Role.OPERATOR]  # reads; changes go by import
