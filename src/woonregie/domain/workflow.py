"""The three-party workflow of a match (bemiddeling) as data: who takes which step, who is
waiting, how long a step may take, and what a decline does.

The steps and their order are the Match aggregate's tables (domain/match.py). This module adds
what the parties need to work them: each action (`confirm-support`, `offer`, …) is taken by one
party and leads to one step (`ACTIONS`); in each live step one party is waiting to act
(`WAITING_FOR`); each step may have a deadline, after which the match is stalled (vastgelopen);
and a decline carries a reason from the region's list (`DeclineReason`), whose settings decide
the pause before the person is matched again and whether their urgency lapses. All of it is
configuration — the region's own deadlines and reasons are stored and edited by the regisseur —
so a local rule ("urgency lapses after a refusal without a valid reason") is a row, not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from woonregie.domain.match import LIVE, MatchStep
from woonregie.domain.vocabulary import Vocabulary

M = MatchStep


class Party(Vocabulary):
    """A party to the workflow (partij): who acts, who waits, who declined."""

    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    CORPORATIE = "corporatie", "Woningcorporatie"
    GEMEENTE = "gemeente", "Gemeente (regisseur)"


class Decliner(Vocabulary):
    """Who declines for a reason (weigering door)."""

    PERSOON = "persoon", "Persoon"
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    CORPORATIE = "corporatie", "Woningcorporatie"


class MatchAction(Vocabulary):
    """An action on a match (handeling); the code is the API's path segment."""

    CONFIRM_SUPPORT = "confirm-support", "Begeleiding bevestigen"
    OFFER = "offer", "Woning aanbieden"
    VIEWING = "viewing", "Bezichtiging vastleggen"
    ACCEPT = "accept", "Aanbod geaccepteerd"
    DECLINE = "decline", "Aanbod geweigerd"
    REFUSE = "refuse", "Kandidaat afwijzen"
    WITHDRAW = "withdraw", "Bemiddeling intrekken"
    SIGN = "sign", "Huurcontract getekend"


@dataclass(frozen=True, slots=True)
class ActionRule:
    target: MatchStep
    party: Party


ACTIONS: dict[MatchAction, ActionRule] = {
    MatchAction.CONFIRM_SUPPORT: ActionRule(M.BEGELEIDING_BEVESTIGD, Party.ZORGAANBIEDER),
    MatchAction.OFFER: ActionRule(M.AANGEBODEN, Party.CORPORATIE),
    MatchAction.VIEWING: ActionRule(M.BEZICHTIGD, Party.CORPORATIE),
    MatchAction.ACCEPT: ActionRule(M.GEACCEPTEERD, Party.ZORGAANBIEDER),
    MatchAction.DECLINE: ActionRule(M.GEWEIGERD, Party.ZORGAANBIEDER),
    MatchAction.REFUSE: ActionRule(M.AFGEWEZEN_DOOR_CORPORATIE, Party.CORPORATIE),
    MatchAction.WITHDRAW: ActionRule(M.INGETROKKEN, Party.GEMEENTE),
    MatchAction.SIGN: ActionRule(M.CONTRACT_GETEKEND, Party.CORPORATIE),
}
"""Each action: the step it leads to and the one party that takes it. The caseworker records
the person's own answer (accept, decline): the person has no account."""

DECLINER_OF: dict[MatchAction, frozenset[Decliner]] = {
    MatchAction.DECLINE: frozenset({Decliner.PERSOON, Decliner.ZORGAANBIEDER}),
    MatchAction.REFUSE: frozenset({Decliner.CORPORATIE}),
}
"""Which reasons of the list an action may give."""

WAITING_FOR: dict[MatchStep, Party] = {
    M.VOORGESTELD: Party.ZORGAANBIEDER,  # to confirm the support plan
    M.BEGELEIDING_BEVESTIGD: Party.CORPORATIE,  # to make the offer
    M.AANGEBODEN: Party.CORPORATIE,  # to hold and record the viewing
    M.BEZICHTIGD: Party.ZORGAANBIEDER,  # the person's answer
    M.GEACCEPTEERD: Party.CORPORATIE,  # to sign the tenancy
}
"""Who the match waits for in each live step (their "wacht op mij" list)."""
assert set(WAITING_FOR) == set(LIVE)

