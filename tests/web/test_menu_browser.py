"""The header's menu in Debian's Chromium: at 1280×800 and 1024×768 every entry of the
regisseur (the longest menu) is reached and clicked with a real click — nothing covers it, the
user badge included — and lands on its page; the groups work by keyboard (aria-expanded,
Escape) and without JavaScript. Screenshots are kept as artefacts."""

from __future__ import annotations

import pytest

from tests.web.browser_support import artifacts
from tests.web.menu_support import MENU, follow_menu, menu_link
from tests.web.test_layout_browser import _login
from woonregie.domain.enums import OrgKind
from woonregie.services.access import Principal, Role
from woonregie.web.rendering import menu

pytestmark = pytest.mark.browser


REGISSEUR = Principal(1, "regisseur-own", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
ENTRIES = [link for item in menu(REGISSEUR) for link in (item.links or [(item.label, item.url)])]
"""Every entry of the regisseur's menu, from the same function the pages use."""


@pytest.mark.parametrize("width,height", [(1280, 800), (1024, 768)], ids=["1280", "1024"])
def test_every_entry_of_the_regisseur_is_clickable(live_server, browser, width, height):
    assert len(ENTRIES) >= 10 and any(item.links for item in menu(REGISSEUR))
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    _login(page, live_server, Role.REGISSEUR)
    for label, url in ENTRIES:
        follow_menu(page, label)
        assert page.url.split("?")[0].endswith(url), (label, page.url)
        current = page.locator(f"{MENU} a[aria-current='page']")
        assert current.get_attribute("href") == url, label
    menu_link(page, "Simulatie")
    page.screenshot(path=str(artifacts() / f"menu-regisseur-{width}.png"))
    page.context.close()


def test_groups_work_by_keyboard(live_server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    _login(page, live_server, Role.REGISSEUR)
    toggle = page.locator(MENU).get_by_role("button", name="Inzicht")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent")
    assert first == "Regio"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.textContent") == "Inzicht"
    assert not page.locator(MENU).get_by_role("link", name="Regio").is_visible()
    # One group open at a time; a click elsewhere closes it.
    page.keyboard.press("Space")
    other = page.locator(MENU).get_by_role("button", name="Bemiddeling")
    other.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert other.get_attribute("aria-expanded") == "true"
    page.locator("main h1").click()
    assert other.get_attribute("aria-expanded") == "false"
    page.context.close()


def test_groups_open_without_javascript(live_server, browser):
    page = browser.new_context(viewport={"width": 1024, "height": 768},
                               java_script_enabled=False).new_page()
    _login(page, live_server, Role.REGISSEUR)
    nav = page.locator(MENU)
    assert not nav.get_by_role("link", name="Simulatie").is_visible()
    nav.get_by_role("button", name="Inzicht").focus()  # focus inside the group opens it
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Simulatie"
    page.keyboard.press("Enter")
    page.wait_for_url("**/simulaties")
    nav.get_by_role("button", name="Bemiddeling").hover()  # and so does the pointer
    nav.get_by_role("link", name="Bemiddelingen").click(timeout=5_000)
    page.wait_for_url("**/bemiddelingen")
    page.context.close()
