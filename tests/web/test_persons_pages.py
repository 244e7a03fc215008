"""The client pages: the caseworker's flow, Dutch messages beside the field, the role's view,
accessible forms, the htmx filter."""

from __future__ import annotations

import re

from tests.web_support import csrf_of, login


def test_caseworker_registers_a_client_and_marks_them_ready(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    form = {"csrf_token": csrf, "name": "Cor Visser", "target_group": "dakloos",
            "household_size": "nul", "annual_income": "14.000,50"}
    bad = client.post("/clienten/nieuw", data=form)
    assert bad.status_code == 422
    assert "Huishoudgrootte: moet een geheel getal zijn" in bad.text
    assert 'aria-describedby="e-household_size' in bad.text
    assert 'aria-invalid="true"' in bad.text
    good = client.post("/clienten/nieuw", data=form | {"household_size": "2",
                                                       "annual_income": "14000,50"},
                       follow_redirects=False)
    assert good.status_code == 303
    url = good.headers["location"]
    for target in ("in_voorbereiding", "uitstroomklaar"):
        moved = client.post(f"{url}/status", data={"csrf_token": csrf, "target": target},
                            follow_redirects=False)
        assert moved.status_code == 303
    page = client.get(url)
    assert "<strong>Uitstroomklaar</strong>" in page.text
    assert page.text.count("trajectbegeleider-own") >= 3  # history rows by this user


def test_illegal_status_move_shows_a_dutch_message(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    response = client.post("/clienten/P-1/status", data={"csrf_token": csrf,
                                                         "target": "afgesloten"})
    assert response.status_code == 422
    assert "niet toegestaan" in response.text


def test_a_corporation_sees_the_candidate_view_only(client, seeded):
    login(client, "verhuurmakelaar-own")
    page = client.get("/clienten/P-1")
    assert page.status_code == 200
    assert "Inkomensklasse" in page.text and "ZRM" not in page.text
    assert "18.500" not in page.text and "Statusgeschiedenis" not in page.text
    assert client.get("/clienten/P-2").status_code == 404


def test_pages_have_landmarks_labels_and_a_skip_link(client, seeded):
    login(client, "trajectbegeleider-own")
    page = client.get("/clienten/nieuw").text
    assert 'href="#inhoud"' in page and '<main id="inhoud"' in page and 'lang="nl"' in page
    ids = set(re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', page))
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    visible = {i for i in ids if i.startswith("f-")}
    assert visible and visible <= labelled
    assert csrf_of(client)


def test_htmx_filter_gets_only_the_table(client, seeded):
    login(client, "trajectbegeleider-own")
    partial = client.get("/clienten?status=uitstroomklaar", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text and "Anna de Vries" in partial.text
    empty = client.get("/clienten?status=gehuisvest", headers={"HX-Request": "true"})
    assert "Geen cliënten gevonden." in empty.text


def test_pages_show_labels_never_raw_codes(client, seeded):
    login(client, "trajectbegeleider-own")
    form = client.get("/clienten/nieuw").text
    assert '<option value="mo_uitstroom">Uitstroom maatschappelijke opvang</option>' in form
    assert 'value="rolstoel"> Rolstoeltoegankelijk</label>' in form
    listed = client.get("/clienten").text
    assert "<td>Uitstroom beschermd wonen</td>" in listed and "<td>bw_uitstroom</td>" not in listed
    detail = client.get("/clienten/P-1").text
    assert "<dd>Uitstroom beschermd wonen</dd>" in detail
    assert "Trajectbegeleider" in detail  # the role in the header, by its label
