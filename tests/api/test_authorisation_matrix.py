"""The authorisation matrix, built from the app's own route table.

Every route × every role × own/other organisation is called. The expectations below are
written independently of the policy in services/access.py: if the two disagree, or a route has
no entry here, the test fails, so a new route cannot ship without a rule.

ALL: users of both organisations get a 2xx/3xx. OWN: the user of the record's own organisation
does, the other gets 403/404 (404 for person records). NONE: both get 403 or 404.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from starlette.routing import Mount, Route

from tests.signal_fixtures import agreement_key, fresh_housed_person, fresh_signal, housed
from tests.web_support import Seeded, username
from tests.workflow_fixtures import WORKFLOW_BODIES, WORKFLOW_URLS
from woonregie.domain.signal import SignalKind
from woonregie.http.auth import COOKIE
from woonregie.services import accounts, jobs, round_jobs, simulation_jobs
from woonregie.services.access import ACCOUNT_ROLES, Role
from woonregie.services.job_worker import Worker
from woonregie.store.unit_of_work import UnitOfWork

ALL, OWN, NONE, PUBLIC = "all", "own", "none", "public"
TB, VM, RG, AU, AD = (Role.TRAJECTBEGELEIDER, Role.VERHUURMAKELAAR, Role.REGISSEUR,
                      Role.AUDITOR, Role.ADMIN)


def rule(**given: str) -> dict[Role, str]:
    names = {"tb": TB, "vm": VM, "rg": RG, "au": AU, "ad": AD}
    return {role: given.get(short, NONE) for short, role in names.items()}


EVERYONE = rule(tb=ALL, vm=ALL, rg=ALL, au=ALL, ad=ALL)

EXPECT: dict[tuple[str, str], Any] = {
    # JSON API
    ("GET", "/api/v1/me"): EVERYONE,
    ("GET", "/api/v1/vocabularies"): EVERYONE,
    ("GET", "/api/v1/persons"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/api/v1/persons"): rule(tb=ALL),
    ("GET", "/api/v1/persons/{key}"): rule(tb=OWN, vm=OWN, rg=OWN),
    ("PATCH", "/api/v1/persons/{key}"): rule(tb=OWN),
    ("GET", "/api/v1/persons/{key}/status-changes"): rule(tb=OWN),
    ("POST", "/api/v1/persons/{key}/status-changes"): rule(tb=OWN),
    ("GET", "/api/v1/persons/{key}/consents"): rule(tb=OWN),
    ("POST", "/api/v1/persons/{key}/consents"): rule(tb=OWN),
    ("GET", "/api/v1/dwellings"): rule(vm=ALL, rg=ALL),
    ("POST", "/api/v1/dwellings"): rule(vm=ALL),
    ("GET", "/api/v1/dwellings/{code}"): rule(vm=OWN, rg=ALL),
    ("GET", "/api/v1/complexes"): rule(vm=ALL, rg=ALL),
    ("GET", "/api/v1/areas"): EVERYONE,
    ("GET", "/api/v1/areas/{code}"): EVERYONE,
    ("GET", "/api/v1/organisations"): EVERYONE,
    ("GET", "/api/v1/organisations/{code}"): EVERYONE,
    ("GET", "/api/v1/agreements"): rule(vm=ALL, rg=ALL),
    ("GET", "/api/v1/overview"): rule(rg=ALL, au=ALL),
    ("GET", "/api/v1/monitor"): rule(rg=ALL, au=ALL),
    ("GET", "/api/v1/audit"): rule(au=ALL),
    # Matching rounds are region-wide: every regisseur, whatever its gemeente
    ("GET", "/api/v1/match-rounds"): rule(rg=ALL),
    ("GET", "/api/v1/match-rounds/{round_id}"): rule(rg=ALL),
    ("POST", "/api/v1/match-rounds"): rule(rg=ALL),
    ("GET", "/api/v1/match-rounds/dry-runs/{job_id}"): rule(rg=OWN),
    ("GET", "/api/v1/jobs/{job_id}"): rule(rg=OWN),
    # Signals: the corporation raises for its own tenants; each {key} is a fresh signal of WC-A
    # to ZA-A (consent given), so the gemeente has no part in it until it escalates
    ("GET", "/api/v1/signals"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/api/v1/signals"): rule(vm=OWN),
    ("GET", "/api/v1/signals/{key}"): rule(tb=OWN, vm=OWN),
    ("POST", "/api/v1/signals/{key}/acknowledge"): rule(tb=OWN),
    ("POST", "/api/v1/signals/{key}/close"): rule(tb=OWN, vm=OWN),
    # The driepartijenovereenkomst: its three parties (the gemeente of the placement) only
    ("GET", "/api/v1/matches/{key}/agreement.pdf"): rule(tb=OWN, vm=OWN, rg=OWN),
    # A return (terugkeer) of a housed client: its caseworker (each {key} a fresh one)
    ("POST", "/api/v1/persons/{key}/return"): rule(tb=OWN),
    # Pages
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): EVERYONE,
    ("GET", "/"): EVERYONE,
    ("GET", "/clienten"): rule(tb=ALL),
    ("GET", "/kandidaten"): rule(vm=ALL),
    ("GET", "/clienten/nieuw"): rule(tb=ALL),
    ("POST", "/clienten/nieuw"): rule(tb=ALL),
    ("GET", "/clienten/{key}"): rule(tb=OWN, vm=OWN, rg=OWN),
    ("GET", "/clienten/{key}/bewerken"): rule(tb=OWN),
    ("POST", "/clienten/{key}/bewerken"): rule(tb=OWN),
    ("POST", "/clienten/{key}/status"): rule(tb=OWN),
    ("POST", "/clienten/{key}/grondslagen"): rule(tb=OWN),
    ("POST", "/clienten/{key}/terugkeer"): rule(tb=OWN),
    ("GET", "/woningen"): rule(vm=ALL, rg=ALL),
    ("GET", "/woningen/nieuw"): rule(vm=ALL),
    ("POST", "/woningen/nieuw"): rule(vm=ALL),
    ("GET", "/complexen"): rule(vm=ALL, rg=ALL),
    # Pickers (kiezers): reference data for everyone; complexes as the dwellings list; persons
    # as the persons list (each sees only whom it may see: tests/services/test_visibility.py)
    ("GET", "/kiezer/gebieden"): EVERYONE,
    ("GET", "/kiezer/organisaties"): EVERYONE,
    ("GET", "/kiezer/complexen"): rule(vm=ALL, rg=ALL),
    ("GET", "/kiezer/personen"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/regio"): rule(rg=ALL, au=ALL),
    ("GET", "/afspraken"): rule(vm=ALL, rg=ALL),
    ("GET", "/audit"): rule(au=ALL),
    ("GET", "/audit/export"): rule(au=ALL),
    ("GET", "/beheer/gebruikers"): rule(ad=ALL),
    ("POST", "/beheer/gebruikers"): rule(ad=ALL),
    # An administrator manages its own organisation's accounts only
    ("POST", "/beheer/gebruikers/{username}/blokkeren"): rule(ad=OWN),
    ("POST", "/beheer/gebruikers/{username}/herstellen"): rule(ad=OWN),
    ("GET", "/wachtwoord/{secret}"): PUBLIC,
    ("POST", "/wachtwoord/{secret}"): PUBLIC,
    ("GET", "/matchingsrondes"): rule(rg=ALL),
    ("POST", "/matchingsrondes"): rule(rg=ALL),
    ("GET", "/matchingsrondes/{round_id}"): rule(rg=ALL),
    ("GET", "/matchingsrondes/proefronde/{job_id}"): rule(rg=OWN),
    ("GET", "/taken/{job_id}"): rule(rg=OWN),
    ("GET", "/taken/{job_id}/voortgang"): rule(rg=OWN),
    ("POST", "/taken/{job_id}/afbreken"): rule(rg=OWN),
    ("GET", "/signalen"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/signalen"): rule(vm=OWN),
    ("GET", "/signalen/{key}"): rule(tb=OWN, vm=OWN),
    ("POST", "/signalen/{key}/bevestigen"): rule(tb=OWN),
    ("POST", "/signalen/{key}/sluiten"): rule(tb=OWN, vm=OWN),
    ("GET", "/driepartijenovereenkomsten"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/bemiddelingen/{key}/driepartijenovereenkomst"): rule(tb=OWN, vm=OWN, rg=OWN),
    ("GET", "/bemiddelingen/{key}/driepartijenovereenkomst.pdf"): rule(tb=OWN, vm=OWN,
                                                                        rg=OWN),
    # Every regisseur sees the template in use; only one with a gemeente stores its own
    ("GET", "/driepartijenovereenkomsten/sjabloon"): rule(rg=ALL),
    ("POST", "/driepartijenovereenkomsten/sjabloon"): rule(rg=OWN),
    ("POST", "/driepartijenovereenkomsten/termijnen"): rule(rg=OWN),
    # The API's own documentation
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/api/v1/docs"): PUBLIC,
    # slot: workflow
    # Matches (bemiddelingen): each party lists its own; each {key} a fresh match of ZA-A's
    # client for WC-A's dwelling in GM9001 at a step where the action is legal
    ("GET", "/api/v1/matches"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/api/v1/matches"): rule(rg=OWN),
    ("GET", "/api/v1/matches/{key}"): rule(tb=OWN, vm=OWN, rg=OWN),
    ("POST", "/api/v1/matches/{key}/confirm-support"): rule(tb=OWN),
    ("POST", "/api/v1/matches/{key}/offer"): rule(vm=OWN),
    ("POST", "/api/v1/matches/{key}/viewing"): rule(vm=OWN),
    ("POST", "/api/v1/matches/{key}/accept"): rule(tb=OWN),
    ("POST", "/api/v1/matches/{key}/decline"): rule(tb=OWN),
    ("POST", "/api/v1/matches/{key}/refuse"): rule(vm=OWN),
    ("POST", "/api/v1/matches/{key}/withdraw"): rule(rg=OWN),
    ("POST", "/api/v1/matches/{key}/sign"): rule(vm=OWN),
    ("GET", "/api/v1/decline-reasons"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/api/v1/step-deadlines"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/wacht-op-mij"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/bemiddelingen"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/bemiddelingen"): rule(rg=OWN),
    ("GET", "/bemiddelingen/vastgelopen"): rule(rg=ALL),
    ("GET", "/bemiddelingen/{key}"): rule(tb=OWN, vm=OWN, rg=OWN),
    ("POST", "/bemiddelingen/{key}/stap"): rule(rg=OWN),  # the body withdraws
    ("GET", "/weigerredenen"): rule(rg=ALL),
    ("POST", "/weigerredenen"): rule(rg=ALL),
    ("POST", "/weigerredenen/termijnen"): rule(rg=ALL),
    ("GET", "/pauzes"): rule(rg=ALL),
    # each {pause_id} a fresh pause of a client of ZA-A, visible to GEM-VW for regie
    ("POST", "/pauzes/{pause_id}/opheffen"): rule(rg=OWN),
    ("POST", "/pauzes/{pause_id}/urgentie"): rule(rg=OWN),

    # slot: dashboard
    # The dashboard: aggregates, like the monitor (regisseur and auditor only)
    ("GET", "/dashboard"): rule(rg=ALL, au=ALL),
    ("GET", "/dashboard/download"): rule(rg=ALL, au=ALL),

    # slot: dutch
    # The audit log as files for people (issue 12 part 8), API tokens of the own organisation
    ("GET", "/audit/export.csv"): rule(au=ALL),
    ("GET", "/audit/export.xlsx"): rule(au=ALL),
    ("GET", "/beheer/tokens"): rule(ad=ALL),
    ("POST", "/beheer/tokens"): rule(ad=OWN),
    ("POST", "/beheer/tokens/intrekken"): rule(ad=OWN),
    # Import and export on the pages: each organisation its own records, the regisseur the
    # region (without a file the check goes back to the form; an unknown upload likewise)
    ("GET", "/uitwisseling"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/uitwisseling/controleren"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("POST", "/uitwisseling/bevestigen"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/uitwisseling/sjabloon.xlsx"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/uitwisseling/eigen-gegevens.xlsx"): rule(tb=ALL, vm=ALL, rg=ALL),
    ("GET", "/uitwisseling/eigen-gegevens.zip"): rule(tb=ALL, vm=ALL, rg=ALL),
    # One dwelling's page: its corporation reads and edits it, the regisseur reads it
    ("GET", "/woningen/{code}"): rule(vm=OWN, rg=ALL),
    ("POST", "/woningen/{code}"): rule(vm=OWN),

    # slot: simulate
    # Scenario runs (simulatie): the regisseur; each sees only the runs it started
    ("GET", "/simulaties"): rule(rg=ALL),
    ("POST", "/simulaties"): rule(rg=ALL),
    ("GET", "/simulaties/{job_id}"): rule(rg=OWN),

    # slot: other
    ("GET", "/api/v1/match-rounds/{round_id}/proposals"): rule(rg=ALL),
    ("GET", "/api/v1/match-rounds/{round_id}/unhoused"): rule(rg=ALL),

}

STATIC_MOUNTS = ("/static", "/static/swagger-ui")
"""Public files only: our CSS and scripts, and Swagger UI's build for the API docs."""

