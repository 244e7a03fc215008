"""The database's compact copies for the monitor (migration 0017) stay equal to the register
under every kind of write: the match step histories (store/monitor_steps.py) and the dwellings
per buurt and corporation (store/monitor_stock.py); ORM saves, raw inserts, updates and
deletes, a statement inserting several changes of one match, TRUNCATE; and the monitor reads
the register itself when the copy's step codes are not the program's."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import text

from tests.monitor import region as r
from woonregie.domain.match import Match, MatchStep, MatchTransition
from woonregie.monitor.workflow import STEPS
from woonregie.services.region import write_region
from woonregie.store import monitor_reads as reads
from woonregie.store import monitor_steps, monitor_stock
from woonregie.store.unit_of_work import UnitOfWork

V, G, A = MatchStep.VOORGESTELD, MatchStep.GEWEIGERD, MatchStep.AFGEWEZEN_DOOR_CORPORATIE


def step(source, target, on, reason_code=None):
    details = {"reason_code": reason_code} if reason_code is not None else {}
    return MatchTransition(source, target, date.fromisoformat(on), "t", "", details)


MATCHES = [
    Match("M-1", "A", "W-BU01-WC1-1", None, MatchStep.CONTRACT_GETEKEND, [
        step(None, V, "2024-06-01"), step(V, MatchStep.CONTRACT_GETEKEND, "2024-06-15")]),
    Match("M-2", "A", "W-BU01-WC1-2", None, A, [
        step(None, V, "2024-09-01"), step(V, A, "2024-09-21", "huurverleden")]),
    Match("M-3", "B", "W-BU01-WC1-1", None, G, [
        step(None, V, "2024-01-10"), step(V, G, "2024-01-15", "")]),  # a decline without code
    Match("M-4", "D", "W-BU01-WC1-2", None, V, [step(None, V, "2024-10-01")]),
]


@pytest.fixture
def loaded(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, r.domain_region())
        uow.matches.add_all(MATCHES)
        uow.commit()
    return engine


def changes(steps, person, keys) -> dict:
    """Per match (its person's key): its changes as (day, step, reason) in order."""
    out: dict = {}
    for i in range(len(steps.match)):
        key = (int(steps.match[i]), keys[int(person[i])])
        out.setdefault(key, []).append((int(steps.day[i]), str(STEPS[steps.target[i]]),
                                        steps.reason[i]))
    return Counter((who, tuple(rows)) for (_, who), rows in out.items())


def both(engine):
    """The steps from the copy and from match_transitions, in comparable form."""
    with UnitOfWork(engine) as uow:
        persons = reads.region_persons(uow.session)
        assert monitor_steps.usable(uow.session)
        copied = reads._steps_summary(uow.session, persons)
        read = reads._region_steps(uow.session, persons)
    assert copied is not None
    return changes(*copied, persons.keys), changes(*read, persons.keys)


def stock(engine):
    with engine.connect() as conn:
        counted = conn.execute(text("SELECT buurt, corporation, count(*) FROM dwellings "
                                    "GROUP BY buurt, corporation")).all()
        kept = monitor_stock.counts(conn)
    return sorted(map(tuple, kept)), sorted(map(tuple, counted))


def test_the_copies_equal_the_register(loaded):
    copied, read = both(loaded)
    assert copied == read
    assert sum(copied.values()) == len(MATCHES)
    declined = [rows for (who, rows) in copied if who == "B"][0]
    assert declined[-1][1:] == ("geweigerd", "")
    kept, counted = stock(loaded)
    assert kept == counted and sum(n for *_, n in kept) == len(r.domain_region().dwellings)


def test_raw_writes_are_copied(loaded):
    with loaded.begin() as conn:
        conn.execute(text("UPDATE match_transitions SET on_date = :d WHERE match_key = 'M-1' "
                          "AND seq = 1"), {"d": date(2024, 6, 20)})
        conn.execute(text("DELETE FROM match_transitions WHERE match_key = 'M-2' AND seq = 1"))
        conn.execute(text("INSERT INTO match_transitions (match_key, seq, source, target, "
                          "on_date, \"by\", reason, details) VALUES ('M-4', 1, 'voorgesteld', "
                          "'geweigerd', :d, 't', '', :x)"),
                     {"d": date(2024, 10, 9), "x": '{"reason_code": "te_ver_van_netwerk"}'})
        conn.execute(text("UPDATE matches SET person = 'C' WHERE key = 'M-3'"))
    copied, read = both(loaded)
    assert copied == read
    assert any(who == "D" and rows[-1][2] == "te_ver_van_netwerk" for who, rows in copied)
    with loaded.begin() as conn:  # a change inserted before the match's last one
        conn.execute(text("DELETE FROM match_transitions WHERE match_key = 'M-1' AND seq = 0"))
        conn.execute(text("INSERT INTO match_transitions (match_key, seq, source, target, "
                          "on_date, \"by\", reason) VALUES ('M-1', 0, NULL, 'voorgesteld', "
                          ":d, 't', '')"), {"d": date(2024, 5, 30)})
        conn.execute(text("DELETE FROM match_transitions WHERE match_key = 'M-4'"))
        conn.execute(text("DELETE FROM matches WHERE key = 'M-4'"))
    assert both(loaded)[0] == both(loaded)[1]


def test_several_changes_of_one_match_in_one_statement(loaded):
    with loaded.begin() as conn:
        conn.execute(text("INSERT INTO matches (key, person, dwelling, step, live, opened_on, "
                          "version) VALUES ('M-5', 'E', 'W-BU01-WC1-1', "
                          "'afgewezen_door_corporatie', :f, :d, 1)"),
                     {"f": False, "d": date(2024, 3, 1)})
        conn.execute(text(
            "INSERT INTO match_transitions (match_key, seq, source, target, on_date, \"by\", "
            "reason, details) VALUES ('M-5', 0, NULL, 'voorgesteld', :a, 't', '', NULL), "
            "('M-5', 1, 'voorgesteld', 'aangeboden', :b, 't', '', NULL), "
            "('M-5', 2, 'aangeboden', 'afgewezen_door_corporatie', :c, 't', '', :x)"),
            {"a": date(2024, 3, 1), "b": date(2024, 3, 5), "c": date(2024, 3, 9),
             "x": '{"reason_code": "huurverleden"}'})
    copied, read = both(loaded)
    assert copied == read
    assert [len(rows) for who, rows in copied if who == "E"] == [3]


def test_dwelling_writes_are_counted(loaded):
    with loaded.begin() as conn:
        conn.execute(text("UPDATE dwellings SET buurt = 'BU02' WHERE code = 'W-BU01-WC1-1'"))
        conn.execute(text("UPDATE dwellings SET rent = rent + 1"))  # no move: counts stay
        conn.execute(text("DELETE FROM dwellings WHERE code NOT IN (SELECT dwelling FROM "
                          "matches) AND code NOT IN (SELECT dwelling FROM placements) "
                          "AND buurt = 'BU02'"))
    kept, counted = stock(loaded)
    assert kept == counted


@pytest.mark.postgres
def test_truncate_is_copied(loaded):
    if loaded.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with loaded.begin() as conn:
        conn.execute(text("TRUNCATE match_transitions"))
    copied, read = both(loaded)
    assert copied == read and all(rows == () for _, rows in copied)
    with loaded.begin() as conn:
        conn.execute(text("TRUNCATE dwellings CASCADE"))
    assert stock(loaded) == ([], [])


def test_other_step_codes_mean_the_register_is_read_itself(loaded):
    from woonregie.monitor import Period
    from woonregie.services.monitoring import monitor_figures
    from woonregie.store import monitor_cache

    year = Period(date(2024, 1, 1), date(2024, 12, 31))
    monitor_cache.forget()
    with UnitOfWork(loaded) as uow:
        expected = monitor_figures(uow, year, only=["bemiddeling"]).figures
    assert expected["bemiddeling"]["weigeringen"]["per_reden"] == {"huurverleden": 1,
                                                                   "onbekend": 1}
    with loaded.begin() as conn:
        conn.execute(text("UPDATE monitor_codebook SET codes = 'andere,volgorde' "
                          "WHERE kind = 'stap'"))
    try:
        monitor_cache.forget()
        with UnitOfWork(loaded) as uow:
            assert not monitor_steps.usable(uow.session)
            assert monitor_figures(uow, year, only=["bemiddeling"]).figures == expected
    finally:
        with loaded.begin() as conn:
            conn.execute(text("UPDATE monitor_codebook SET codes = :c WHERE kind = 'stap'"),
                         {"c": monitor_steps.codes()})
