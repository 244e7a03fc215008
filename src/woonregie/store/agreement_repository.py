"""Repository of three-party agreements (driepartijenovereenkomsten) as generated, and of the
gemeenten's own templates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, insert, select, update
from sqlalchemy.orm import Session

from woonregie.store import tables as t

A = t.TenancyAgreementRow


class AgreementDocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, match_key: str, person: str, corporation: str, care_provider: str,
            gemeente: str, generated_on: date, html: str) -> None:
        self.session.execute(insert(A).values(
            match_key=match_key, person=person, corporation=corporation,
            care_provider=care_provider, gemeente=gemeente, generated_on=generated_on,
            html=html))

    def get(self, match_key: str) -> A | None:
        return self.session.get(A, match_key)

    def find(self, where: Iterable[ColumnElement[bool]], limit: int = 200) -> list[A]:
        q = (select(A).where(*where).order_by(A.generated_on.desc(), A.match_key)
             .limit(limit))
        return list(self.session.scalars(q))

    # --- templates ----------------------------------------------------------------------

    def template(self, gemeente: str) -> str | None:
        row = self.session.get(t.AgreementTemplateRow, gemeente)
        return row.body if row is not None else None

    def set_template(self, gemeente: str, body: str, by: str, at: datetime) -> None:
        T = t.AgreementTemplateRow
        done = self.session.execute(update(T).where(T.gemeente == gemeente)
                                    .values(body=body, updated_by=by, updated_at=at))
        if done.rowcount == 0:
            self.session.execute(insert(T).values(gemeente=gemeente, body=body, updated_by=by,
                                                  updated_at=at))

    def drop_template(self, gemeente: str) -> bool:
        T = t.AgreementTemplateRow
        return self.session.execute(delete(T).where(T.gemeente == gemeente)).rowcount == 1


def visible_to(*, corporation: str | None = None, care_provider: str | None = None,
               gemeente: str | None = None) -> ColumnElement[bool]:
    """The agreements one party may read: its own side of them."""
    if corporation is not None:
        return A.corporation == corporation
    if care_provider is not None:
        return A.care_provider == care_provider
    return A.gemeente == (gemeente or "")
