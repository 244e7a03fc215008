"""Migration 0005: today's proposals become matches (bemiddelingen), statuses mapped, one live
match per person and per dwelling even when old data had two open proposals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from tests.factories import small_region
from woonregie.services.region import write_region
from woonregie.store.db import make_engine
from woonregie.store.schema import upgrade
from woonregie.store.unit_of_work import UnitOfWork


def test_proposals_migrate_to_matches(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0004")
    region = small_region()
    region.matches, region.placements = [], []
    with UnitOfWork(engine) as uow:  # the register tables are unchanged since 0003
        for add, items in ((uow.areas.add_all, sorted(region.areas, key=lambda a: len(a.code))),
                           (uow.organisations.add_all, region.organisations),
                           (uow.teams.add_all, region.support_teams),
                           (uow.complexes.add_all, region.complexes),
                           (uow.dwellings.add_all, region.dwellings),
                           (uow.persons.add_all, region.persons)):
            add(items)
        uow.commit()
    at = datetime(2026, 2, 3, 10, 0)
    with engine.begin() as conn:
        for person, dwelling, status in (("P-1", "W-1", "open"), ("P-2", "W-1", "open"),
                                         ("P-2", "W-2", "afgewezen"),
                                         ("P-1", "W-3", "geaccepteerd")):
            conn.execute(text("INSERT INTO proposals (person, dwelling, round_id, status, "
                              "created_at) VALUES (:p, :d, NULL, :s, :c)"),
                         {"p": person, "d": dwelling, "s": status, "c": at})
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        found = [(m.person, m.dwelling, str(m.step), m.live, m.opened_on.isoformat(),
                  len(m.history)) for m in uow.matches.find()]
    assert sorted(found) == [
        ("P-1", "W-1", "voorgesteld", True, "2026-02-03", 1),
        ("P-1", "W-3", "contract_getekend", False, "2026-02-03", 2),
        ("P-2", "W-1", "ingetrokken", False, "2026-02-03", 2),  # second open one on W-1
        ("P-2", "W-2", "afgewezen_door_corporatie", False, "2026-02-03", 2),
    ]
    engine.dispose()


def test_fresh_database_loads_a_region_with_matches_and_placements(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.matches.find() == [] and uow.placements.count() == 0
