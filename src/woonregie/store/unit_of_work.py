"""Unit of work: one transaction, with the repositories that work inside it.

Use as a context manager; nothing is written unless `commit()` is called, and any exception rolls
everything back (imports are atomic, every write is transactional).

The unit of work also carries the injected clock (`uow.clock`, domain/clock.py): use cases take
"today" from it, so tests run them on a fake clock. Aggregates it handed out record domain events;
`collect_new_events` gathers them for the message bus (services/messagebus.py).

Work that must come last in a transaction registers with `at_commit`: it runs inside the
transaction, right before COMMIT, so the locks it takes are the last ones taken. The audit chain
appends this way (services/audit.py): its one global lock is held only for the append, and never
while the transaction waits for a row lock (the lock order in README "Concurrency").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from woonregie.domain.clock import SYSTEM_CLOCK, Clock
from woonregie.domain.events import Event
from woonregie.store import repositories as r
from woonregie.store.db import make_engine, session_factory
from woonregie.store.match_repository import MatchRepository, PlacementRepository
from woonregie.store.signal_repository import SignalRepository


class UnitOfWork:
    def __init__(self, engine: Engine | None = None, clock: Clock | None = None) -> None:
        self.engine = engine or make_engine()
        self.clock: Clock = clock or SYSTEM_CLOCK
        self._factory: sessionmaker[Session] = session_factory(self.engine)
        self.session: Session | None = None
        self._at_commit: dict[str, tuple[Callable[[UnitOfWork, list[Any]], None], list[Any]]] = {}

    def __enter__(self) -> Self:
        self.session = s = self._factory()
        self.areas = r.area_repository(s)
        self.organisations = r.organisation_repository(s)
        self.teams = r.team_repository(s)
        self.complexes = r.complex_repository(s)
        self.dwellings = r.DwellingRepository(s)
        self.persons = r.PersonRepository(s)
        self.agreements = r.AgreementRepository(s)
        self.matches = MatchRepository(s)
        self.placements = PlacementRepository(s)
        self.signals = SignalRepository(s)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.session is not None
        self.rollback()
        self.session.close()
        self.session = None

    def at_commit(self, name: str, item: Any,
                  flush: Callable[[UnitOfWork, list[Any]], None]) -> None:
        """Queue `item` under `name`; at commit, `flush(uow, items)` runs once for the queue,
        as the transaction's last work. A rollback drops the queue with the rest."""
        self._at_commit.setdefault(name, (flush, []))[1].append(item)

    def commit(self) -> None:
        assert self.session is not None
        while self._at_commit:
            name = next(iter(self._at_commit))
            flush, items = self._at_commit.pop(name)
            flush(self, items)
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self._at_commit.clear()
        self.session.rollback()
        for match in self.matches.seen.values():
            match.events.clear()  # facts of a transaction that did not happen
        for signal in self.signals.seen.values():
            signal.events.clear()

    def collect_new_events(self) -> Iterator[Event]:
        """Events recorded by the aggregates this unit of work handed out, oldest first."""
        yield from self.matches.collect_new_events()
        yield from self.signals.collect_new_events()
