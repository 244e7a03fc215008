"""Retention (bewaartermijn) and erasure on request (recht op vergetelheid, AVG art. 17).

Closed records are purged once their retention period has passed; a person can be erased on
request at any time except while proposed for a dwelling (withdraw the match first, so no
dwelling is left claimed by nobody). Every removal is audited by pseudonymous key only: the audit
log must keep proving what happened without keeping the data it was about.
"""

from __future__ import annotations

from datetime import date, timedelta

from woonregie.domain.errors import DomainError
from woonregie.domain.status import PersonStatus
from woonregie.services import audit
from woonregie.services.access import Principal
from woonregie.store.unit_of_work import UnitOfWork

DEFAULT_RETENTION_DAYS = 2 * 365
"""Two years after closure: long enough for the 24-month returns monitor (design.md) to see a
return to care; a gemeente sets its own period in its privacy statement (`--days`)."""

CLOSED = (PersonStatus.AFGESLOTEN, PersonStatus.UITGESCHREVEN)


class ErasureRefused(DomainError):
    """The person cannot be erased now; the message says why and what to do first."""


def purge_closed(
    uow: UnitOfWork, actor: Principal, today: date | None = None,
    days: int = DEFAULT_RETENTION_DAYS, dry_run: bool = False,
) -> list[str]:
    """Erase closed persons whose last status change is `days` or more before `today` (the
    unit of work's clock unless given)."""
    if days < 0:
        raise DomainError("bewaartermijn kan niet negatief zijn")
    today = today or uow.clock.today()
    keys = uow.persons.closed_before([str(s) for s in CLOSED], today - timedelta(days=days))
    if dry_run:
        return keys
    for key in keys:
        uow.persons.delete(key)
        audit.record(uow, actor, "erase", "person", key,
                     {"reason": "bewaartermijn verstreken", "days": days})
    uow.commit()
    return keys


def erase_person(uow: UnitOfWork, actor: Principal, key: str, reason: str) -> None:
    """Erase one person on request; the reason is recorded in the audit log."""
    if not reason.strip():
        raise ErasureRefused("een reden is verplicht")
    person = uow.persons.get(key)
    if person is None:
        raise ErasureRefused(f"persoon {key} niet gevonden")
    if person.status == PersonStatus.VOORGEDRAGEN:
        raise ErasureRefused(
            f"persoon {key} is voorgedragen voor een woning: "
            "trek de voordracht (bemiddeling) eerst in"
        )
    uow.persons.delete(key)
    audit.record(uow, actor, "erase", "person", key, {"reason": reason.strip()})
    uow.commit()
