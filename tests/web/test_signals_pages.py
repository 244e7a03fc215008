"""The signal pages: the corporation raises a signal (Dutch amount) and follows its status, the
care provider acknowledges it with an action, the corporation never sees that action; bad input
is shown beside its field and nothing is written."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.signal_fixtures import house
from tests.web_support import login
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork


def _raise(client, csrf, **form):
    data = {"dwelling": "W-4", "kind": "huurachterstand", "amount": "1.250,50", "months": "2",
            "note": "twee maanden niet betaald", "csrf_token": csrf} | form
    return client.post("/signalen", data=data, follow_redirects=False)


def test_raise_acknowledge_and_the_corporation_never_sees_the_action(client, seeded,
                                                                      sqlite_engine):
    house(sqlite_engine)
    csrf = login(client, "verhuurmakelaar-own")
    page = client.get("/signalen")
    assert "Signaal melden" in page.text and "Anna de Vries" in page.text
    done = _raise(client, csrf)
    assert done.status_code == 303
    url = done.headers["location"]
    shown = client.get(url).text
    assert "Huurachterstand" in shown and "€ 1.250,50 over 2 maand(en)" in shown
    assert "Kompas Zorg" in shown and "Gemeld, wacht op reactie" in shown
    client.cookies.clear()
    csrf = login(client, "trajectbegeleider-own")
    assert url.rsplit("/", 1)[1] in client.get("/signalen").text
    acked = client.post(f"{url}/bevestigen", data={"action": "budgetcoach ingezet",
                                                   "csrf_token": csrf},
                        follow_redirects=False)
    assert acked.status_code == 303
    assert "budgetcoach ingezet" in client.get(url).text
    client.cookies.clear()
    csrf = login(client, "verhuurmakelaar-own")
    seen = client.get(url).text
    assert "Bevestigd, actie vastgelegd" in seen and "budgetcoach" not in seen
    closed = client.post(f"{url}/sluiten", data={"outcome": "betalingsregeling",
                                                 "csrf_token": csrf}, follow_redirects=False)
    assert closed.status_code == 303
    assert "Betalingsregeling getroffen" in client.get(url).text


def test_bad_input_is_shown_beside_the_field(client, seeded, sqlite_engine):
    house(sqlite_engine)
    csrf = login(client, "verhuurmakelaar-own")
    bad = _raise(client, csrf, amount="12,345")
    assert bad.status_code == 422 and "Bedrag" in bad.text and "decimalen" in bad.text
    missing = _raise(client, csrf, amount="", months="")
    assert missing.status_code == 422 and "bedrag en maanden" in missing.text
    with UnitOfWork(sqlite_engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(t.SignalRow)) == 0
