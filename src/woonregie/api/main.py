"""The JSON API under /api/v1: one router per resource, mounted here. Routes only translate —
HTTP in, a service call, HTTP out; access, audit and transactions are the services' business."""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.api import (
    agreements,
    audit,
    dwellings,
    jobs,
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

# New resources go in their own slot below so parallel branches do not edit the same lines.
MODULES = [users, persons, dwellings, region, agreements, rounds, audit, vocabularies,
           signals, tenancy_agreements, returns, monitor, jobs]
# slot: workflow
from woonregie.api import matches as api_matches  # noqa: E402
from woonregie.api import workflow_config as api_workflow_config  # noqa: E402

MODULES += [api_matches, api_workflow_config]

# slot: dashboard

# slot: dutch

# slot: simulate

# slot: other

router = APIRouter(prefix="/api/v1", responses=ERRORS)
for module in MODULES:
    router.include_router(module.router)
