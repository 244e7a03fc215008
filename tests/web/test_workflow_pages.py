"""The workflow's pages: a match walked by form from proposal to a signed contract, each party
seeing its to-do list and only its own forms; a wrong step is a Dutch 409 on the page, missing
input a message beside the field; the regisseur's decline reasons, deadlines and pauses."""

from __future__ import annotations

from tests.web_support import login
from tests.workflow_fixtures import fresh_match, fresh_pause
from woonregie.domain.match import MatchStep
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import DeclineReasonRepository


def _step(client, csrf, key, actie, **form):
    return client.post(f"/bemiddelingen/{key}/stap",
                       data={"actie": actie, "csrf_token": csrf} | form,
                       follow_redirects=False)


def _as(client, user):
    client.cookies.clear()
    return login(client, user)


def test_a_match_walked_by_form_from_proposal_to_contract(client, seeded, sqlite_engine):
    key = fresh_match(sqlite_engine, MatchStep.VOORGESTELD)
    csrf = _as(client, "verhuurmakelaar-own")
    assert client.get(f"/bemiddelingen/{key}").status_code == 404  # not a party yet
    assert key not in client.get("/wacht-op-mij").text
    csrf = _as(client, "trajectbegeleider-own")
    todo = client.get("/wacht-op-mij").text
    assert key in todo and "Voorgesteld" in todo
    page = client.get(f"/bemiddelingen/{key}").text
    assert "Begeleiding bevestigen" in page and "Woning aanbieden" not in page
    missing = _step(client, csrf, key, "confirm-support", support_start="2026-02-01")
    assert missing.status_code == 422 and "Contactpersoon" in missing.text
    done = _step(client, csrf, key, "confirm-support", support_start="2026-02-01",
                 contact="J. Jansen 06-1234", intensity="intensief", consent="ja")
    assert done.status_code == 303
    assert "Intensief" in client.get(f"/bemiddelingen/{key}").text
    csrf = _as(client, "verhuurmakelaar-own")
    assert key in client.get("/wacht-op-mij").text
    page = client.get(f"/bemiddelingen/{key}").text
    assert "J. Jansen 06-1234" in page and "Intensief" not in page  # no care details
    wrong = _step(client, csrf, key, "sign")
    assert wrong.status_code == 409 and "staat op stap «Begeleiding bevestigd»" in wrong.text
    assert _step(client, csrf, key, "offer", viewing_date="2030-01-10", rent="545,50",
                 start="2030-02-01").status_code == 303
    assert _step(client, csrf, key, "viewing").status_code == 303
    csrf = _as(client, "trajectbegeleider-own")
    assert _step(client, csrf, key, "accept").status_code == 303
    csrf = _as(client, "verhuurmakelaar-own")
    assert _step(client, csrf, key, "sign").status_code == 303
    page = client.get(f"/bemiddelingen/{key}").text
    assert "Contract getekend" in page and "Driepartijenovereenkomst" in page
    assert "€ 545,50" in page and "01-02-2030" in page


def test_the_regisseur_edits_reasons_and_deadlines_and_lifts_a_pause(client, seeded,
                                                                      sqlite_engine):
    csrf = _as(client, "regisseur-own")
    page = client.get("/weigerredenen").text
    assert "Persoon weigert zonder reden" in page
    saved = client.post("/weigerredenen", data={
        "code": "geen_huisdieren", "label": "Geen huisdieren toegestaan",
        "declined_by": "persoon", "pause_days": "14", "csrf_token": csrf},
        follow_redirects=False)
    assert saved.status_code == 303
    with UnitOfWork(sqlite_engine) as uow:
        reason = DeclineReasonRepository(uow.session).get("geen_huisdieren")
    assert reason is not None and reason.pause_days == 14
    bad = client.post("/weigerredenen/termijnen", data={"days_voorgesteld": "x",
                                                       "csrf_token": csrf})
    assert bad.status_code == 422
    assert client.post("/weigerredenen/termijnen", data={
        "days_voorgesteld": "3", "csrf_token": csrf}, follow_redirects=False).status_code == 303
    pause = fresh_pause(sqlite_engine)
    shown = client.get("/pauzes").text
    assert "Geparkeerd tot 01-01-2030" in shown
    no_reason = client.post(f"/pauzes/{pause}/opheffen", data={"reason": "",
                                                               "csrf_token": csrf})
    assert no_reason.status_code == 422
    assert client.post(f"/pauzes/{pause}/opheffen", data={
        "reason": "gesprek gevoerd", "csrf_token": csrf},
        follow_redirects=False).status_code == 303
    assert "Geparkeerd tot 01-01-2030" not in client.get("/pauzes").text
    assert "Urgentie vervalt: uw besluit nodig" in client.get("/wacht-op-mij").text
