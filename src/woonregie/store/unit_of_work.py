"""Unit of work: one transaction, with the repositories that work inside it.

Use as a context manager; nothing is written unless `commit()` is called, and any exception rolls
everything back (imports are atomic, every write is transactional).
"""

from __future__ import annotations

from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from woonregie.store import repositories as r
from woonregie.store.db import make_engine, session_factory


class UnitOfWork:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine()
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
