"""The Simulatie pages: the regisseur picks scenarios (shipped or uploaded), starts a run in the
background, watches its progress and reads the comparison; bad files are refused in Dutch
before anything is queued; nobody else sees the page or someone else's run."""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import text

from tests.web_support import login, run_jobs
from woonregie.services import accounts, simulation_jobs
from woonregie.simulate.report import cell
from woonregie.store.unit_of_work import UnitOfWork

TINY = 'naam = "Klein"\n[regio]\nschaal = 0.05\n'
MORE = 'naam = "Klein, contingent +50 %"\n[regio]\nschaal = 0.05\n[contingent]\nfactor = 1.5\n'


def _post(client, csrf, files=(), **form):
    data = {"csrf_token": csrf, "jaren": "1", "replicaties": "2", "seed": "7", **form}
    upload = [("bestanden", (name, body.encode("utf-8"), "application/toml"))
              for name, body in files]
    return client.post("/simulaties", data=data, files=upload or None, follow_redirects=False)


def _open_jobs(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM jobs WHERE kind = 'simulatie'")).scalar()


def test_regisseur_finds_the_page_in_the_menu_with_the_shipped_scenarios(client, seeded):
    login(client, "regisseur-own")
    page = client.get("/simulaties")
    assert page.status_code == 200
    assert 'href="/simulaties" aria-current="page"' in page.text
    for name in ("basis.toml", "meer_contingent.toml", "meer_housing_first.toml"):
        assert f'value="{name}"' in page.text
    assert "Contingenten +50 %" in page.text  # the file's own title, not its name only
    assert 'enctype="multipart/form-data"' in page.text
    assert "Nog geen simulaties." in page.text


def test_a_run_goes_through_the_job_page_to_the_comparison(client, seeded, sqlite_engine):
    csrf = login(client, "regisseur-own")
    response = _post(client, csrf, files=[("klein.toml", TINY), ("meer.toml", MORE)])
    assert response.status_code == 303, response.text
    job_page = response.headers["location"]
    assert job_page.startswith("/taken/")
    waiting = client.get(job_page).text
    assert "Simulatie" in waiting and "Wacht op verwerking" in waiting
    assert f'hx-get="{job_page}/voortgang"' in waiting  # polled; the page does not block
    assert "Taak " in client.get("/simulaties").text  # listed among the user's runs

    assert run_jobs(sqlite_engine) == 1
    fragment = client.get(f"{job_page}/voortgang")
    result_url = fragment.headers["hx-redirect"]
    assert result_url == f"/simulaties/{job_page.rsplit('/', 1)[1]}"
    assert "Klaar: 2 scenario('s) × 2 replicaties" in unescape(fragment.text)
    page = client.get(result_url)
    assert page.status_code == 200
    html = page.text
    assert "<th scope=\"col\">Klein</th>" in html and "Klein, contingent +50 %" in html
    assert "Gehuisvest per jaar, jaar 1" in html and "Wachttijd mediaan (dagen)" in html
    assert "2 replicaties per scenario" in html and "seed 7" in html
    assert len(re.findall(r"<svg\b", html)) == 6  # one chart per figure
    assert 'href="/simulaties/' in client.get("/simulaties").text


def test_the_comparison_shows_what_the_model_computed(client, seeded, sqlite_engine):
    """The table's cells are the stored summary's medians, formatted the Dutch way."""
    csrf = login(client, "regisseur-own")
    job_page = _post(client, csrf, files=[("klein.toml", TINY)]).headers["location"]
    run_jobs(sqlite_engine)
    job_id = int(job_page.rsplit("/", 1)[1])
    with UnitOfWork(sqlite_engine) as uow:
        row = accounts.UserRepository(uow.session).by_username("regisseur-own")
        found = simulation_jobs.result(uow, accounts.principal_of(uow, row), job_id)
    housed = found.named[0][1]["gehuisvest"][0]
    assert housed.median > 0
    assert f'<td class="num">{cell(housed)}</td>' in client.get(f"/simulaties/{job_id}").text


def test_a_bad_upload_is_refused_in_dutch_naming_file_and_key(client, seeded, sqlite_engine):
    csrf = login(client, "regisseur-own")
    bad = 'naam = "Fout"\n[contingent]\nfactor = "veel"\n'
    response = _post(client, csrf, files=[("fout.toml", bad)])
    assert response.status_code == 422
    assert "fout.toml: contingent.factor: moet een getal zijn, niet 'veel'" in unescape(
        response.text)
    assert 'aria-invalid="true"' in response.text
    unknown = _post(client, csrf, files=[("x.toml", "[regio]\nkleur = 1\n")])
    assert "x.toml: regio.kleur: onbekende sleutel" in unknown.text
    assert _open_jobs(sqlite_engine) == 0  # nothing queued


def test_the_form_checks_choice_and_numbers(client, seeded, sqlite_engine):
    csrf = login(client, "regisseur-own")
    none = _post(client, csrf)
    assert none.status_code == 422 and "kies minstens één scenario" in none.text
    unknown = _post(client, csrf, scenarios="geheim.toml")
    assert "geheim.toml: geen meegeleverd scenario" in unknown.text
    years = _post(client, csrf, scenarios="basis.toml", jaren="99")
    assert "Jaren: moet tussen 1 en 10 liggen" in years.text
    runs = _post(client, csrf, scenarios="basis.toml", replicaties="veel")
    assert "Replicaties: moet een geheel getal zijn" in runs.text
    assert 'value="veel"' in runs.text  # the input is kept
    assert _open_jobs(sqlite_engine) == 0


def test_a_second_run_waits_for_the_first(client, seeded, sqlite_engine):
    csrf = login(client, "regisseur-own")
    assert _post(client, csrf, files=[("klein.toml", TINY)]).status_code == 303
    second = _post(client, csrf, files=[("klein.toml", TINY)])
    assert second.status_code == 409 and simulation_jobs.BUSY in second.text
    other = login(client, "regisseur-other")  # another user may run at the same time
    assert _post(client, other, files=[("klein.toml", TINY)]).status_code == 303


def test_a_run_the_region_cannot_take_fails_with_the_reason(client, seeded, sqlite_engine):
    """Names are checked against the region when the worker has it: the job fails in Dutch."""
    csrf = login(client, "regisseur-own")
    project = (TINY + '[[nieuwbouw]]\nvanaf = 2026-07-01\ncorporatie = "WC99"\n'
               'woonvorm = "housing_first"\naantal = 5\n')
    job_page = _post(client, csrf, files=[("nb.toml", project)]).headers["location"]
    run_jobs(sqlite_engine)
    page = client.get(job_page).text
    assert "Mislukt" in page and "nb.toml: nieuwbouw[1].corporatie: onbekende corporatie" in page


def test_others_do_not_see_the_page_or_the_run(client, seeded, sqlite_engine):
    csrf = login(client, "regisseur-own")
    job_page = _post(client, csrf, files=[("klein.toml", TINY)]).headers["location"]
    run_jobs(sqlite_engine)
    result = f"/simulaties/{job_page.rsplit('/', 1)[1]}"
    assert client.get(result).status_code == 200
    login(client, "regisseur-other")
    assert client.get(result).status_code == 404
    assert client.get(job_page).status_code == 404
    login(client, "trajectbegeleider-own")
    assert client.get("/simulaties").status_code == 403
    assert 'href="/simulaties"' not in client.get("/clienten").text
