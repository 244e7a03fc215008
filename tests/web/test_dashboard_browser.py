"""In Debian's Chromium: the regisseur opens the dashboard of a sample region, sees the charts
drawn (Vega from the app's own /static, under the app's Content-Security-Policy), changes the
doelgroep filter and sees a chart and its table change to that group's figures, as the monitor
engine computes them. Screenshots go to test-artifacts/ (or $WOONREGIE_ARTIFACTS)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.web.browser_support import artifacts, login_page, serving
from tests.web_support import PASSWORD
from woonregie.domain.enums import OrgKind
from woonregie.monitor import Period, compute
from woonregie.monitor.records import from_region
from woonregie.sample import generate_region
from woonregie.services import accounts
from woonregie.services.region import write_region
from woonregie.store.db import make_engine
from woonregie.store.schema import upgrade
from woonregie.store.unit_of_work import UnitOfWork

pytestmark = pytest.mark.browser

REGION = generate_region(1, 0.2, date(2026, 6, 30))
PERIOD = Period(date(2025, 1, 1), date(2025, 12, 31))
USER = "regisseur-dashboard"


@pytest.fixture
def sample_server(tmp_path: Path) -> Iterator[str]:
    """The app on a sample region (scale 0.2) with one regisseur, served by uvicorn."""
    engine = make_engine(f"sqlite:///{tmp_path / 'dashboard.db'}")
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        write_region(uow, REGION)
        gemeente = next(o.code for o in REGION.organisations if o.kind == OrgKind.GEMEENTE)
        accounts.add_user(uow, USER, PASSWORD, "regisseur", gemeente)
        uow.commit()
    with serving(engine) as base:
        yield base
    engine.dispose()


def _total_row(page) -> list[str]:  # noqa: ANN001
    row = page.locator("#tabel-stroom tbody tr").last
    return [c.strip() for c in row.locator("th, td").all_inner_texts()]


def _drawn(page, name: str) -> str:  # noqa: ANN001
    chart = page.locator(f"#chart-{name}[data-drawn='ja'] svg")
    chart.wait_for(timeout=20_000)
    return chart.inner_html()


def test_a_filter_changes_chart_and_table(sample_server, browser):
    base, out = sample_server, artifacts()
    everyone = compute(from_region(REGION), PERIOD)
    bw = "bw_uitstroom"
    assert everyone["instroom"]["totaal"] != everyone["instroom"][bw]
    problems: list[str] = []
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            and not m.location["url"].endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    login_page(page, base, USER)
    page.goto(f"{base}/dashboard?van=01-01-2025&tot=31-12-2025")
    before_chart = _drawn(page, "stroom")
    for name in ("stand", "wachttijd", "huurbehoud", "contingent", "concentratie"):
        assert "<path" in _drawn(page, name) or "<rect" in _drawn(page, name)
    area_map = page.locator("#kaart-concentratie[data-drawn='ja'] svg")
    area_map.wait_for(timeout=20_000)  # the map of the buurten (schematic: sample region)
    assert area_map.locator("path").count() >= 2 * len(
        [a for a in REGION.areas if a.level == "buurt"])
    assert _total_row(page)[:3] == ["Totaal", str(everyone["eerste_instroom"]["totaal"]),
                                    str(everyone["instroom"]["totaal"])]
    page.screenshot(path=str(out / "dashboard-1-alles.png"), full_page=True)

    page.get_by_label("Doelgroep", exact=True).select_option(bw)
    page.wait_for_function(
        "() => document.querySelector('#periode').textContent.includes('doelgroep')")
    after_chart = _drawn(page, "stroom")
    assert _total_row(page)[:3] == ["Totaal", str(everyone["eerste_instroom"][bw]),
                                    str(everyone["instroom"][bw])]
    assert after_chart != before_chart
    assert "doelgroep=bw_uitstroom" in page.url  # the address keeps the filter
    page.screenshot(path=str(out / "dashboard-2-bw-uitstroom.png"), full_page=True)
    # No script error or warning, no Content-Security-Policy violation
    assert not problems, "\n".join(problems)
