"""The Matchingsrondes pages: the regisseur runs a (dry) round and asks why someone was not
matched; others do not see the menu entry or the pages."""

from __future__ import annotations

from tests.web_support import drop_seed_match, login


def test_regisseur_sees_rounds_in_the_menu_and_the_list(client, seeded):
    login(client, "regisseur-own")
    page = client.get("/matchingsrondes")
    assert page.status_code == 200
    assert 'href="/matchingsrondes" aria-current="page"' in page.text
    assert f'href="/matchingsrondes/{seeded.round_id}"' in page.text
    assert "1 opgeslagen ronde(s)" in page.text


def test_detail_filters_the_unhoused_by_code(client, seeded):
    login(client, "regisseur-own")
    url = f"/matchingsrondes/{seeded.round_id}"
    full = client.get(url).text
    assert "P-2" in full and "geen_passende_woning_huishouden" in full
    assert "Geen woning past bij een huishouden van 3." in full
    assert f'hx-get="{url}?code=geen_passende_woning"' in full
    narrowed = client.get(url, params={"code": "team_vol"}).text
    assert "alleen <code>team_vol</code>" in narrowed
    assert "Niemand met deze reden." in narrowed
    assert "Bram" not in full  # keys, never names


def test_dry_run_from_the_form_compares_policies(client, seeded):
    csrf = login(client, "regisseur-own")
    response = client.post("/matchingsrondes", data={"policy": "optimal", "proefronde": "ja",
                                                     "csrf_token": csrf})
    assert response.status_code == 200
    assert "Proefronde: er is niets opgeslagen" in response.text
    assert "Vergelijking van het beleid" in response.text
    assert "per_vacancy" in response.text


def test_stored_round_redirects_to_its_page(client, seeded, sqlite_engine):
    drop_seed_match(sqlite_engine)
    csrf = login(client, "regisseur-own")
    response = client.post("/matchingsrondes", data={"policy": "optimal", "csrf_token": csrf},
                           follow_redirects=False)
    assert response.status_code == 303
    new = response.headers["location"]
    assert new.startswith("/matchingsrondes/") and new != f"/matchingsrondes/{seeded.round_id}"
    assert "P-1" in client.get(new).text


def test_form_without_csrf_or_policy_is_refused(client, seeded):
    csrf = login(client, "regisseur-own")
    assert client.post("/matchingsrondes", data={"policy": "optimal"}).status_code == 403
    bad = client.post("/matchingsrondes", data={"policy": "loterij", "csrf_token": csrf})
    assert bad.status_code == 422 and "Kies een beleid." in bad.text


def test_caseworker_has_no_rounds(client, seeded):
    login(client, "trajectbegeleider-own")
    assert "/matchingsrondes" not in client.get("/clienten").text
    assert client.get("/matchingsrondes").status_code == 403


def test_conflict_is_shown_on_the_list_page(client, seeded, monkeypatch):
    from woonregie.services import round_reports
    from woonregie.services.matching_rounds import RoundConflict

    def conflict(*args, **kwargs):
        raise RoundConflict("Ronde afgebroken, er is niets opgeslagen: woning W-1 is weg")

    monkeypatch.setattr(round_reports, "run_round", conflict)
    csrf = login(client, "regisseur-own")
    response = client.post("/matchingsrondes", data={"policy": "optimal", "csrf_token": csrf})
    assert response.status_code == 409
    assert "woning W-1 is weg" in response.text and 'role="alert"' in response.text
