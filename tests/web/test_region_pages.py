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
