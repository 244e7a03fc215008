"""Unit of work: one transaction, with the repositories that work inside it.

Use as a context manager; nothing is written unless `commit()` is called, and any exception rolls
everything back (imports are atomic, every write is transactional).

Work that must come last in a transaction registers with `at_commit`: it runs inside the
transaction, right before COMMIT, so the locks it takes are the last ones taken. The audit chain
appends this way (services/audit.py): its one global lock is held only for the append, and never
while the transaction waits for a row lock (the lock order in README "Concurrency").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from woonregie.store import repositories as r
from woonregie.store.db import make_engine, session_factory


class UnitOfWork:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine()
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
