"""Tablet and laptop in Debian's Chromium (issue 12, part 6): at 768×1024 no page scrolls
sideways, for every role and every page its menu offers plus the detail pages; at 1280 px the
header takes one line. Pages are found from the menu each role sees, so a page added later is
checked too."""

from __future__ import annotations

import re

import pytest

from tests.web.browser_support import login_page
from tests.web_support import username
from woonregie.services.access import ACCOUNT_ROLES, Role

pytestmark = pytest.mark.browser

DETAILS: dict[Role, list[str]] = {
    Role.TRAJECTBEGELEIDER: ["/clienten/nieuw", "/clienten/P-1", "/clienten/P-1/bewerken"],
    Role.VERHUURMAKELAAR: ["/woningen/nieuw", "/complexen", "/clienten/P-1"],
    Role.REGISSEUR: ["/regio?status=", "/complexen", "/clienten/P-1"],
    Role.AUDITOR: [],
    Role.ADMIN: [],
}
"""Pages beyond the menu (forms and detail pages) for each role; the seeded round's page is
found from the rounds list."""

OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1
                 && !e.closest('.scroll'))
    .slice(0, 3).map(e => e.tagName + (e.className ? '.' + e.className : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""

HEADER_ROWS = """() => {
  const items = [...document.querySelectorAll('header.top > *, header.top nav .menu > li')];
  const tops = items.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; });
  const firstBottom = Math.min(...tops.map(t => t[1]));
  return tops.filter(t => t[0] >= firstBottom).length;
}"""


def _login(page, base: str, role: Role) -> None:
    login_page(page, base, username(role, "own"))
    page.wait_for_load_state()


def _pages(page, base: str, role: Role) -> list[str]:
    menu = page.eval_on_selector_all("header nav a", "as => as.map(a => a.getAttribute('href'))")
    found = list(menu) + DETAILS[role]
    if "/matchingsrondes" in menu:
        page.goto(f"{base}/matchingsrondes")
        found += sorted(set(re.findall(r'href="(/matchingsrondes/\d+)"', page.content())))[:1]
    return found


@pytest.mark.parametrize("role", ACCOUNT_ROLES, ids=str)
def test_no_page_scrolls_sideways_on_a_tablet_and_header_fits_a_laptop(live_server, browser,
                                                                       role):
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    _login(page, live_server, role)
    pages = _pages(page, live_server, role)
    assert pages, "geen pagina's in het menu"
    for path in pages:
        answer = page.goto(f"{live_server}{path}")
        assert answer is not None and answer.ok, f"{path}: {answer and answer.status}"
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= found["client"], f"{role} {path} scrollt opzij: {found}"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server}/")
    assert page.evaluate(HEADER_ROWS) == 0, f"kop van {role} beslaat meer dan één regel"
    context.close()


def test_scroll_regions_are_keyboard_reachable(live_server, browser):
    """Every region that scrolls by itself can take focus and has a name."""
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    _login(page, live_server, Role.REGISSEUR)
    for path in ("/regio?status=", "/woningen", "/afspraken"):
        page.goto(f"{live_server}{path}")
        regions = page.eval_on_selector_all(
            ".scroll", "es => es.map(e => [e.getAttribute('tabindex'), e.getAttribute('role'),"
                       " e.getAttribute('aria-label')])")
        assert regions, path
        assert all(r[0] == "0" and r[1] == "region" and r[2] for r in regions), (path, regions)
    context.close()
