"""The header's menu (web/rendering.menu, base.html): every entry has its place in a group; each
role sees exactly the entries its policy allows — side by side when they are few, else in
disclosure groups whose buttons name the list they open and mark the group of the page shown."""

from __future__ import annotations

import re

import pytest

from tests.web_support import OWN_ORG, login, username
from woonregie.domain.enums import OrgKind
from woonregie.services.access import ACCOUNT_ROLES, Principal, Role, allowed
from woonregie.web.rendering import MENU_FLAT_MAX, MENU_GROUPS, MENU_TOP, NAV, menu

KIND = {Role.TRAJECTBEGELEIDER: OrgKind.ZORGAANBIEDER, Role.VERHUURMAKELAAR:
        OrgKind.WONINGCORPORATIE}


def _principal(role: Role) -> Principal:
    return Principal(1, username(role, "own"), role, OWN_ORG[role],
                     KIND.get(role, OrgKind.GEMEENTE), "GM9001")


def _links(items) -> list[tuple[str, str]]:
    return [link for item in items for link in (item.links or [(item.label, item.url)])]


def test_every_menu_entry_has_one_place():
    placed = [url for _, urls in MENU_GROUPS for url in urls] + list(MENU_TOP)
    assert len(placed) == len(set(placed))
    missing = [url for _, url, _ in NAV if url not in placed]
    assert not missing, f"voeg {missing} toe aan MENU_GROUPS in web/rendering.py"
    assert set(placed) <= {url for _, url, _ in NAV}


@pytest.mark.parametrize("role", ACCOUNT_ROLES, ids=str)
def test_each_role_sees_exactly_its_entries(role):
    principal = _principal(role)
    items = menu(principal)
    expected = {(label, url) for label, url, action in NAV if allowed(principal, action)}
    assert sorted(_links(items)) == sorted(expected)
    groups = [item for item in items if item.links]
    if len(expected) <= MENU_FLAT_MAX:
        assert not groups
    else:
        assert groups and all(len(g.links) > 1 for g in groups)
        assert len(items) < len(expected)


def test_few_entries_stand_side_by_side(client, seeded):
    login(client, "auditor-own")
    page = client.get("/audit").text
    assert 'class="menu-group"' not in page
    assert 'href="/audit" aria-current="page"' in page


def test_regisseur_menu_has_disclosure_groups(client, seeded):
    login(client, "regisseur-own")
    page = client.get("/simulaties").text
    toggles = re.findall(r'<button type="button" class="menu-toggle( current)?" '
                         r'aria-expanded="false" aria-controls="([a-z-]+)">([^<]+)</button>',
                         page)
    assert {name for _, _, name in toggles} == {"Bemiddeling", "Inzicht"}
    for current, ident, name in toggles:
        assert f'<ul class="submenu" id="{ident}">' in page
        assert bool(current) == (name == "Inzicht"), name  # the page shown is in Inzicht
    assert 'href="/simulaties" aria-current="page"' in page
    assert '<a href="/wacht-op-mij">Wacht op mij</a>' in page
