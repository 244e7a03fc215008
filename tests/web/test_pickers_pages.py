"""Pickers that scale (issue 12, part 5): a text field that takes the code (no JavaScript
needed) plus a short option list fetched as one types; never a dropdown of every buurt."""

from __future__ import annotations

import re

from tests.web_support import login

OPTION = re.compile(r'<option value="([^"]*)">([^<]*)</option>')


def options(client, url: str) -> list[tuple[str, str]]:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    return OPTION.findall(answer.text)


def test_buurt_picker_finds_by_code_prefix_and_by_name(client, seeded):
    login(client, "verhuurmakelaar-own")
    assert [c for c, _ in options(client, "/kiezer/gebieden?q=bu900101")] == [
        "BU90010101", "BU90010102"]
    assert options(client, "/kiezer/gebieden?q=station") == [("BU90010102", "Stationsbuurt")]
    assert options(client, "/kiezer/gebieden?q=zzz") == []
    # htmx sends the field under its own name
    assert [c for c, _ in options(client, "/kiezer/gebieden?buurt=akk")] == ["BU90010201"]
    # other levels only when asked
    assert [c for c, _ in options(client, "/kiezer/gebieden?q=&niveau=gemeente")] == ["GM9001"]


def test_the_list_is_short_whatever_the_region(client, seeded, monkeypatch):
    from woonregie.services import lookups

    monkeypatch.setattr(lookups, "LIMIT", 2)
    login(client, "regisseur-own")
    assert len(options(client, "/kiezer/gebieden?q=bu")) == 2


def test_organisation_picker_filters_by_kind(client, seeded):
    login(client, "regisseur-own")
    found = options(client, "/kiezer/organisaties?q=&soort=woningcorporatie")
    assert [c for c, _ in found] == ["WC-A", "WC-B"]
    assert ("ZA-A", "Kompas Zorg") in options(client, "/kiezer/organisaties?q=kompas")


def test_complex_picker_offers_only_the_corporations_own(client, seeded):
    login(client, "verhuurmakelaar-own")
    assert [c for c, _ in options(client, "/kiezer/complexen?q=toren")] == ["CX-1"]
    client.cookies.clear()
    login(client, "verhuurmakelaar-other")
    assert options(client, "/kiezer/complexen?q=cx") == []
    client.cookies.clear()
    login(client, "trajectbegeleider-own")
    assert client.get("/kiezer/complexen?q=cx").status_code == 403


def test_person_picker_offers_only_visible_persons_and_names_only_to_who_sees_them(client,
                                                                                   seeded):
    login(client, "trajectbegeleider-own")
    assert options(client, "/kiezer/personen?q=anna") == [("P-1", "Anna de Vries")]
    client.cookies.clear()
    login(client, "regisseur-own")
    assert options(client, "/kiezer/personen?q=anna") == []  # no names in the regie view
    found = options(client, "/kiezer/personen?q=p-")
    assert [c for c, _ in found] == ["P-1", "P-2"] and "Anna" not in str(found)
    client.cookies.clear()
    login(client, "regisseur-other")  # no regie basis with GEM-X
    assert options(client, "/kiezer/personen?q=p-") == []


def test_dwelling_form_has_pickers_and_takes_a_typed_code_without_javascript(client, seeded):
    csrf = login(client, "verhuurmakelaar-own")
    form = client.get("/woningen/nieuw").text
    assert "<select id=\"f-buurt\"" not in form and 'list="l-buurt"' in form
    assert 'hx-get="/kiezer/gebieden"' in form and 'hx-get="/kiezer/complexen"' in form
    answer = client.post("/woningen/nieuw", data={
        "csrf_token": csrf, "buurt": " bu90010102 ", "rent": "600", "rooms": "2",
        "complex": "cx-1"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    listed = client.get("/woningen?buurt=BU90010102&complex=CX-1").text
    assert listed.count("<td>Stationsbuurt <span class=\"muted\">(BU90010102)</span></td>") == 1


def test_an_unknown_typed_code_is_named_in_dutch(client, seeded):
    csrf = login(client, "verhuurmakelaar-own")
    answer = client.post("/woningen/nieuw", data={
        "csrf_token": csrf, "buurt": "BU00000000", "rent": "600", "rooms": "2"})
    assert answer.status_code in (400, 422) and "onbekende buurt" in answer.text


def test_consent_party_is_a_picker_that_takes_a_typed_code(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    detail = client.get("/clienten/P-1").text
    assert 'list="l-party"' in detail and '<select id="f-party"' not in detail
    answer = client.post("/clienten/P-1/grondslagen", data={
        "csrf_token": csrf, "purpose": "bemiddeling", "party": " wc-b ",
        "legal_basis": "toestemming", "valid_from": "2026-01-01"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert "WC-B" in client.get("/clienten/P-1").text
