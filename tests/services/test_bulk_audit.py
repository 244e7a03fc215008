"""Bulk actions (export, instance export, import, purge, erase) each leave one audit entry with
who, what and how many, and a signed checkpoint of the chain outside the database."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.exchange.files import csv_dir
from tests.factories import small_region
from tests.web_support import OPERATOR
from woonregie.services import audit
from woonregie.services import audit_anchor as anchor
from woonregie.services.exports import export_region
from woonregie.services.imports import import_files
from woonregie.services.instance_export import export_instance
from woonregie.services.retention import erase_person, purge_closed
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork


def _entries(engine, action: str) -> list:
    with engine.connect() as conn:
        return list(conn.execute(select(AuditRow).where(AuditRow.action == action)))


def _checkpoints() -> list[anchor.Checkpoint]:
    return [p for p in anchor.read_checkpoints(Path(os.environ[anchor.CHECKPOINTS_ENV]))
            if isinstance(p, anchor.Checkpoint)]


def test_import_export_instance_and_purge_are_audited_and_checkpointed(engine, tmp_path):
    region = small_region()
    report = import_files(UnitOfWork(engine), [csv_dir(region, tmp_path / "in")],
                          actor=OPERATOR)
    assert report.written
    [imported] = _entries(engine, "import")
    assert (imported.actor, imported.entity) == ("test:beheer", "region")
    assert imported.detail["counts"]["personen"] == len(region.persons)
    assert _checkpoints()[-1].seq == imported.seq

    export_region(UnitOfWork(engine), tmp_path / "uit", "csv", actor=OPERATOR)
    [exported] = _entries(engine, "export")
    assert exported.detail == {"format": "csv", "pseudonymised": False,
                               "counts": exported.detail["counts"]}
    assert exported.detail["counts"]["personen"] == len(region.persons)

    instance = export_instance(UnitOfWork(engine), OPERATOR, date(2026, 3, 1))
    [entry] = [e for e in _entries(engine, "export") if e.entity == "match_instance"]
    assert entry.detail["candidates"] == instance.candidates

    with UnitOfWork(engine) as uow:
        purged = purge_closed(uow, OPERATOR, date(2040, 1, 1), days=0)
    [summary] = _entries(engine, "purge")
    assert summary.detail == {"count": len(purged), "days": 0}
    points = _checkpoints()
    assert [p.seq for p in points] == sorted({p.seq for p in points})
    with UnitOfWork(engine) as uow:
        assert points[-1].seq == audit.verify(uow).checked
        assert audit.verify(uow).ok


def test_a_checked_only_import_writes_no_entry(engine, tmp_path):
    report = import_files(UnitOfWork(engine), [csv_dir(small_region(), tmp_path / "in")],
                          actor=OPERATOR, dry_run=True)
    assert report.ok and not report.written
    assert _entries(engine, "import") == [] and _checkpoints() == []


def test_an_erasure_is_checkpointed(engine, tmp_path):
    region = small_region()
    import_files(UnitOfWork(engine), [csv_dir(region, tmp_path / "in")], actor=OPERATOR)
    key = next(p.key for p in region.persons if p.status != "voorgedragen")
    with UnitOfWork(engine) as uow:
        erase_person(uow, OPERATOR, key, "verzoek van betrokkene")
    [erased] = _entries(engine, "erase")
    assert _checkpoints()[-1].seq == erased.seq
