"""The Dutch pages (Jinja2 + htmx): one router per resource, mounted here. Like the API, page
routes only translate; the services decide access (which records, which fields), audit and
commit."""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.web import (
    agreements,
    audit,
    docs,
    dwellings,
    jobs,
    matches,
    password_links,
    persons,
    pickers,
    region,
    returns,
    rounds,
    sessions,
    signals,
    tenancy_agreements,
    users,
)

# Order matters where paths overlap (a fixed path before a parameterised one). New resources go
# in their own slot below so parallel branches do not edit the same lines.
MODULES = [sessions, persons, matches, dwellings, region, rounds, agreements, audit, users,
           password_links, docs, signals, tenancy_agreements, returns, pickers, jobs]
# slot: workflow
from woonregie.web import workflow as web_workflow  # noqa: E402

MODULES += [web_workflow]

# slot: dashboard
from woonregie.web import dashboard  # noqa: E402

MODULES += [dashboard]

# slot: dutch
from woonregie.web import dwelling_page, exchange_pages, tokens  # noqa: E402

MODULES += [tokens, exchange_pages, dwelling_page]

# slot: simulate
from woonregie.web import simulations  # noqa: E402

MODULES += [simulations]

# slot: other

router = APIRouter(include_in_schema=False)
for module in MODULES:
    router.include_router(module.router)