DEFAULT_DEADLINES: dict[str, int | None] = {
    str(M.VOORGESTELD): 10,
    str(M.BEGELEIDING_BEVESTIGD): 10,
    str(M.AANGEBODEN): 14,
    str(M.BEZICHTIGD): 7,
    str(M.GEACCEPTEERD): 14,
}
"""Days a match may stay in a step before it is stalled (None: no deadline), until the region
sets its own."""


def actions_at(step: MatchStep) -> list[MatchAction]:
    """The actions the step allows (by anyone), in the workflow's order."""
    from woonregie.domain.match import ALLOWED

    return [a for a, rule in ACTIONS.items() if rule.target in ALLOWED.get(step, ())]


def deadline_of(step: MatchStep | str, since: date,
                deadlines: Mapping[str, int | None]) -> date | None:
    """The last day the match may stay in `step` without being stalled, None if no deadline."""
    days = deadlines.get(str(step))
    if days is None or step not in LIVE:
        return None
    return since + timedelta(days=days)


def is_stalled(step: MatchStep | str, since: date, deadlines: Mapping[str, int | None],
               on: date) -> bool:
    """A live match is stalled (vastgelopen) on `on` when it has been in its step for longer
    than the step's deadline (the monitor's rule, monitor/workflow.stalled)."""
    last = deadline_of(step, since, deadlines)
    return last is not None and on > last


@dataclass(frozen=True, slots=True)
class DeclineReason:
    """A reason to decline a match (weigerreden), as the region configures it."""

    code: str
    label: str
    declined_by: Decliner
    pause_days: int = 0  # days before the person is matched again (geparkeerd tot)
    urgency_lapses: bool = False  # the person's urgency lapses after this decline
    needs_approval: bool = False  # the lapse waits for the regisseur's approval
    active: bool = True

    def parked_until(self, on: date) -> date | None:
        return on + timedelta(days=self.pause_days) if self.pause_days > 0 else None


D = Decliner
DEFAULT_REASONS: tuple[DeclineReason, ...] = (
    DeclineReason("past_niet_bij_zorg", "Woning past niet bij zorgbehoefte", D.ZORGAANBIEDER),
    DeclineReason("buurt_onveilig", "Buurt onveilig voor persoon", D.ZORGAANBIEDER),
    DeclineReason("te_ver_van_netwerk", "Te ver van netwerk", D.PERSOON, 30),
    DeclineReason("huur_te_hoog", "Huur te hoog", D.PERSOON),
    DeclineReason("niet_bereikbaar", "Persoon niet bereikbaar", D.PERSOON, 30),
    DeclineReason("weigert_zonder_reden", "Persoon weigert zonder reden", D.PERSOON, 90,
                  urgency_lapses=True, needs_approval=True),
    DeclineReason("huurverleden", "Corporatie: huurverleden", D.CORPORATIE, 30),
    DeclineReason("woning_niet_beschikbaar", "Corporatie: woning niet meer beschikbaar",
                  D.CORPORATIE),
)
"""The shipped list (a new region starts with it; the regisseur edits it on /weigerredenen)."""


class LapseState(Vocabulary):
    """What happens to the person's urgency after a decline (urgentie vervalt)."""

    GEEN = "geen", "Geen gevolg"
    TE_BEOORDELEN = "te_beoordelen", "Vervalt na goedkeuring regisseur"
    VERVALLEN = "vervallen", "Vervallen"
    GEHANDHAAFD = "gehandhaafd", "Gehandhaafd door regisseur"


@dataclass(frozen=True, slots=True)
class PauseTerms:
    """What a decline does to the person: parked until a day, urgency lapsing or not."""

    until: date | None
    lapse: LapseState


def pause_terms(reason: DeclineReason, on: date, legal_urgency: bool) -> PauseTerms:
    """The pause and urgency lapse a decline for `reason` on `on` gives a person."""
    if not (reason.urgency_lapses and legal_urgency):
        lapse = LapseState.GEEN
    elif reason.needs_approval:
        lapse = LapseState.TE_BEOORDELEN
    else:
        lapse = LapseState.VERVALLEN
    return PauseTerms(reason.parked_until(on), lapse)
