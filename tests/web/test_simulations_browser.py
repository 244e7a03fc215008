"""In Chromium: the regisseur uploads a scenario, starts a run, sees it wait and progress
while the worker runs it (the page polls with htmx), and lands on the comparison with its
table and charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.browser_support import login_page
from tests.web.menu_support import follow_menu

pytestmark = pytest.mark.browser

SCENARIO = 'naam = "Klein, contingent +50 %"\n[regio]\nschaal = 0.05\n[contingent]\nfactor = 1.5\n'


def test_regisseur_runs_a_simulation_in_the_background(live_server, browser, start_worker,
                                                       tmp_path: Path):
    base = live_server
    upload = tmp_path / "klein.toml"
    upload.write_text(SCENARIO, encoding="utf-8")
    page = browser.new_context().new_page()
    login_page(page, base, "regisseur-own")
    page.wait_for_url(f"{base}/regio")
    follow_menu(page, "Simulatie")
    page.get_by_role("heading", level=1, name="Simulatie: scenario's doorrekenen").wait_for()
    page.get_by_label("Basis: huidige afspraken").set_checked(False)
    page.get_by_label("Eigen scenariobestanden (TOML)").set_input_files(str(upload))
    page.get_by_label("Jaren vooruit").fill("1")
    page.get_by_label("Replicaties per scenario").fill("3")
    page.get_by_role("button", name="Simulatie starten").click()
    page.wait_for_url(f"{base}/taken/*")
    assert "Wacht op verwerking" in page.get_by_role("status").inner_text()
    assert page.locator("progress").is_visible()
    start_worker()
    page.wait_for_url(f"{base}/simulaties/*", timeout=120_000)
    page.get_by_role("heading", level=1, name="Scenariovergelijking").wait_for()
    table = page.get_by_role("region", name="Kengetallen per scenario (scrollbaar)")
    assert "Klein, contingent +50 %" in table.inner_text()
    assert "Gehuisvest per jaar, jaar 1" in table.inner_text()
    charts = page.locator("figure.chart svg")
    assert charts.count() == 6
    assert charts.first.bounding_box()["width"] > 200  # drawn, not blocked by the CSP
