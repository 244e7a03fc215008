"""The Matchingsrondes pages: the regisseur runs a (dry) round and asks why someone was not
matched; others do not see the menu entry or the pages."""

from __future__ import annotations

from tests.web_support import drop_seed_match, login, run_jobs


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
    assert "P-2" in full and "Geen passende woning, vooral door de huishoudgrootte" in full
    assert "Geen woning past bij een huishouden van 3." in full
    assert f'hx-get="{url}?code=geen_passende_woning"' in full
    narrowed = client.get(url, params={"code": "team_vol"}).text
    assert "alleen „Begeleidingsteam zit vol (zorgcapaciteit)”" in narrowed
    assert "Niemand met deze reden." in narrowed
    assert "Bram" not in full  # keys, never names


def _start(client, csrf, **form):
    response = client.post("/matchingsrondes", data={"csrf_token": csrf, **form},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    job_page = response.headers["location"]
    assert job_page.startswith("/taken/")
    return job_page


def test_dry_run_from_the_form_runs_as_a_job_and_compares_policies(client, seeded,
                                                                   sqlite_engine):
    csrf = login(client, "regisseur-own")
    job_page = _start(client, csrf, policy="optimal", proefronde="ja")
    waiting = client.get(job_page).text
    assert "Wacht op verwerking" in waiting and f'hx-get="{job_page}/voortgang"' in waiting
    assert 'http-equiv="refresh"' in waiting  # without JavaScript the page reloads itself
    run_jobs(sqlite_engine)
    fragment = client.get(f"{job_page}/voortgang")
    result = fragment.headers["hx-redirect"]
    assert result.startswith("/matchingsrondes/proefronde/") and "hx-trigger" not in fragment.text
    page = client.get(result).text
    assert "Proefronde: er is niets opgeslagen" in page
    assert "Vergelijking van het beleid" in page
    assert "Per vrijkomende woning (huidige praktijk)" in page


def test_stored_round_goes_to_its_page_when_done(client, seeded, sqlite_engine):
    drop_seed_match(sqlite_engine)
    csrf = login(client, "regisseur-own")
    job_page = _start(client, csrf, policy="optimal")
    run_jobs(sqlite_engine)
    new = client.get(f"{job_page}/voortgang").headers["hx-redirect"]
    assert new.startswith("/matchingsrondes/") and new != f"/matchingsrondes/{seeded.round_id}"
    assert "P-1" in client.get(new).text
    assert f'href="{new}"' in client.get(job_page).text  # the page links to the result too


def test_a_second_round_is_refused_in_dutch_and_a_waiting_one_can_be_cancelled(client, seeded):
    csrf = login(client, "regisseur-own")
    job_page = _start(client, csrf, policy="optimal", proefronde="ja")
    again = client.post("/matchingsrondes", data={"csrf_token": csrf, "policy": "optimal"})
    assert again.status_code == 409
    assert "Er loopt al een matchingsronde voor deze regio" in again.text
    cancelled = client.post(f"{job_page}/afbreken", data={"csrf_token": csrf})
    assert "Afgebroken" in cancelled.text
    _start(client, csrf, policy="optimal", proefronde="ja")


def test_another_user_does_not_see_the_job(client, seeded):
    csrf = login(client, "regisseur-own")
    job_page = _start(client, csrf, policy="optimal", proefronde="ja")
    login(client, "regisseur-other")
    assert client.get(job_page).status_code == 404


def test_form_without_csrf_or_policy_is_refused(client, seeded):
    csrf = login(client, "regisseur-own")
    assert client.post("/matchingsrondes", data={"policy": "optimal"}).status_code == 403
    bad = client.post("/matchingsrondes", data={"policy": "loterij", "csrf_token": csrf})
    assert bad.status_code == 422 and "Kies een beleid." in bad.text


def test_caseworker_has_no_rounds(client, seeded):
    login(client, "trajectbegeleider-own")
    assert "/matchingsrondes" not in client.get("/clienten").text
    assert client.get("/matchingsrondes").status_code == 403


def test_a_failed_round_says_why_on_its_job_page(client, seeded, monkeypatch, sqlite_engine):
    from woonregie.services import round_jobs
    from woonregie.services.matching_rounds import RoundConflict

    def conflict(*args, **kwargs):
        raise RoundConflict("Ronde afgebroken, er is niets opgeslagen: woning W-1 is weg")

    monkeypatch.setattr(round_jobs, "run_round", conflict)
    csrf = login(client, "regisseur-own")
    job_page = _start(client, csrf, policy="optimal")
    run_jobs(sqlite_engine)
    page = client.get(job_page).text
    assert "Mislukt" in page and round_jobs.CONFLICT in page and 'role="alert"' in page
