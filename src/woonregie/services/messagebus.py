"""The message bus (berichtenbus): hands domain events to their handlers (Cosmic Python, ch. 8).

Aggregates record events; the unit of work collects them; `commit` gives each to the handlers
in the two tables of services/handlers.py:

- `IN_TRANSACTION` handlers run before the database commit, in the same transaction as the
  change that raised the event: an audit entry or a placement must land together with the
  change or not at all (the privacy rule "every write audited" allows no gap). Events they
  raise in turn are handled in the same loop.
- `AFTER_COMMIT` handlers run once the change is durable (notifications, escalation next):
  work that must not happen for a change that was rolled back.

Handlers take (event, unit of work, acting principal); the table is data, so adding a reaction
to an event is one line, not a change to the use case.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

from woonregie.domain.events import Event
from woonregie.services.access import Principal
from woonregie.services.handlers import AFTER_COMMIT, IN_TRANSACTION, Handler
from woonregie.store.unit_of_work import UnitOfWork

Table = Mapping[type[Event], Sequence[Handler]]


def publish(uow: UnitOfWork, actor: Principal, table: Table) -> list[Event]:
    """Hand every event recorded so far (and any its handlers record) to `table`'s handlers."""
    handled: list[Event] = []
    queue = deque(uow.collect_new_events())
    while queue:
        event = queue.popleft()
        for handler in table.get(type(event), ()):
            handler(event, uow, actor)
        handled.append(event)
        queue.extend(uow.collect_new_events())
    return handled


def commit(uow: UnitOfWork, actor: Principal) -> list[Event]:
    """Handle the recorded events in the transaction, commit, then run after-commit handlers."""
    handled = publish(uow, actor, IN_TRANSACTION)
    uow.commit()
    for event in handled:
        for handler in AFTER_COMMIT.get(type(event), ()):
            handler(event, uow, actor)
    return handled
