"""Signals (signalering): early warning about a tenant housed through Woonregie.

A corporation raises a signal about a running placement (huurachterstand with amount and months,
overlast, zorgmijding, woningvervuiling, anders). Under the three-party agreement — the tenant's
consent for signal exchange with that corporation — it goes to the responsible zorgaanbieder,
who must acknowledge it within a number of days and record an action; a signal left
unacknowledged past that date escalates to the regisseur. Without consent the signal goes to the
gemeente only (as the early-warning rules for rent arrears do). Every signal ends closed, with an
outcome.

The statuses and their moves are data on the shared state-machine helper; `action` (what the
care provider does) is a care detail: the corporation's view never carries it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.domain.events import Event
from woonregie.domain.state_machine import Rule, StateMachine
from woonregie.domain.vocabulary import Vocabulary


class SignalKind(Vocabulary):
    """What the corporation signals (soort signaal)."""

    HUURACHTERSTAND = "huurachterstand", "Huurachterstand"  # rent arrears: amount and months
    OVERLAST = "overlast", "Overlast"  # nuisance
    ZORGMIJDING = "zorgmijding", "Zorgmijding"  # the tenant avoids care
    WONINGVERVUILING = "woningvervuiling", "Woningvervuiling"  # the dwelling is neglected
    ANDERS = "anders", "Anders"  # other


class SignalStatus(Vocabulary):
    """Where a signal is (status van het signaal)."""

    GEMELD = "gemeld", "Gemeld, wacht op reactie"  # raised, waiting for the recipient
    BEVESTIGD = "bevestigd", "Bevestigd, actie vastgelegd"  # acknowledged with an action
    GEESCALEERD = "geescaleerd", "Geëscaleerd naar de regisseur"  # not acknowledged in time
    GESLOTEN = "gesloten", "Gesloten"  # closed with an outcome


class SignalOutcome(Vocabulary):
    """How a signal ended (uitkomst)."""

    OPGELOST = "opgelost", "Opgelost"
    BETALINGSREGELING = "betalingsregeling", "Betalingsregeling getroffen"
    SCHULDHULP = "schuldhulp", "Doorverwezen naar schuldhulpverlening"
    HUISUITZETTING_VOORKOMEN = "huisuitzetting_voorkomen", "Huisuitzetting voorkomen"
    HUISUITZETTING = "huisuitzetting", "Huisuitzetting"


class SignalRoute(Vocabulary):
    """Whom a signal goes to (route), decided by the consent in the three-party agreement."""

    ZORGAANBIEDER = "zorgaanbieder", "Naar de zorgaanbieder (toestemming gegeven)"
    GEMEENTE = "gemeente", "Alleen naar de gemeente (geen toestemming)"


G = SignalStatus

ALLOWED: dict[SignalStatus, frozenset[SignalStatus]] = {
    G.GEMELD: frozenset({G.BEVESTIGD, G.GEESCALEERD, G.GESLOTEN}),
    G.GEESCALEERD: frozenset({G.BEVESTIGD, G.GESLOTEN}),
    G.BEVESTIGD: frozenset({G.GESLOTEN}),
    G.GESLOTEN: frozenset(),
}

NEEDS_REASON = frozenset({G.BEVESTIGD})
"""Acknowledging means recording an action: the machine's reason is that action."""

MACHINE: StateMachine[SignalStatus] = StateMachine(ALLOWED, NEEDS_REASON, "het signaal")

OPEN = frozenset(s for s, targets in ALLOWED.items() if targets)
"""Statuses of signals not yet closed."""

ACKNOWLEDGE_DAYS: dict[SignalKind, int] = {
    SignalKind.HUURACHTERSTAND: 5,
    SignalKind.OVERLAST: 3,
    SignalKind.ZORGMIJDING: 5,
    SignalKind.WONINGVERVUILING: 5,
    SignalKind.ANDERS: 10,
}
"""Default days the recipient has to acknowledge (a gemeente may set its own, store table
`signal_rules`); the three-party agreement prints the days that apply."""

ARREARS_MAX = Decimal("100000")


class SignalRefused(DomainError):
    """Input a signal cannot be raised or moved with; names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class SignalConflict(DomainError):
    """The move is not possible from the signal's status (HTTP 409), e.g. closing it twice."""


@dataclass(frozen=True, slots=True)
class SignalRaised(Event):
    signal: str
    person: str
    kind: str
    route: str
    recipient: str


@dataclass(frozen=True, slots=True)
class SignalMoved(Event):
    """Acknowledged, escalated or closed."""

    signal: str
    person: str
    source: str
    target: str
    on: date
    by: str


