"""Dutch error answers for every HTTP status a person can meet: the title and sentence per
status, and a plain page for the middlewares that answer before the app runs (413 body too
large, 503 server busy), where no template context exists yet. The app's own error page
(web/rendering.html_error) takes its titles and sentences from here too, and /api gets the same
sentences as JSON."""

from __future__ import annotations

import json
from html import escape
from http import HTTPStatus

TITLES: dict[int, str] = {
    400: "Onleesbaar verzoek", 401: "Niet ingelogd", 403: "Geen toegang",
    404: "Niet gevonden", 405: "Niet toegestaan", 406: "Niet beschikbaar in deze vorm",
    409: "Intussen gewijzigd", 413: "Te groot", 415: "Onbekend bestandstype",
    422: "Ongeldige invoer", 429: "Te veel pogingen", 500: "Er ging iets mis",
    503: "Even te druk",
}

MESSAGES: dict[int, str] = {
    400: "De inhoud van het verzoek is onleesbaar (geen geldig formulier of JSON).",
    401: "U bent niet ingelogd of uw sessie is verlopen. Log opnieuw in.",
    403: "U heeft geen toegang tot deze pagina.",
    404: "Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de startpagina.",
    405: "Deze handeling kan op deze pagina niet (verkeerde methode).",
    406: "Deze pagina is niet beschikbaar in de gevraagde vorm.",
    409: "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.",
    413: "Wat u stuurde is te groot.",
    415: "Dit soort inhoud kan hier niet worden verwerkt.",
    422: "Een waarde in het adres of formulier is ongeldig.",
    429: "Te veel pogingen achter elkaar. Wacht even en probeer het opnieuw.",
    500: ("Er ging iets mis aan onze kant; er is niets opgeslagen. Probeer het later opnieuw "
          "of neem contact op met de beheerder."),
    503: "De server is op dit moment te druk. Probeer het over enkele seconden opnieuw.",
}


def title(status: int) -> str:
    return TITLES.get(status, "Fout")


def message(status: int, detail: object = None) -> str:
    """The Dutch sentence for `status`: `detail` when it is our own (Dutch) message, the
    standard sentence when it is empty or the English reason phrase Starlette puts there."""
    text = str(detail or "")
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if not text or text == phrase:
        return MESSAGES.get(status, "Er ging iets mis.")
    return text


def is_api(path: str) -> bool:
    return path.startswith("/api/")


def plain_page(status: int, text: str) -> bytes:
    """A complete Dutch page without the app's templates (for middleware answers)."""
    heading = escape(title(status))
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading} – Woonregie</title>\n"
        '<link rel="stylesheet" href="/static/woonregie.css">\n</head>\n<body>\n'
        '<header class="top"><a class="brand" href="/">Woonregie</a></header>\n'
        f'<main id="inhoud"><h1>{heading}</h1>\n<p>{escape(text)}</p>\n'
        '<p><a href="/">Naar de startpagina</a></p></main>\n</body>\n</html>\n'
    ).encode()


def body_for(path: str, status: int, text: str) -> tuple[bytes, bytes]:
    """(body, content type): JSON under /api, a Dutch page elsewhere."""
    if is_api(path):
        return json.dumps({"detail": text}).encode(), b"application/json"
    return plain_page(status, text), b"text/html; charset=utf-8"
