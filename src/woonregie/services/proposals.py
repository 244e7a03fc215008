"""Proposals (voordrachten): a person proposed for a dwelling.

The matching round service writes them; access.py reads them: a corporation sees a candidate
only while an open proposal links the person to one of its dwellings (and a legal basis for
bemiddeling with that corporation exists). Until the matching rounds table lands this small
table is the link; `round_id` will then name the round.
"""

from __future__ import annotations

from datetime import UTC, datetime

from woonregie.domain.errors import DomainError
from woonregie.store.security import ProposalRepository
from woonregie.store.unit_of_work import UnitOfWork

STATUSES = ("open", "aangeboden", "geaccepteerd", "afgewezen", "ingetrokken")
"""open/aangeboden/geaccepteerd keep the candidate visible to the corporation
(access.PROPOSAL_STATUSES); afgewezen (rejected) and ingetrokken (withdrawn) end that."""


def record_proposal(uow: UnitOfWork, person: str, dwelling: str, round_id: str | None = None,
                    status: str = "open") -> int:
    """Record that `person` is proposed for `dwelling` (no commit: the round's transaction)."""
    if status not in STATUSES:
        raise DomainError(f"onbekende status van voordracht: {status}")
    assert uow.session is not None
    return ProposalRepository(uow.session).add(
        person=person, dwelling=dwelling, round_id=round_id, status=status,
        created_at=datetime.now(UTC).replace(tzinfo=None),
    )


def set_proposal_status(uow: UnitOfWork, proposal_id: int, status: str) -> None:
    """Move a proposal on (e.g. afgewezen); no commit."""
    if status not in STATUSES:
        raise DomainError(f"onbekende status van voordracht: {status}")
    assert uow.session is not None
    if not ProposalRepository(uow.session).set_status(proposal_id, status):
        raise DomainError(f"voordracht {proposal_id} bestaat niet")