@dataclass(frozen=True, slots=True)
class Arrears:
    """A rent arrear (huurachterstand): amount in euro and whole months."""

    amount: Decimal
    months: int

    def __post_init__(self) -> None:
        if not Decimal("0") < self.amount <= ARREARS_MAX:
            raise SignalRefused("amount", "het bedrag moet groter dan 0 en ten hoogste "
                                "100.000 euro zijn")
        if not 1 <= self.months <= 120:
            raise SignalRefused("months", "het aantal maanden moet tussen 1 en 120 liggen")


@dataclass(slots=True)
class Signal:
    """A signal (signaal) about one placement, from one corporation to one recipient."""

    key: str
    person: str
    dwelling: str
    corporation: str
    care_provider: str
    gemeente: str  # area code of the placement's gemeente
    route: SignalRoute
    recipient: str  # organisation code: the zorgaanbieder, or the gemeente without consent
    kind: SignalKind
    raised_on: date
    raised_by: str
    due_on: date
    note: str = ""
    arrears: Arrears | None = None
    status: SignalStatus = G.GEMELD
    action: str = ""  # care detail: what the recipient does; never shown to the corporation
    acknowledged_on: date | None = None
    acknowledged_by: str | None = None
    escalated_on: date | None = None
    outcome: SignalOutcome | None = None
    closed_on: date | None = None
    closed_by: str | None = None
    events: list[Event] = field(default_factory=list)

    @classmethod
    def raise_(cls, key: str, *, person: str, dwelling: str, corporation: str,
               care_provider: str, gemeente: str, gemeente_org: str, consent: bool,
               kind: SignalKind, on: date, by: str, acknowledge_days: int, note: str = "",
               arrears: Arrears | None = None) -> Signal:
        """Raise a signal; the consent decides the route (zorgaanbieder, else gemeente)."""
        if kind is SignalKind.HUURACHTERSTAND and arrears is None:
            raise SignalRefused("amount", "bij een huurachterstand zijn bedrag en maanden "
                                "verplicht")
        if kind is not SignalKind.HUURACHTERSTAND and arrears is not None:
            raise SignalRefused("amount", "een bedrag hoort alleen bij een huurachterstand")
        if kind is SignalKind.ANDERS and not note.strip():
            raise SignalRefused("note", "beschrijf bij 'anders' wat er aan de hand is")
        route = SignalRoute.ZORGAANBIEDER if consent else SignalRoute.GEMEENTE
        recipient = care_provider if consent else gemeente_org
        signal = cls(key, person, dwelling, corporation, care_provider, gemeente, route,
                     recipient, kind, on, by, on + timedelta(days=acknowledge_days), note,
                     arrears)
        signal.events.append(SignalRaised(key, person, str(kind), str(route), recipient))
        return signal

    @property
    def open(self) -> bool:
        return self.status in OPEN

    @property
    def last_on(self) -> date:
        return max(d for d in (self.raised_on, self.acknowledged_on, self.escalated_on,
                               self.closed_on) if d is not None)

    def overdue(self, on: date) -> bool:
        """Waiting for the recipient past the date it had to acknowledge by."""
        return self.status in (G.GEMELD, G.GEESCALEERD) and on > self.due_on

    def days_waiting(self, on: date) -> int:
        return max(0, (on - self.raised_on).days) if self.acknowledged_on is None else 0

    def _move(self, target: SignalStatus, on: date, by: str, reason: str = "") -> None:
        try:
            MACHINE.check(self.status, target, on, self.last_on, reason)
        except IllegalTransition as exc:
            if exc.rule == Rule.REASON_MISSING:
                raise SignalRefused("action", "leg vast welke actie u onderneemt") from None
            if exc.rule == Rule.DATE_BEFORE_LAST:
                raise SignalRefused("on", str(exc)) from None
            raise SignalConflict(f"Dit kan niet meer: {exc}") from None
        source, self.status = self.status, target
        self.events.append(SignalMoved(self.key, self.person, str(source), str(target), on, by))

    def acknowledge(self, on: date, by: str, action: str) -> None:
        """The recipient confirms it has seen the signal and records what it does."""
        self._move(G.BEVESTIGD, on, by, action)
        self.action, self.acknowledged_on, self.acknowledged_by = action.strip(), on, by

    def escalate(self, on: date, by: str) -> bool:
        """Past the acknowledgement date without an answer from the care provider: to the
        regisseur. False when there is nothing to escalate (idempotent for a periodic task)."""
        if self.status is not G.GEMELD or self.route is not SignalRoute.ZORGAANBIEDER:
            return False
        if not self.overdue(on):
            return False
        self._move(G.GEESCALEERD, on, by)
        self.escalated_on = on
        return True

    def close(self, on: date, by: str, outcome: SignalOutcome) -> None:
        self._move(G.GESLOTEN, on, by)
        self.outcome, self.closed_on, self.closed_by = outcome, on, by
