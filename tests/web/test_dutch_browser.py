"""In Debian's Chromium: after a failed submit the focus is on the error summary (so a
keyboard or screen-reader user meets the problem first), and the Dutch amount typed stays in
the field."""

from __future__ import annotations

import pytest

from tests.web.browser_support import login_page

pytestmark = pytest.mark.browser



def test_focus_moves_to_the_error_summary_after_a_failed_submit(live_server, browser):
    base = live_server
    page = browser.new_context().new_page()
    login_page(page, base, "verhuurmakelaar-own")
    page.wait_for_url(f"{base}/woningen")
    page.goto(f"{base}/woningen/nieuw")
    page.get_by_label("Buurt").fill("BU90010201")
    page.get_by_label("Kale huur per maand (euro)").fill("1,050")
    page.get_by_label("Aantal kamers").fill("2")
    page.get_by_role("button", name="Aanmelden").click()
    summary = page.locator("#fouten")
    summary.wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'fouten'")
    assert "dubbelzinnig" in summary.inner_text()
    assert page.get_by_label("Kale huur per maand (euro)").input_value() == "1,050"

    page.get_by_label("Kale huur per maand (euro)").fill("1.050")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{base}/woningen")
    assert "€ 1.050,00" in page.content()
