"""The regisseur's region page: the counts grid and the people at a status, without names."""

from __future__ import annotations

from tests.web_support import login


def test_region_grid_and_people_by_status(client, seeded):
    login(client, "regisseur-own")
    page = client.get("/regio")
    assert page.status_code == 200
    assert "Totaal: 2 personen en 4 woningen." in page.text
    assert "/clienten/P-1" in page.text and "/clienten/P-2" not in page.text  # uitstroomklaar
    every = client.get("/regio?status=").text
    assert "/clienten/P-2" in every
    assert "Anna de Vries" not in every  # the regie view has no names


def test_region_is_the_regisseurs(client, seeded):
    login(client, "trajectbegeleider-own")
    assert client.get("/regio").status_code == 403


def test_region_grid_rows_and_columns_are_labelled(client, seeded):
    login(client, "regisseur-own")
    page = client.get("/regio").text
    assert '<th scope="row">Uitstroom maatschappelijke opvang</th>' in page
    assert '<th scope="row">Kamer met gedeelde voorzieningen</th>' in page
    assert '<th scope="col">Niet beschikbaar</th>' in page
    assert "mo_uitstroom</th>" not in page


def test_region_people_page_by_key_with_filters(client, seeded, monkeypatch):
    """Keyset pages: "Volgende" carries the cursor; filters stay on; counts say how many."""
    import html
    import re

    from woonregie.web import region

    monkeypatch.setattr(region, "PAGE_SIZE", 1)
    login(client, "regisseur-own")
    first = client.get("/regio?status=").text
    assert "/clienten/P-1" in first and "/clienten/P-2" not in first and "1–1 van 2" in first
    following = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert following and "na=" in following.group(1)
    second = client.get(html.unescape(following.group(1))).text
    assert "/clienten/P-2" in second and "/clienten/P-1" not in second
    assert 'rel="next"' not in second and "Eerste pagina" in second
    assert "/clienten/P-2" in client.get("/regio?status=&zoek=p-2").text
    assert "/clienten/P-1" not in client.get("/regio?status=&zoek=p-2").text
    assert "Geen personen." in client.get("/regio?status=&groep=dakloos&zoek=p-1").text
    assert client.get("/regio?status=&na=niet-van-ons").status_code in (400, 422)
