"""How a page is answered: the Jinja2 environment, the menu the policy allows, the error page,
and the small request helpers every page module uses (form fields, redirects, page numbers,
running blocking service calls off the event loop)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from woonregie.domain import locale_nl
from woonregie.domain.vocabulary import label_of
from woonregie.http import error_page
from woonregie.http.auth import Auth
from woonregie.http.validation import LABELS
from woonregie.services.access import Action, Principal, Role, allowed
from woonregie.services.vocabularies import VOCABULARIES
from woonregie.store.pagination import PAGE_COUNT_CAP

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["zip_with"] = lambda codes, names: list(zip(codes, names, strict=True))
templates.env.filters["label"] = label_of
templates.env.filters["choices"] = lambda items, vocabulary=None: [
    (str(x), label_of(x, vocabulary)) for x in items]
"""`{{ p.status|label }}`, `{{ code|label(TargetGroup) }}`: the Dutch label beside the code;
`items|choices(Feature)`: (code, label) pairs for option lists."""
templates.env.filters.update({
    "euro": locale_nl.euro, "bedrag": locale_nl.amount, "getal": locale_nl.number,
    "datum": locale_nl.datum, "datumtijd": locale_nl.datum_tijd})
"""Dutch numbers and dates, through the one locale module: `{{ d.rent|euro }}` → € 1.050,00,
`{{ day|datum }}` → 31-12-2026, `{{ n|getal }}` → 1.050."""
templates.env.globals.update({v.__name__: v for v in VOCABULARIES.values()})
"""The vocabularies templates may name, e.g. `code|label(TargetGroup)`."""

NAV: list[tuple[str, str, Action]] = [
    ("Mijn cliënten", "/clienten", Action.PERSON_CREATE),
    ("Wacht op mij", "/wacht-op-mij", Action.MATCH_LIST),
    ("Kandidaten", "/kandidaten", Action.DWELLING_CREATE),
    ("Woningen", "/woningen", Action.DWELLING_LIST),
    ("Regio", "/regio", Action.REGION_OVERVIEW),
    ("Dashboard", "/dashboard", Action.REGION_OVERVIEW),
    ("Matchingsrondes", "/matchingsrondes", Action.MATCH_READ),
    ("Bemiddelingen", "/bemiddelingen", Action.MATCH_LIST),
    ("Pauzes", "/pauzes", Action.WORKFLOW_CONFIG),
    ("Weigerredenen", "/weigerredenen", Action.WORKFLOW_CONFIG),
    ("Simulatie", "/simulaties", Action.MATCH_RUN),
    ("Afspraken", "/afspraken", Action.AGREEMENT_READ),
    ("Signalen", "/signalen", Action.SIGNAL_LIST),
    ("Overeenkomsten", "/driepartijenovereenkomsten", Action.TENANCY_AGREEMENT_READ),
    ("Auditlog", "/audit", Action.AUDIT_READ),
    ("Gebruikers", "/beheer/gebruikers", Action.USER_ADMIN),
    ("API-tokens", "/beheer/tokens", Action.USER_ADMIN),
]
"""Menu entries, shown when the policy allows their action (the policy decides, not templates)."""

MENU_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Register", ("/clienten", "/kandidaten", "/woningen")),
    ("Bemiddeling", ("/matchingsrondes", "/bemiddelingen", "/pauzes", "/weigerredenen",
                     "/signalen", "/driepartijenovereenkomsten")),
    ("Inzicht", ("/regio", "/dashboard", "/afspraken", "/simulaties")),
    ("Beheer", ("/audit", "/beheer/gebruikers", "/beheer/tokens")),
]
"""The header's groups, in the order shown; each NAV entry belongs to one group, except the
ones in MENU_TOP (tests/web/test_menu.py checks)."""
MENU_TOP = ("/wacht-op-mij",)
"""Entries always shown on their own, before the groups: every party's own to-do list."""
MENU_FLAT_MAX = 5
"""A role with at most this many entries sees them side by side, without groups."""


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One item of the header's menu: a link (`url`), or a group of links (`links`) that a
    disclosure button opens (`ident` names its list for aria-controls)."""

    label: str
    url: str = ""
    links: tuple[tuple[str, str], ...] = ()
    ident: str = ""

    def holds(self, path: str) -> bool:
        """Whether the page at `path` is one of the group's (its button is then marked)."""
        return any(path.startswith(url) for _, url in self.links)


