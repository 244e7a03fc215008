"""End to end in Debian's Chromium (Playwright): a caseworker registers a client, meets a
Dutch validation error, corrects it and marks the client ready; a corporation user then cannot
reach that client's page by URL."""

from __future__ import annotations

import pytest

from tests.web.browser_support import BROWSER_DB, login_page
from tests.web_support import drop_seed_match
from woonregie.store.db import make_engine

pytestmark = pytest.mark.browser

def test_caseworker_flow_and_corporation_is_kept_out(live_server, browser):
    base = live_server
    caseworker = browser.new_context().new_page()
    login_page(caseworker, base, "trajectbegeleider-own")
    caseworker.wait_for_url(f"{base}/clienten")
    caseworker.get_by_role("link", name="Cliënt aanmelden").click()

    caseworker.get_by_label("Naam").fill("Dirk Bakker")
    caseworker.get_by_label("Doelgroep").select_option("mo_uitstroom")
    caseworker.get_by_label("Huishoudgrootte (personen)").fill("0")
    caseworker.get_by_label("Jaarinkomen (euro, bruto)").fill("16000")
    caseworker.get_by_role("button", name="Aanmelden").click()

    error = caseworker.locator("#e-household_size")
    error.wait_for()
    assert error.inner_text() == "Huishoudgrootte: moet minstens 1 zijn"
    field = caseworker.get_by_label("Huishoudgrootte (personen)")
    assert "e-household_size" in (field.get_attribute("aria-describedby") or "")
    assert caseworker.get_by_label("Naam").input_value() == "Dirk Bakker"  # input kept

    field.fill("1")
    caseworker.get_by_role("button", name="Aanmelden").click()
    caseworker.wait_for_url(f"{base}/clienten/P-*")
    client_url = caseworker.url
    for target in ("in_voorbereiding", "uitstroomklaar"):
        caseworker.get_by_label("Nieuwe status").select_option(target)
        caseworker.get_by_role("button", name="Status wijzigen").click()
        caseworker.wait_for_load_state()
    assert caseworker.locator("dd strong").inner_text() == "Uitstroomklaar"

    corporation = browser.new_context().new_page()
    login_page(corporation, base, "verhuurmakelaar-own")
    corporation.wait_for_url(f"{base}/woningen")
    response = corporation.goto(client_url)
    assert response is not None and response.status == 404
    assert corporation.get_by_role("heading", level=1).inner_text() == "Niet gevonden"
    assert "Dirk Bakker" not in corporation.content()


def _start_round(page, base: str, dry_run: bool) -> None:
    page.goto(f"{base}/matchingsrondes")
    page.get_by_label("Proefronde (niets opslaan, beide beleidsregels vergelijken)"
                      ).set_checked(dry_run)
    page.get_by_role("button", name="Ronde draaien").click()
    page.wait_for_url(f"{base}/taken/*")
    status = page.get_by_role("status")
    assert "Wacht op verwerking" in status.inner_text()  # the progress block, polled by htmx
    assert page.locator("progress").is_visible()


def test_regisseur_runs_a_dry_round_and_filters_why_not(live_server, browser, start_worker):
    """The regisseur starts a dry run, sees it wait and then, once the worker ran it, lands
    on its result with the policy comparison; then narrows the stored round's unhoused list
    to one reason code (an htmx swap, same URL as without script)."""
    base = live_server
    page = browser.new_context().new_page()
    login_page(page, base, "regisseur-own")
    page.wait_for_url(f"{base}/regio")
    _start_round(page, base, dry_run=True)
    start_worker()
    page.wait_for_url(f"{base}/matchingsrondes/proefronde/*", timeout=60_000)
    page.get_by_role("heading", level=1, name="Proefronde").wait_for()
    assert page.get_by_role("table", name="Vergelijking van het beleid").is_visible()

    page.get_by_role("link", name="Terug naar de rondes").click()
    page.get_by_role("link", name="Ronde 1").click()
    reason = "Geen passende woning, vooral door de huishoudgrootte"
    page.get_by_role("link", name=reason).click()
    page.get_by_role("heading", name=f"Niet gehuisvest: alleen „{reason}”").wait_for()
    assert page.url.endswith("?code=geen_passende_woning_huishouden")
    assert "P-2" in page.locator("#niet-gehuisvest").inner_text()


def test_regisseur_runs_a_stored_round_in_the_background(live_server, browser, start_worker,
                                                         tmp_path):
    """A stored round from the web: the page shows its progress while it waits and runs,
    refuses a second round meanwhile, and goes to the stored round when the worker is done."""
    drop_seed_match(make_engine(f"sqlite:///{tmp_path / BROWSER_DB}"))
    base = live_server
    page = browser.new_context().new_page()
    login_page(page, base, "regisseur-own")
    page.wait_for_url(f"{base}/regio")
    _start_round(page, base, dry_run=False)
    job_url = page.url
    other = browser.new_context().new_page()
    login_page(other, base, "regisseur-other")
    other.wait_for_url(f"{base}/regio")
    other.goto(f"{base}/matchingsrondes")
    other.get_by_role("button", name="Ronde draaien").click()
    assert "Er loopt al een matchingsronde voor deze regio" in other.get_by_role(
        "alert").inner_text()
    start_worker()
    page.wait_for_url(f"{base}/matchingsrondes/2", timeout=60_000)
    page.get_by_role("heading", level=1, name="Ronde 2").wait_for()
    assert "P-1" in page.get_by_role("region", name="Voordrachten (scrollbaar)").inner_text()
    page.goto(job_url)
    assert "Klaar: 1 voorgedragen" in page.get_by_role("status").inner_text()


def test_api_docs_render_offline_under_the_strict_csp(live_server, browser):
    """Swagger UI comes from our own origin: the page renders the API's operations with every
    request outside the server blocked, and without a single CSP violation."""
    base = live_server
    context = browser.new_context()
    outside: list[str] = []

    def only_our_origin(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_origin)
    context.add_init_script("window.__csp = []; document.addEventListener("
                            "'securitypolicyviolation', e => window.__csp.push("
                            "e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    page.goto(f"{base}/api/v1/docs")
    page.get_by_role("heading", name="Woonregie API").first.wait_for()
    page.get_by_text("/api/v1/match-rounds/{round_id}").first.wait_for()
    page.get_by_role("button", name="Authorize").first.click()  # a dialog with inputs
    page.get_by_text("Available authorizations").wait_for()
    page.get_by_role("button", name="Close").first.click()
    page.locator("#operations-personen-list_persons_api_v1_persons_get").click()
    page.get_by_role("button", name="Try it out").first.click()
    page.locator("select").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert outside == []
    assert page.evaluate("window.__csp") == []
