"""Every HTTP error a person's browser can meet is a Dutch page (title, sentence, a way back),
never English framework text or JSON; the API keeps JSON, with Dutch messages."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web_support import login
from woonregie.http.admission import Admission

ENGLISH = ("Not Found", "Method Not Allowed", "Unprocessable", "Internal Server Error",
           "Request Entity Too Large", "Service Unavailable", '"detail"', "Field required")


def assert_dutch_page(response, status: int, title: str, *words: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert '<html lang="nl">' in text
    assert f"<h1>{title}</h1>" in text
    assert 'href="/"' in text  # a way back
    for word in words:
        assert word in text
    for english in ENGLISH:
        assert english not in text


def test_unknown_url_is_a_dutch_404_page(client, seeded):
    assert_dutch_page(client.get("/bestaat-niet"), 404, "Niet gevonden", "bestaat niet")
    login(client, "regisseur-own")
    assert_dutch_page(client.get("/regio/niets/hier"), 404, "Niet gevonden")


def test_wrong_method_is_a_dutch_405_page(client, seeded):
    login(client, "regisseur-own")
    assert_dutch_page(client.delete("/regio"), 405, "Niet toegestaan", "verkeerde methode")


@pytest.mark.parametrize(("url", "field"), [
    ("/woningen?pagina=abc", "Pagina: moet een geheel getal zijn"),
    ("/matchingsrondes/abc", "Ronde: moet een geheel getal zijn"),
    ("/regio?pagina=1e99", "Pagina: moet een geheel getal zijn"),
])
def test_bad_query_or_path_value_is_a_dutch_422_page(client, seeded, url, field):
    login(client, "regisseur-own")
    assert_dutch_page(client.get(url), 422, "Ongeldige invoer", field)


def test_too_large_a_body_is_a_dutch_413_page(client, seeded):
    response = client.post("/login", content=b"a=" + b"x" * (2 << 20),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_dutch_page(response, 413, "Te groot", "te groot")


def test_a_busy_server_answers_a_dutch_503_page():
    async def slow(scope, receive, send):
        await asyncio.sleep(0.5)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def two(path: str) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=Admission(slow, limit=1, wait=0.1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await asyncio.gather(c.get(path), c.get(path))

    busy = [r for r in asyncio.run(two("/regio")) if r.status_code == 503][0]
    assert_dutch_page(busy, 503, "Even te druk", "te druk")
    api = [r for r in asyncio.run(two("/api/v1/persons")) if r.status_code == 503][0]
    assert "te druk" in api.json()["detail"]


def test_a_crash_is_a_dutch_500_page_without_internals(app, seeded):
    def crash():
        raise RuntimeError("geheime interne fout P-1")

    app.add_api_route("/proef-crash", crash)
    app.add_api_route("/api/v1/proef-crash", crash)
    with TestClient(app, raise_server_exceptions=False) as c:
        page = c.get("/proef-crash")
        assert_dutch_page(page, 500, "Er ging iets mis", "niets opgeslagen")
        assert "geheime" not in page.text and "RuntimeError" not in page.text
        api = c.get("/api/v1/proef-crash")
        assert api.status_code == 500 and "niets opgeslagen" in api.json()["detail"]


def test_the_api_keeps_json_with_dutch_messages(client, seeded):
    missing = client.get("/api/v1/bestaat-niet")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Deze pagina bestaat niet (meer). Controleer het adres, "
                                        "of ga naar de startpagina."}
    wrong = client.delete("/api/v1/vocabularies")
    assert wrong.status_code == 405 and "verkeerde methode" in wrong.json()["detail"]
    bad = client.get("/api/v1/persons?limit=abc", headers={"Authorization": "Bearer x"})
    assert bad.headers["content-type"].startswith("application/json")


def test_focus_goes_to_the_error_summary_after_a_failed_submit(client, seeded):
    """The summary is focusable and the page loads the script that focuses it (the browser
    test in tests/web/test_admin_browser.py sees the focus move)."""
    csrf = login(client, "verhuurmakelaar-own")
    bad = client.post("/woningen/nieuw", data={"csrf_token": csrf, "buurt": "BU90010201",
                                               "rent": "1,050", "rooms": "2"})
    assert bad.status_code == 422
    assert '<div class="error-summary" role="alert" tabindex="-1" id="fouten">' in bad.text
    assert '<script src="/static/woonregie.js" defer></script>' in bad.text
    script = client.get("/static/woonregie.js").text
    assert 'querySelector(".error-summary")' in script and ".focus()" in script
