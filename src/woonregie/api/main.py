"""The JSON API under /api/v1: one router per resource, mounted here. Routes only translate —
HTTP in, a service call, HTTP out; access, audit and transactions are the services' business."""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.api import (
    agreements,
    audit,
    dwellings,
    monitor,
    persons,
    region,
    returns,
    rounds,
    signals,
    tenancy_agreements,
    users,
    vocabularies,
)
from woonregie.api.deps import ERRORS

router = APIRouter(prefix="/api/v1", responses=ERRORS)
for module in (users, persons, dwellings, region, agreements, rounds, audit, vocabularies,
               signals, tenancy_agreements, returns, monitor):
    router.include_router(module.router)
