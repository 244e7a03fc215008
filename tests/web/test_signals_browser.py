"""In Debian's Chromium: the corporation downloads the driepartijenovereenkomst of a signed
contract as PDF (its text read back with pdftotext), raises a rent-arrears signal with a Dutch
amount, the caseworker acknowledges it with an action, and the corporation then sees the status
but never the action. Screenshots go to test-artifacts/ (or $WOONREGIE_ARTIFACTS)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.signal_fixtures import consent_to_signals, sign_contract
from tests.web.browser_support import BROWSER_DB, artifacts, login_page
from tests.web.menu_support import follow_menu
from tests.web_support import OWN_ORG, drop_seed_match
from woonregie.domain.enums import OrgKind
from woonregie.services.access import Principal, Role
from woonregie.store.db import make_engine
from woonregie.store.unit_of_work import UnitOfWork

pytestmark = pytest.mark.browser

REGISSEUR = Principal(0, "regisseur-own", Role.REGISSEUR, OWN_ORG[Role.REGISSEUR],
                      OrgKind.GEMEENTE, "GM9001")
CORPORATION = Principal(0, "verhuurmakelaar-own", Role.VERHUURMAKELAAR, "WC-A",
                        OrgKind.WONINGCORPORATIE)


def _sign_p1_in_w1(database: Path) -> str:
    """P-1 consents to signalering with WC-A; the regisseur proposes P-1 for W-1 and the
    corporation signs: a placement and its driepartijenovereenkomst."""
    engine = make_engine(f"sqlite:///{database}")
    drop_seed_match(engine)
    with UnitOfWork(engine) as uow:
        consent_to_signals(uow, "P-1", date(2025, 1, 1))
        uow.commit()
    key = sign_contract(engine, None, "P-1", "W-1", REGISSEUR, CORPORATION)
    engine.dispose()
    return key


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt (make pdf)")
def test_agreement_pdf_and_a_signal_end_to_end(live_server, browser, tmp_path):
    base, out = live_server, artifacts()
    key = _sign_p1_in_w1(tmp_path / BROWSER_DB)
    corp = browser.new_context(accept_downloads=True).new_page()
    login_page(corp, base, "verhuurmakelaar-own")
    follow_menu(corp, "Overeenkomsten")
    with corp.expect_download() as download:
        corp.get_by_role("link", name="PDF").click()
    pdf = tmp_path / "overeenkomst.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("Driepartijenovereenkomst", key, "Anna de Vries", "Woonstede",
                     "Kompas Zorg", "Torenstraat 1", "Toestemming voor signalering"):
        assert expected in text, expected
    corp.screenshot(path=str(out / "signalen-1-overeenkomsten.png"), full_page=True)

    follow_menu(corp, "Signalen")
    corp.get_by_label("Woning en huurder").select_option("W-1")
    corp.get_by_label("Soort signaal").select_option("huurachterstand")
    corp.get_by_label("Bedrag huurachterstand (euro)").fill("1.250,50")
    corp.get_by_label("Aantal maanden achterstand").fill("2")
    corp.get_by_role("button", name="Signaal melden").click()
    corp.get_by_text("€ 1.250,50 over 2 maand(en)").wait_for()
    signal_url = corp.url
    corp.screenshot(path=str(out / "signalen-2-gemeld.png"), full_page=True)

    care = browser.new_context().new_page()
    login_page(care, base, "trajectbegeleider-own")
    care.goto(f"{base}/signalen")
    care.get_by_role("link", name=signal_url.rsplit("/", 1)[1]).click()
    care.get_by_label("Welke actie onderneemt u?").fill("Budgetcoach ingezet, huisbezoek")
    care.get_by_role("button", name="Bevestigen").click()
    care.get_by_text("Budgetcoach ingezet, huisbezoek").wait_for()
    care.screenshot(path=str(out / "signalen-3-bevestigd.png"), full_page=True)

    corp.goto(signal_url)
    assert corp.get_by_text("Bevestigd, actie vastgelegd").count() == 1
    assert "Budgetcoach" not in corp.content()  # never the care provider's action
    corp.screenshot(path=str(out / "signalen-4-corporatie.png"), full_page=True)