def menu(principal: Principal | None) -> list[MenuItem]:
    """The menu `principal` may see: all its entries side by side when they are few, else the
    to-do list and one disclosure group a kind of work (a group with one entry is a link)."""
    if principal is None:
        return []
    entries = {url: label for label, url, action in NAV if allowed(principal, action)}
    if len(entries) <= MENU_FLAT_MAX:
        return [MenuItem(label, url) for url, label in entries.items()]
    items = [MenuItem(entries[url], url) for url in MENU_TOP if url in entries]
    for name, urls in MENU_GROUPS:
        links = tuple((entries[url], url) for url in urls if url in entries)
        if len(links) == 1:
            items.append(MenuItem(links[0][0], links[0][1]))
        elif links:
            items.append(MenuItem(name, links=links, ident=f"menu-{name.lower()}"))
    return items

HOME: dict[Role, str] = {
    Role.TRAJECTBEGELEIDER: "/clienten",
    Role.VERHUURMAKELAAR: "/woningen",
    Role.REGISSEUR: "/regio",
    Role.AUDITOR: "/audit",
    Role.ADMIN: "/beheer/gebruikers",
}

MAX_PAGE = 100_000


def render(request: Request, name: str, auth: Auth | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    principal = auth.principal if auth else None
    nav = menu(principal)
    return templates.TemplateResponse(
        request, name,
        {"principal": principal, "csrf": auth.session.csrf_token if auth and auth.session
         else "", "nav": nav, "path": request.url.path, "labels": LABELS, **context},
        status_code=status_code,
    )


def html_error(request: Request, status: int, message: str) -> Response:
    """Error page for page routes (used by the app's exception handlers)."""
    return templates.TemplateResponse(
        request, "error.html",
        {"principal": None, "csrf": "", "nav": [], "path": request.url.path,
         "title": error_page.title(status), "message": message, "status": status},
        status_code=status,
    )


async def form_of(request: Request) -> dict[str, Any]:
    """Form fields; repeated names (checkboxes) become lists."""
    form = await request.form()
    out: dict[str, Any] = {}
    for name in form:
        values = [v for v in form.getlist(name) if isinstance(v, str)]
        out[name] = values if len(values) > 1 else (values[0] if values else "")
    return out


def as_list(value: Any) -> list[str]:
    """A checkbox group's value: nothing ticked, one (a string) or several (a list)."""
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return run_in_threadpool(fn, *args, **kwargs)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def page_number(pagina: int) -> int:
    """The `pagina` query parameter, kept within 1…MAX_PAGE (an offset SQL can take)."""
    return max(1, min(pagina, MAX_PAGE))


def keyset_args(pagina: int, na: str, size: int) -> dict[str, Any]:
    """Where a list page starts: after the cursor `na` (the "Volgende" link: an index range,
    whatever the depth; `pagina` is then only the number shown), else at `pagina`'s offset
    (hand-typed URLs). Counts stop at PAGE_COUNT_CAP ("meer dan 1.000")."""
    pagina = page_number(pagina)
    if na:
        return {"cursor": na, "offset": 0, "limit": size, "count_cap": PAGE_COUNT_CAP}
    return {"cursor": None, "offset": (pagina - 1) * size, "limit": size,
            "count_cap": PAGE_COUNT_CAP}


def code(value: Any) -> str | None:
    """A code as typed or picked (a picker's text field): trimmed, in capitals as codes are
    stored, or None when empty."""
    text = str(value or "").strip().upper()[:40]
    return text or None


def query_base(path: str, **params: Any) -> str:
    """`path?k=v&…&` for the pager's links: the filters in force, ready for `na=…`."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}&" if kept else f"{path}?"
