"""The monitor keeps the region's columns between requests (store/monitor_cache.py) while the
database's data version (store/data_version.py) stays the same: a second request reads no
status change, and every kind of write — an ORM save, a raw insert, an update, a delete, a
PostgreSQL TRUNCATE — is seen by the next request."""

from datetime import date

import numpy as np
import pytest
from sqlalchemy import event, text

from tests.conftest import _truncate
from tests.monitor import region as r
from woonregie.domain.status import PersonStatus
from woonregie.monitor import Period
from woonregie.services.monitoring import MonitorFilters, monitor_figures
from woonregie.services.region import write_region
from woonregie.store import data_version, monitor_cache
from woonregie.store.unit_of_work import UnitOfWork

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture
def loaded(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, r.domain_region())
        uow.commit()
    monitor_cache.forget()
    return engine


def figures(engine, filters=MonitorFilters(), only=None):
    with UnitOfWork(engine) as uow:
        return monitor_figures(uow, YEAR_2024, filters, only).figures


def fresh(engine, filters=MonitorFilters()):
    monitor_cache.forget()
    return figures(engine, filters)


class Reads:
    """Counts the statements that read the status changes (or their compact copy)."""

    def __init__(self, engine):
        self.n = 0
        event.listen(engine, "before_cursor_execute", self.seen)
        self.engine = engine

    def seen(self, conn, cursor, statement, *args):
        self.n += statement.lstrip().startswith("SELECT") and (
            "status_transitions" in statement or "monitor_persons" in statement)

    def close(self):
        event.remove(self.engine, "before_cursor_execute", self.seen)


def test_a_second_request_reads_no_status_change(loaded):
    first = figures(loaded)
    reads = Reads(loaded)
    try:
        again = figures(loaded)
        gm02 = figures(loaded, MonitorFilters(gemeente="GM02"))
        mo = figures(loaded, MonitorFilters(target_group="mo_uitstroom"), ["stand"])
    finally:
        reads.close()
    assert reads.n == 0
    assert again == first
    assert gm02 == fresh(loaded, MonitorFilters(gemeente="GM02"))
    assert mo["stand"] == fresh(loaded, MonitorFilters(target_group="mo_uitstroom"))["stand"]


def test_an_orm_status_change_is_seen(loaded):
    before = figures(loaded)
    with UnitOfWork(loaded) as uow:
        c = uow.persons.get("C")
        c.move_to(PersonStatus.VOORGEDRAGEN, date(2024, 11, 1), "test", "voorstel")
        uow.persons.save(c)
        uow.commit()
    after = figures(loaded)
    assert after["stand"]["voorgedragen"] == before["stand"]["voorgedragen"] + 1
    assert after == fresh(loaded)


def test_raw_inserts_updates_and_deletes_are_seen(loaded):
    figures(loaded)
    with loaded.begin() as conn:  # H's tenancy did not end after all
        conn.execute(text("UPDATE placements SET end_date = NULL WHERE person = 'H'"))
    assert figures(loaded)["huurbehoud"] == fresh(loaded)["huurbehoud"]
    assert figures(loaded)["huurbehoud"]["6"]["aandeel"] == 1.0
    with loaded.begin() as conn:
        conn.execute(text("INSERT INTO status_transitions (person, seq, source, target, "
                          "on_date, \"by\", reason) VALUES ('D', 4, 'voorgedragen', 'gehuisvest', "
                          ":on, 'test', '')"), {"on": date(2024, 12, 1)})
    assert figures(loaded)["uitstroom"]["gehuisvest"]["totaal"] == 3
    with loaded.begin() as conn:
        conn.execute(text("DELETE FROM status_transitions WHERE person = 'D' AND seq = 4"))
    assert figures(loaded)["uitstroom"]["gehuisvest"]["totaal"] == 2
    assert figures(loaded) == fresh(loaded)


def test_an_emptied_register_is_seen(loaded):
    assert figures(loaded)["stand"]["gehuisvest"] == 3
    _truncate(loaded)  # TRUNCATE on PostgreSQL, DELETE on SQLite
    assert figures(loaded)["stand"]["gehuisvest"] == 0


def test_without_a_version_every_request_reads(loaded):
    with loaded.begin() as conn:
        kept = conn.execute(text("SELECT name, version FROM data_versions")).one()
        conn.execute(text("DELETE FROM data_versions"))
        assert data_version.read(conn) is None
    reads = Reads(loaded)
    try:
        first = figures(loaded)
        assert figures(loaded) == first
    finally:
        reads.close()
        with loaded.begin() as conn:  # the session's database is shared by later tests
            conn.execute(text("INSERT INTO data_versions VALUES (:n, :v)"),
                         {"n": kept[0], "v": kept[1]})
    assert reads.n == 2


def test_the_kept_columns_cannot_be_changed(loaded):
    figures(loaded)
    with UnitOfWork(loaded) as uow:
        kept = monitor_cache.region(uow.session, {monitor_cache.HISTORY})
    assert kept.history is not None and len(kept.history.day) > 0
    with pytest.raises(ValueError):
        kept.history.day[0] = 0
    assert isinstance(kept.persons.groups, np.ndarray) and not kept.persons.groups.flags.writeable
