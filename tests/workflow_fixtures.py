"""Fresh matches at a chosen step for API, page and authorisation tests on the seeded region
(tests/web_support.py): a new ready client of ZA-A (regie basis for GEM-VW) and a new free
dwelling of WC-A in GM9001, linked by a match whose history reaches `step` — written straight
to the store, as the seed is (the steps' own use case is tested on its own)."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from sqlalchemy import Engine

from woonregie.domain.enums import DwellingStatus, TargetGroup
from woonregie.domain.match import ALLOWED, Match, MatchStep, MatchTransition
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.status import PersonStatus
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import PauseRepository

ON = date(2026, 1, 2)
M = MatchStep
ORDER = (M.VOORGESTELD, M.BEGELEIDING_BEVESTIGD, M.AANGEBODEN, M.BEZICHTIGD, M.GEACCEPTEERD)
_serial = itertools.count(1)


def fresh_pair(engine: Engine, on: date = ON) -> tuple[str, str]:
    """A ready client of ZA-A (visible to GEM-VW for regie) and a free dwelling of WC-A."""
    n = next(_serial)
    key, code = f"P-WF{n}", f"W-WF{n}"
    person = Person.register(date(2025, 1, 6), "test", key=key, name=f"Werkstroom {n}",
                             target_group=TargetGroup.DAKLOOS, care_provider="ZA-A",
                             household_size=1, annual_income=14_000)
    person.move_to(PersonStatus.IN_VOORBEREIDING, date(2025, 2, 3), "test")
    person.move_to(PersonStatus.UITSTROOMKLAAR, date(2025, 6, 2), "test")
    with UnitOfWork(engine) as uow:
        uow.persons.add(person)
        uow.dwellings.add_all([Dwelling(code, "WC-A", "BU90010201", 540.0, 2,
                                        status=DwellingStatus.VRIJ)])
        assert uow.session is not None
        ConsentRepository(uow.session).add(
            person=key, purpose="regie", party="GEM-VW", legal_basis="toestemming",
            valid_from=date(2025, 1, 1), valid_until=None, recorded_by="test",
            recorded_at=datetime(2025, 1, 1))
        uow.commit()
    return key, code


def fresh_match(engine: Engine, step: MatchStep = M.VOORGESTELD, on: date = ON) -> str:
    """A new live match at `step` (one of the live steps), its person and dwelling proposed."""
    key, code = fresh_pair(engine, on)
    history = [MatchTransition(None, M.VOORGESTELD, on, "test", "test")]
    for source, target in zip(ORDER, ORDER[1:ORDER.index(step) + 1], strict=False):
        assert target in ALLOWED[source]
        history.append(MatchTransition(source, target, on, "test"))
    match_key = f"M-WF{key[4:]}"
    with UnitOfWork(engine) as uow:
        person, dwelling = uow.persons.get(key), uow.dwellings.get(code)
        assert person is not None and dwelling is not None
        person.move_to(PersonStatus.VOORGEDRAGEN, on, "test")
        uow.persons.save(person)
        uow.dwellings.claim(code, "vrij", "voorgedragen")
        uow.matches.add(Match(match_key, key, code, None, step, history))
        if step != M.VOORGESTELD:
            assert uow.session is not None
            ConsentRepository(uow.session).add(
                person=key, purpose="bemiddeling", party="WC-A", legal_basis="toestemming",
                valid_from=on, valid_until=None, recorded_by="test",
                recorded_at=datetime(2026, 1, 2))
        uow.commit()
    return match_key


def proposal_body(engine: Engine) -> dict[str, str]:
    key, code = fresh_pair(engine)
    return {"person": key, "dwelling": code, "reason": "spoed na brand"}


def fresh_pause(engine: Engine, lapse: str = "te_beoordelen") -> int:
    """A pause after a decline of a new client of ZA-A (regie basis for GEM-VW): its id."""
    key, _ = fresh_pair(engine)
    with UnitOfWork(engine) as uow:
        assert uow.session is not None
        pause = PauseRepository(uow.session).add(
            person=key, match_key=None, reason_code="weigert_zonder_reden", on_date=ON,
            until=date(2030, 1, 1), lapse=lapse, lift_reason="")
        uow.commit()
    return pause


def _match_url(step: MatchStep):
    return lambda e, path: path.format(key=fresh_match(e, step))


API = "/api/v1/matches/{key}"
WORKFLOW_URLS = {
    ("GET", API): _match_url(M.BEGELEIDING_BEVESTIGD),
    ("POST", API + "/confirm-support"): _match_url(M.VOORGESTELD),
    ("POST", API + "/offer"): _match_url(M.BEGELEIDING_BEVESTIGD),
    ("POST", API + "/viewing"): _match_url(M.AANGEBODEN),
    ("POST", API + "/accept"): _match_url(M.BEZICHTIGD),
    ("POST", API + "/decline"): _match_url(M.AANGEBODEN),
    ("POST", API + "/refuse"): _match_url(M.BEGELEIDING_BEVESTIGD),
    ("POST", API + "/withdraw"): _match_url(M.VOORGESTELD),
    ("POST", API + "/sign"): _match_url(M.GEACCEPTEERD),
    ("GET", "/bemiddelingen/{key}"): _match_url(M.BEGELEIDING_BEVESTIGD),
    ("POST", "/bemiddelingen/{key}/stap"): _match_url(M.VOORGESTELD),
    ("POST", "/pauzes/{pause_id}/opheffen"):
        lambda e, path: path.format(pause_id=fresh_pause(e)),
    ("POST", "/pauzes/{pause_id}/urgentie"):
        lambda e, path: path.format(pause_id=fresh_pause(e)),
}
"""For the authorisation matrix: each workflow route with a parameter gets a fresh record where
its action is legal (a match at a step that allows it, an open pause), so the party's own user
passes and any other is refused."""

WORKFLOW_BODIES = {
    ("POST", "/api/v1/matches"): proposal_body,
    ("POST", API + "/confirm-support"): lambda e: {
        "support_start": "2026-02-01", "contact": "J. Jansen", "consent": True},
    ("POST", API + "/offer"): lambda e: {"viewing_date": "2030-01-10", "rent": 540,
                                         "start": "2030-02-01"},
    ("POST", API + "/decline"): lambda e: {"reason_code": "te_ver_van_netwerk"},
    ("POST", API + "/refuse"): lambda e: {"reason_code": "huurverleden"},
    ("POST", API + "/withdraw"): lambda e: {"reason": "dubbel"},
    ("POST", "/bemiddelingen"): proposal_body,
    ("POST", "/bemiddelingen/{key}/stap"): lambda e: {"actie": "withdraw", "reason": "dubbel"},
    ("POST", "/weigerredenen"): lambda e: {"code": "matrix", "label": "Matrixreden",
                                           "declined_by": "persoon", "pause_days": "5"},
    ("POST", "/weigerredenen/termijnen"): lambda e: {"days_voorgesteld": "12"},
    ("POST", "/pauzes/{pause_id}/opheffen"): lambda e: {"reason": "gesprek gevoerd"},
    ("POST", "/pauzes/{pause_id}/urgentie"): lambda e: {"besluit": "handhaven",
                                                        "reason": "geldige reden"},
}
