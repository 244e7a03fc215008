"""Exporting a round's input as a match instance file (`woonregie match --export-instance`).

The instance holds every uitstroomklaar person's matching data (pseudonymous keys, household,
income limits, needs), so writing it is a bulk read of personal data: one audit entry with how
many candidates and dwellings, committed before the file is written, then a checkpoint of the
audit chain outside the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from woonregie.matching.instance import dump_instance
from woonregie.services import audit
from woonregie.services.access import Principal, Purpose
from woonregie.services.matching_rounds import build_round
from woonregie.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class InstanceExport:
    text: str  # the instance as JSON
    candidates: int
    dwellings: int
    excluded: int  # uitstroomklaar persons left out (no support team)


def export_instance(uow: UnitOfWork, actor: Principal, on: date) -> InstanceExport:
    """The round that would run `on`, as instance JSON; audited and checkpointed."""
    with uow:
        round_, excluded = build_round(uow, on)
        result = InstanceExport(json.dumps(dump_instance(round_), ensure_ascii=False, indent=1),
                                len(round_.candidates), len(round_.dwellings), len(excluded))
        audit.record(uow, actor, "export", "match_instance", None, {
            "on": on.isoformat(), "candidates": result.candidates,
            "dwellings": result.dwellings}, Purpose.REGIE)
        uow.commit()
        audit.checkpoint(uow)
    return result
