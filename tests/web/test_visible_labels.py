"""Labels, not codes: logged in as each role, the text a person reads on the main pages holds
no code of a vocabulary (bw_uitstroom, housing_first, optimal, per_vacancy, list/read/person in
the audit log, …) and no English framework text. Codes may stay in URLs, form values and
attributes; only what is shown counts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web_support import login, username
from woonregie.services.access import ACCOUNT_ROLES, Role
from woonregie.services.audit import AuditAction, AuditEntity
from woonregie.services.vocabularies import VOCABULARIES


class _Visible(HTMLParser):
    """The text of a page as a browser shows it (no script, style or attributes)."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(parser.parts)


def _codes() -> list[re.Pattern[str]]:
    """Every vocabulary code a Dutch reader would not write: codes with an underscore, the
    round policies, the audit log's English verbs and entities, and English framework text."""
    codes = {code for v in VOCABULARIES.values() for code in v.labels() if "_" in code}
    codes |= {"optimal", "per_vacancy", "housing_first", "skaeve_huis", "bw_uitstroom"}
    words = {str(a) for a in AuditAction} | {str(e) for e in AuditEntity}
    words -= {"status", "export", "link", "import"}  # Dutch words too
    patterns = [re.compile(rf"(?<![\w-]){re.escape(c)}(?![\w-])") for c in sorted(codes)]
    patterns += [re.compile(rf"(?<![\w/-]){re.escape(w)}(?![\w/-])") for w in sorted(words)]
    patterns += [re.compile(p) for p in (r"\bFit\b", r"Not Found", r"Method Not Allowed",
                                         r"Internal Server Error", r"\bNone\b", r"\bTrue\b",
                                         r"\bFalse\b")]
    return patterns


CODES = _codes()

PAGES: dict[Role, list[str]] = {
    Role.TRAJECTBEGELEIDER: ["/clienten", "/clienten/P-1", "/clienten/P-1/bewerken",
                             "/clienten/nieuw", "/signalen", "/driepartijenovereenkomsten"],
    Role.VERHUURMAKELAAR: ["/woningen", "/woningen/nieuw", "/woningen/W-1", "/kandidaten",
                           "/clienten/P-1", "/complexen", "/signalen", "/uitwisseling"],
    Role.REGISSEUR: ["/regio", "/regio?status=uitstroomklaar", "/clienten/P-1", "/woningen",
                     "/woningen/W-1", "/uitwisseling",
                     "/matchingsrondes", "/matchingsrondes/1", "/afspraken", "/signalen",
                     "/driepartijenovereenkomsten"],
    Role.AUDITOR: ["/audit"],
    Role.ADMIN: ["/beheer/gebruikers"],
}
"""Main pages per role; the auditor comes after the others so the audit log has entries."""


def test_every_role_is_covered():
    assert set(PAGES) == set(ACCOUNT_ROLES)


@pytest.mark.parametrize("role", list(PAGES))
def test_no_code_in_the_visible_text_of_the_main_pages(client, seeded, role):
    if role is Role.AUDITOR:  # make sure the log shows reads, lists and changes
        login(client, "regisseur-own")
        client.get("/clienten/P-1")
        client.get("/regio")
        client.post("/logout", data={"csrf_token": ""})
    login(client, username(role, "own"))
    found: dict[str, list[str]] = {}
    for url in PAGES[role]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = visible_text(response.text)
        hits = sorted({m.group(0) for p in CODES for m in p.finditer(text)})
        if hits:
            found[url] = hits
    assert not found, f"codes where people read: {found}"


def test_the_check_finds_a_code_when_one_is_shown():
    """The test above can fail: a page showing a raw code is caught."""
    page = "<p>Doelgroep: <b>bw_uitstroom</b>, beleid optimal</p><a href='/x?g=mo_uitstroom'>x</a>"
    hits = {m.group(0) for p in CODES for m in p.finditer(visible_text(page))}
    assert hits == {"bw_uitstroom", "optimal"}
    assert not any(p.search(visible_text("<p>Lijst bekeken: Persoon</p>")) for p in CODES)