PARAMS = {"key": "P-1", "code": None, "username": "doelwit", "round_id": None,
          "secret": "geen-geldige-link"}
"""Path parameters: records of the 'own' organisations (P-1 of ZA-A, proposed for W-1 of WC-A,
with a regie basis for GEM-VW); the round is the seeded one."""

_counter = itertools.count()


def _status_body(engine: Engine) -> dict[str, str]:
    """A legal move from P-1's current status (it toggles ready ↔ preparing)."""
    with UnitOfWork(engine) as uow:
        person = uow.persons.get("P-1")
    assert person is not None
    target = "in_voorbereiding" if person.status == "uitstroomklaar" else "uitstroomklaar"
    return {"target": target}


def _person_form() -> dict[str, str]:
    return {"name": "Matrix Test", "target_group": "dakloos", "household_size": "1",
            "annual_income": "15000", "support_intensity": "geen"}


BODIES: dict[tuple[str, str], Callable[[Engine], dict[str, Any]]] = {
    ("POST", "/api/v1/persons"): lambda e: {"name": "Matrix Test", "target_group": "dakloos",
                                            "household_size": 1, "annual_income": 15000},
    ("PATCH", "/api/v1/persons/{key}"): lambda e: {"household_size": 1},
    ("POST", "/api/v1/persons/{key}/status-changes"): _status_body,
    ("POST", "/api/v1/persons/{key}/consents"): lambda e: {
        "purpose": "regie", "party": "GEM-VW", "legal_basis": "toestemming",
        "valid_from": "2026-01-01"},
    ("POST", "/api/v1/dwellings"): lambda e: {"buurt": "BU90010101", "rent": 500, "rooms": 2},
    ("POST", "/login"): lambda e: {"username": "niemand", "password": "x"},
    ("POST", "/clienten/nieuw"): lambda e: _person_form(),
    ("POST", "/clienten/{key}/bewerken"): lambda e: _person_form() | {"name": "Anna de Vries"},
    ("POST", "/clienten/{key}/status"): _status_body,
    ("POST", "/clienten/{key}/grondslagen"): lambda e: {
        "purpose": "regie", "party": "GEM-VW", "legal_basis": "toestemming",
        "valid_from": "2026-01-01"},
    ("POST", "/woningen/nieuw"): lambda e: {"buurt": "BU90010101", "rent": "500",
                                            "rooms": "2"},
    ("POST", "/beheer/gebruikers"): lambda e: {"username": f"nieuw-{next(_counter)}",
                                               "role": "auditor"},
    ("POST", "/beheer/gebruikers/{username}/blokkeren"): lambda e: {"actief": "ja"},
    # Dry runs: a stored round would move P-1 and change what later calls see. No worker runs
    # here, so each call first ends the round job the previous one queued (one open per region).
    ("POST", "/api/v1/match-rounds"): lambda e: _no_open_round(e) | {"policy": "optimal",
                                                                     "dry_run": True},
    ("POST", "/matchingsrondes"): lambda e: _no_open_round(e) | {"policy": "per_vacancy",
                                                                 "proefronde": "ja"},
    ("POST", "/api/v1/signals"): lambda e: housed(e) | {"kind": "overlast"},
    ("POST", "/api/v1/signals/{key}/acknowledge"): lambda e: {"action": "huisbezoek"},
    ("POST", "/api/v1/signals/{key}/close"): lambda e: {"outcome": "opgelost"},
    ("POST", "/signalen"): lambda e: housed(e) | {"kind": "overlast"},
    ("POST", "/simulaties"): lambda e: _no_open_simulation(e),
    ("POST", "/api/v1/persons/{key}/return"): lambda e: {"target": "teruggevallen",
                                                         "reason": "opname"},
    ("POST", "/clienten/{key}/terugkeer"): lambda e: {"target": "teruggevallen",
                                                      "reason": "opname"},
    ("POST", "/signalen/{key}/bevestigen"): lambda e: {"action": "huisbezoek"},
    ("POST", "/signalen/{key}/sluiten"): lambda e: {"outcome": "opgelost"},
    ("POST", "/driepartijenovereenkomsten/sjabloon"): lambda e: {
        "body": "<p>{{ tenant.name }}</p>"},
    ("POST", "/driepartijenovereenkomsten/termijnen"): lambda e: {
        f"days_{kind}": "4" for kind in SignalKind},
    # API tokens: made for, and revoked of, "doelwit" (an auditor of GEM-VW, the own side)
    ("POST", "/beheer/tokens"): lambda e: {"username": "doelwit", "name": "matrix"},
    ("POST", "/beheer/tokens/intrekken"): lambda e: {"token_id": str(_fresh_token(e))},
    ("POST", "/woningen/{code}"): lambda e: {"rent": "610", "rooms": "2"},
}


