"""The driepartijenovereenkomst pages: each party's list with a PDF download, the stored HTML
under its own strict policy, and the regisseur's template editor (refusals beside the field)."""

from __future__ import annotations

from tests.signal_fixtures import agreement_key
from tests.web_support import login


def test_parties_list_view_and_download(client, seeded, sqlite_engine):
    key = agreement_key(sqlite_engine)
    for user in ("verhuurmakelaar-own", "trajectbegeleider-own", "regisseur-own"):
        client.cookies.clear()
        login(client, user)
        listed = client.get("/driepartijenovereenkomsten").text
        assert f"/bemiddelingen/{key}/driepartijenovereenkomst.pdf" in listed
        view = client.get(f"/bemiddelingen/{key}/driepartijenovereenkomst")
        assert "Driepartijenovereenkomst" in view.text
        assert "script-src" not in view.headers["content-security-policy"]
        assert "default-src 'none'" in view.headers["content-security-policy"]
        pdf = client.get(f"/bemiddelingen/{key}/driepartijenovereenkomst.pdf")
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
    client.cookies.clear()
    login(client, "verhuurmakelaar-other")
    assert "Nog geen overeenkomsten" in client.get("/driepartijenovereenkomsten").text
    assert client.get(f"/bemiddelingen/{key}/driepartijenovereenkomst").status_code == 404


def test_the_regisseur_edits_the_template(client, seeded):
    csrf = login(client, "regisseur-own")
    page = client.get("/driepartijenovereenkomsten/sjabloon")
    assert "standaardsjabloon" in page.text and "tenant.name" in page.text
    # the deadlines section stands once, in the page body, not also inside <title>
    assert "<title>Sjabloon driepartijenovereenkomst – Woonregie</title>" in page.text
    assert page.text.count('id="kop-termijnen"') == 1
    bad = client.post("/driepartijenovereenkomsten/sjabloon",
                      data={"body": "<p>{{ huurder.naam }}</p>", "csrf_token": csrf})
    assert bad.status_code == 422 and "Sjabloon" in bad.text and "huurder" in bad.text
    good = client.post("/driepartijenovereenkomsten/sjabloon",
                       data={"body": "<p>{{ tenant.name }}</p>", "csrf_token": csrf})
    assert good.status_code == 200 and "eigen sjabloon" in good.text
    assert "opgeslagen" in good.text


def test_the_regisseur_sets_the_signal_deadlines(client, seeded):
    csrf = login(client, "regisseur-own")
    days = {"days_huurachterstand": "2", "days_overlast": "1", "days_zorgmijding": "5",
            "days_woningvervuiling": "5", "days_anders": "10"}
    bad = client.post("/driepartijenovereenkomsten/termijnen",
                      data=days | {"days_overlast": "0", "csrf_token": csrf})
    assert bad.status_code == 422 and "1 tot en met 60" in bad.text
    done = client.post("/driepartijenovereenkomsten/termijnen",
                       data=days | {"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get("/driepartijenovereenkomsten/sjabloon").text
    assert 'name="days_huurachterstand" type="number" min="1" max="60" value="2"' in page
