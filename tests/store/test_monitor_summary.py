"""The compact copy of every person's status history (store/monitor_summary.py) stays equal
to the register under every kind of write: ORM saves, raw inserts, updates and deletes, a
person's group or zorgaanbieder changed, a person deleted with their history, TRUNCATE; and
the monitor reads the register itself when the copy's codes are not the program's."""

from datetime import date

import pytest
from sqlalchemy import text

from tests.monitor import region as r
from woonregie.domain.status import PersonStatus
from woonregie.monitor.records import GROUPS, NO_STATUS, STATUSES
from woonregie.services.region import write_region
from woonregie.store import monitor_reads as reads
from woonregie.store import monitor_summary
from woonregie.store.unit_of_work import UnitOfWork


@pytest.fixture
def loaded(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, r.domain_region())
        uow.commit()
    return engine


def register(engine) -> dict:
    """Per person: group, zorgaanbieder and changes (day, target, source) from the tables."""
    with engine.connect() as conn:
        people = conn.execute(text("SELECT key, target_group, care_provider FROM persons")).all()
        changes = conn.execute(text("SELECT person, seq, on_date, target, source "
                                    "FROM status_transitions ORDER BY person, seq")).all()
    out = {k: (g, c, []) for k, g, c in people}
    for person, _, on, target, source in changes:
        on = on if isinstance(on, date) else date.fromisoformat(on)
        out[person][2].append((on.toordinal(), target, source))
    return out


def copy(engine) -> dict:
    with UnitOfWork(engine) as uow:
        found = reads.region_summary(uow.session)
    assert found is not None
    persons, h = found
    out = {k: (str(GROUPS[persons.groups[i]]), persons.providers[persons.provider[i]], [])
           for i, k in enumerate(persons.keys)}
    for i in range(len(h.person)):
        source = None if h.source[i] == NO_STATUS else str(STATUSES[h.source[i]])
        out[persons.keys[h.person[i]]][2].append(
            (int(h.day[i]), str(STATUSES[h.target[i]]), source))
    return out


def test_the_copy_equals_the_register(loaded):
    assert copy(loaded) == register(loaded)
    assert len(copy(loaded)) == len(r.HISTORIES)


def test_orm_writes_are_copied(loaded):
    with UnitOfWork(loaded) as uow:
        c = uow.persons.get("C")
        c.move_to(PersonStatus.VOORGEDRAGEN, date(2024, 11, 1), "test", "voorstel")
        uow.persons.save(c)
        uow.commit()
    assert copy(loaded)["C"][2][-1][1] == "voorgedragen"
    assert copy(loaded) == register(loaded)


def test_raw_writes_are_copied(loaded):
    with loaded.begin() as conn:
        conn.execute(text("UPDATE status_transitions SET on_date = :d WHERE person = 'D' "
                          "AND seq = 3"), {"d": date(2024, 9, 1)})
        conn.execute(text("DELETE FROM status_transitions WHERE person = 'E' AND seq = 3"))
        conn.execute(text("UPDATE persons SET target_group = 'urgent', care_provider = 'ZA2' "
                          "WHERE key = 'A'"))
    assert copy(loaded) == register(loaded)
    assert copy(loaded)["A"][:2] == ("urgent", "ZA2")
    with loaded.begin() as conn:  # a change inserted before the person's last one
        conn.execute(text("DELETE FROM status_transitions WHERE person = 'B' AND seq = 2"))
        conn.execute(text("INSERT INTO status_transitions (person, seq, source, target, "
                          "on_date, \"by\", reason) VALUES ('B', 2, 'in_voorbereiding', "
                          "'uitstroomklaar', :on, 'test', '')"), {"on": date(2023, 10, 2)})
    assert copy(loaded)["B"][2][2][0] == date(2023, 10, 2).toordinal()
    assert copy(loaded) == register(loaded)
    with loaded.begin() as conn:  # a person and their history deleted
        conn.execute(text("DELETE FROM status_transitions WHERE person = 'F'"))
        conn.execute(text("DELETE FROM persons WHERE key = 'F'"))
    assert "F" not in copy(loaded) and copy(loaded) == register(loaded)


@pytest.mark.postgres
def test_truncate_of_the_history_is_copied(loaded):
    if loaded.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with loaded.begin() as conn:
        conn.execute(text("TRUNCATE status_transitions"))
    assert copy(loaded) == register(loaded)
    assert all(changes == [] for _, _, changes in copy(loaded).values())


def test_other_codes_mean_the_register_is_read_itself(loaded):
    from woonregie.monitor import Period
    from woonregie.services.monitoring import monitor_figures
    from woonregie.store import monitor_cache

    year = Period(date(2024, 1, 1), date(2024, 12, 31))
    monitor_cache.forget()
    with UnitOfWork(loaded) as uow:
        expected = monitor_figures(uow, year).figures
    with loaded.begin() as conn:
        conn.execute(text("UPDATE monitor_codebook SET codes = 'andere,volgorde' "
                          "WHERE kind = 'status'"))
    try:
        monitor_cache.forget()
        with UnitOfWork(loaded) as uow:
            assert reads.region_summary(uow.session) is None
            assert monitor_figures(uow, year).figures == expected
    finally:
        with loaded.begin() as conn:
            conn.execute(text("UPDATE monitor_codebook SET codes = :c WHERE kind = 'status'"),
                         {"c": monitor_summary.codebook()["status"]})