def _fresh_token(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        row = accounts.UserRepository(uow.session).by_username("doelwit")  # type: ignore
        issued = accounts.create_token(uow, accounts.principal_of(uow, row), "doelwit", "x")
        uow.commit()
    return issued.id


TINY = 'naam = "Matrix"\n[regio]\nschaal = 0.05\n'
"""A scenario on a tiny sample region: one year, one replication runs in a moment."""


def _no_open_simulation(engine: Engine) -> dict[str, Any]:
    with engine.begin() as conn:
        conn.execute(text("UPDATE jobs SET status = 'afgebroken' WHERE kind = 'simulatie' "
                          "AND status IN ('wachtend', 'bezig')"))
    return {"scenarios": "basis.toml", "jaren": "1", "replicaties": "1", "seed": "1"}


def _no_open_round(engine: Engine) -> dict[str, Any]:
    with engine.begin() as conn:
        conn.execute(text("UPDATE jobs SET status = 'afgebroken' WHERE exclusive_key = "
                          "'matchingsronde:regio' AND status IN ('wachtend', 'bezig')"))
    return {}


def _jobs_of_regisseur_own(engine: Engine, seeded: Seeded) -> dict[str, int]:
    """A finished dry run (its result page) and a waiting job (to cancel), both started by
    regisseur-own; the waiting one holds another region's key, so rounds can still start."""
    with UnitOfWork(engine) as uow:
        row = accounts.UserRepository(uow.session).by_username(username(RG, "own"))  # type: ignore
        regisseur = accounts.principal_of(uow, row)
        done = round_jobs.start(uow, regisseur, policy="optimal", dry_run=True).id
        simulation = simulation_jobs.start(
            uow, regisseur, chosen=[], uploads=[simulation_jobs.Upload("matrix.toml", TINY)],
            years=1, runs=1, seed=1).id
    Worker(engine).run_pending()
    with UnitOfWork(engine) as uow:
        waiting = jobs.start(uow, regisseur, round_jobs.KIND,
                             {"policy": "optimal", "dry_run": True, "today": "2026-01-10",
                              "region": "matrix"}).id
    return {"done": done, "waiting": waiting, "simulation": simulation}


def _flat(routes) -> Iterator[Route]:
    """Every endpoint route of the app. FastAPI 0.16x keeps included routers as lazy
    `_IncludedRouter` entries (nested: api → resource routers); they are expanded through
    their effective route contexts, which carry the path with every prefix. Any
    other kind of entry fails, so nothing can hide from the matrix."""
    for route in routes:
        if isinstance(route, Mount):
            assert route.path in STATIC_MOUNTS, f"unexpected mount {route.path}"
        elif isinstance(route, APIRoute | Route):
            yield route
        elif hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()  # full paths (all prefixes), methods
        else:
            raise AssertionError(f"unknown route type {route!r}")


def app_routes(app) -> list[tuple[str, str]]:
    found = []
    for route in _flat(app.routes):
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                found.append((method, route.path))
    assert found, "no routes found"
    return found


def test_every_route_has_a_rule(app):
    routes = set(app_routes(app))
    missing = sorted(routes - set(EXPECT))
    stale = sorted(set(EXPECT) - routes)
    assert not missing, f"routes without an authorisation rule: {missing}"
    assert not stale, f"rules for routes that no longer exist: {stale}"


def _path(path: str, seeded: Seeded) -> str:
    code = ("W-1" if "/dwellings/" in path or "/woningen/" in path
            else "GM9001" if "/areas/" in path else "ZA-A")
    job = seeded.jobs.get("waiting" if path.endswith("/afbreken") else
                          "simulation" if path.startswith("/simulaties/") else "done", 0)
    return path.format(**(PARAMS | {"code": code, "round_id": seeded.round_id,
                                    "job_id": job}))


def _call(client: TestClient, engine: Engine, seeded: Seeded, method: str, path: str,
          user: str | None) -> int:
    url = path if (method, path) in WORKFLOW_URLS else _path(path, seeded)
    if "/signals/{key}" in path or "/signalen/{key}" in path:
        url = path.format(key=fresh_signal(engine))
    if path.endswith(("/{key}/return", "/{key}/terugkeer")):
        url = path.format(key=fresh_housed_person(engine))
    if "/matches/{key}" in path or "/bemiddelingen/{key}" in path:
        url = path.format(key=agreement_key(engine))
    if (method, path) in WORKFLOW_URLS:  # the workflow's routes: a record at a legal step
        url = WORKFLOW_URLS[(method, path)](engine, path)
    body = (BODIES | WORKFLOW_BODIES).get((method, path), lambda e: {})(engine)
    client.cookies.clear()
    if path.startswith("/api/"):
        headers = {"Authorization": f"Bearer {seeded.tokens[user]}"} if user else {}
        response = client.request(method, url, json=body if method != "GET" else None,
                                  headers=headers, follow_redirects=False)
        return response.status_code
    if user is not None:
        with UnitOfWork(engine) as uow:
            row = accounts.UserRepository(uow.session).by_username(user)  # type: ignore
            session = accounts.start_session(uow, accounts.principal_of(uow, row))
            uow.commit()
        client.cookies.set(COOKIE, session.token)
        body = body | {"csrf_token": session.csrf_token}
    response = client.request(method, url, data=body if method != "GET" else None,
                              follow_redirects=False)
    return response.status_code


def test_the_matrix(app, client, sqlite_engine, seeded):
    with UnitOfWork(sqlite_engine) as uow:
        accounts.add_user(uow, "doelwit", "een-goed-wachtwoord", "auditor", "GEM-VW")
        uow.commit()
    seeded.jobs = _jobs_of_regisseur_own(sqlite_engine, seeded)
    failures = []
    for method, path in app_routes(app):
        expected = EXPECT[(method, path)]
        if expected == PUBLIC:
            status = _call(client, sqlite_engine, seeded, method, path, None)
            if status >= 500 or status in (401, 403):
                failures.append(f"{method} {path} (public): {status}")
            continue
        anonymous = _call(client, sqlite_engine, seeded, method, path, None)
        if anonymous not in ((401,) if path.startswith("/api/") else (303,)):
            failures.append(f"{method} {path} anonymous: {anonymous}")
        for role, side in itertools.product(ACCOUNT_ROLES, ("own", "other")):
            status = _call(client, sqlite_engine, seeded, method, path, username(role, side))
            rule_ = expected[role]
            should_pass = rule_ == ALL or (rule_ == OWN and side == "own")
            if should_pass and not 200 <= status < 400:
                failures.append(f"{method} {path} {role}/{side}: {status}, expected 2xx/3xx")
            if not should_pass:
                allowed_codes = (404,) if (rule_ == OWN and "{key}" in path) else (403, 404)
                if status not in allowed_codes:
                    failures.append(f"{method} {path} {role}/{side}: {status}, "
                                    f"expected {allowed_codes}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/clienten/P-1", "/api/v1/persons/P-1"])
def test_not_yours_is_indistinguishable_from_missing(client, seeded, sqlite_engine, path):
    """The other caseworker gets the same answer for P-1 as for a key that does not exist."""
    user = username(TB, "other")
    other = _call(client, sqlite_engine, seeded, "GET", path, user)
    missing = _call(client, sqlite_engine, seeded, "GET", path.replace("P-1", "P-NOPE"), user)
    assert other == missing == 404
