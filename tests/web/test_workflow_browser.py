"""Issue 9 end to end in Debian's Chromium: one person from a matching round to housed, with
three users. The regisseur runs a stored round (a background job: a worker process runs it);
the caseworker confirms the support plan (and the consent for bemiddeling); the corporation,
which sees the match only from then on and never the care details, offers the dwelling and
records the viewing; the caseworker records the acceptance; the corporation signs, downloads
the driepartijenovereenkomst as PDF (its text read back with pdftotext) and raises a signal,
which the caseworker acknowledges. Screenshots go to test-artifacts/ (or $WOONREGIE_ARTIFACTS).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.signal_fixtures import consent_to_signals
from tests.web.browser_support import BROWSER_DB, artifacts, login_page
from tests.web.menu_support import follow_menu
from tests.web.test_browser import _start_round
from tests.web_support import drop_seed_match
from woonregie.store.db import make_engine
from woonregie.store.unit_of_work import UnitOfWork

pytestmark = pytest.mark.browser

CARE_DETAILS = ("Intensief", "Begeleidingsintensiteit", "ZRM", "Begeleidingsteam")
"""What the corporation must never see of the person (the caseworker enters them here)."""


def _prepare(database: Path) -> None:
    """No shortcut link for P-1 (a real round proposes), and P-1's consent for signalering
    with WC-A (so a signal goes to the care provider)."""
    engine = make_engine(f"sqlite:///{database}")
    drop_seed_match(engine)
    with UnitOfWork(engine) as uow:
        consent_to_signals(uow, "P-1", date(2025, 1, 1))
        uow.commit()
    engine.dispose()


def _submit(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    errors = page.locator(".error-summary")
    assert errors.count() == 0, errors.inner_text()


def _step(page) -> str:
    return page.locator("#stap").inner_text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt (make pdf)")
def test_one_person_from_round_to_housed(live_server, browser, start_worker,
                                         tmp_path):
    base, out = live_server, artifacts()
    _prepare(tmp_path / BROWSER_DB)

    # The regisseur runs a stored round; the worker process runs it.
    regie = browser.new_context().new_page()
    login_page(regie, base, "regisseur-own")
    regie.wait_for_url(f"{base}/regio")
    _start_round(regie, base, dry_run=False)
    start_worker()
    regie.wait_for_url(re.compile(r".*/matchingsrondes/\d+$"), timeout=60_000)
    regie.goto(f"{base}/bemiddelingen?stap=voorgesteld")
    row = regie.get_by_role("row").filter(has_text="P-1")
    key = row.get_by_role("link").first.inner_text()
    assert key.startswith("M-")
    regie.screenshot(path=str(out / "bemiddeling-1-ronde.png"), full_page=True)
    match_url = f"{base}/bemiddelingen/{key}"

    # The corporation does not see the match before the support plan is confirmed.
    corp = browser.new_context(accept_downloads=True).new_page()
    login_page(corp, base, "verhuurmakelaar-own")
    corp.goto(f"{base}/wacht-op-mij")
    assert key not in corp.content()
    assert corp.goto(match_url).status == 404

    # The caseworker confirms the support plan from its to-do list.
    care = browser.new_context().new_page()
    login_page(care, base, "trajectbegeleider-own")
    care.goto(f"{base}/wacht-op-mij")
    care.get_by_role("link", name=key).click()
    care.get_by_label("Begeleidingsintensiteit").select_option("intensief")
    care.get_by_label("Contactpersoon (naam, telefoon)").fill("Jan de Boer, 06-12345678")
    care.get_by_label(re.compile("toestemming voor bemiddeling")).check()
    _submit(care, "Begeleiding bevestigen")
    assert _step(care) == "Begeleiding bevestigd"
    assert "Intensief" in care.content()  # the caseworker sees its own plan
    care.screenshot(path=str(out / "bemiddeling-2-begeleiding.png"), full_page=True)

    # The corporation now sees it waiting, without care details, and makes the offer.
    corp.goto(f"{base}/wacht-op-mij")
    corp.get_by_role("link", name=key).click()
    corp.get_by_label("Huur per maand (euro)").fill("545,00")
    _submit(corp, "Woning aanbieden")
    _submit(corp, "Bezichtiging vastleggen")
    assert _step(corp) == "Bezichtigd"
    page = corp.content()
    assert "Jan de Boer, 06-12345678" in page  # whom to contact
    for detail in CARE_DETAILS:
        assert detail not in page, detail
    corp.screenshot(path=str(out / "bemiddeling-3-aanbod.png"), full_page=True)

    # The caseworker records the person's acceptance; the corporation signs.
    care.goto(match_url)
    _submit(care, "Aanbod geaccepteerd")
    corp.goto(match_url)
    _submit(corp, "Huurcontract getekend")
    assert _step(corp) == "Contract getekend"
    corp.screenshot(path=str(out / "bemiddeling-4-getekend.png"), full_page=True)
    with corp.expect_download() as download:
        corp.get_by_role("link", name="PDF").click()
    pdf = tmp_path / "overeenkomst.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("Driepartijenovereenkomst", key, "Anna de Vries", "Woonstede",
                     "Kompas Zorg", "Jan de Boer, 06-12345678"):
        assert expected in text, expected

    # Housed: the regisseur sees it; the caseworker's list has nothing waiting any more.
    regie.goto(match_url)
    assert _step(regie) == "Contract getekend"
    regie.goto(f"{base}/clienten/P-1")
    assert "Gehuisvest" in regie.content()
    regie.screenshot(path=str(out / "bemiddeling-5-gehuisvest.png"), full_page=True)

    # A signal: raised by the corporation, acknowledged by the caseworker, action hidden.
    follow_menu(corp, "Signalen")
    dwelling = corp.get_by_label("Woning en huurder").locator("option").nth(1)
    corp.get_by_label("Woning en huurder").select_option(dwelling.get_attribute("value"))
    corp.get_by_label("Soort signaal").select_option("overlast")
    corp.get_by_role("button", name="Signaal melden").click()
    corp.get_by_text("Gemeld, wacht op reactie").wait_for()
    signal_key = corp.url.rsplit("/", 1)[1]
    care.goto(f"{base}/wacht-op-mij")
    care.get_by_role("link", name=signal_key).click()
    care.get_by_label("Welke actie onderneemt u?").fill("Gesprek met buren en huurder")
    care.get_by_role("button", name="Bevestigen").click()
    care.get_by_text("Gesprek met buren en huurder").wait_for()
    care.screenshot(path=str(out / "bemiddeling-6-signaal.png"), full_page=True)
    corp.reload()
    assert "Gesprek met buren" not in corp.content()
    corp.goto(f"{base}/clienten/P-1")
    for detail in CARE_DETAILS:
        assert detail not in corp.content(), detail
    corp.screenshot(path=str(out / "bemiddeling-7-corporatie.png"), full_page=True)
