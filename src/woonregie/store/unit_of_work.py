"""Unit of work: one transaction, with the repositories that work inside it.

Use as a context manager; nothing is written unless `commit()` is called, and any exception rolls
everything back (imports are atomic, every write is transactional).

The unit of work also carries the injected clock (`uow.clock`, domain/clock.py): use cases take
"today" from it, so tests run them on a fake clock. Aggregates it handed out record domain events;
`collect_new_events` gathers them for the message bus (services/messagebus.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from woonregie.domain.clock import SYSTEM_CLOCK, Clock
from woonregie.domain.events import Event
from woonregie.store import repositories as r
from woonregie.store.db import make_engine, session_factory
from woonregie.store.match_repository import MatchRepository, PlacementRepository


class UnitOfWork:
    def __init__(self, engine: Engine | None = None, clock: Clock | None = None) -> None:
        self.engine = engine or make_engine()
        self.clock: Clock = clock or SYSTEM_CLOCK
        self._factory: sessionmaker[Session] = session_factory(self.engine)
        self.session: Session | None = None

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
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.session is not None
        self.rollback()
        self.session.close()
        self.session = None

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()
        for match in self.matches.seen.values():
            match.events.clear()  # facts of a transaction that did not happen

    def collect_new_events(self) -> Iterator[Event]:
        """Events recorded by the aggregates this unit of work handed out, oldest first."""
        yield from self.matches.collect_new_events()
