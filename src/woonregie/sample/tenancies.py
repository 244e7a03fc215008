"""Matches and placements that agree with the sample's status histories.

Every person the walk left `voorgedragen` gets a live match (bemiddeling) with one of the
`voorgedragen` dwellings, opened on the date of that move; every move into `gehuisvest` in a
history is a placement (verhuring) in a `verhuurd` dwelling starting that day, ended by a later
relapse (terug in zorg), so the monitor has lettings to count. Own random stream, so the rest of
the region does not change with it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from woonregie.domain.enums import DwellingStatus
from woonregie.domain.match import Match, MatchStep, MatchTransition
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.placement import EndReason, Placement
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import DEFAULT_REASONS, pause_terms

S = PersonStatus


WALK = (MatchStep.VOORGESTELD, MatchStep.BEGELEIDING_BEVESTIGD, MatchStep.AANGEBODEN,
        MatchStep.BEZICHTIGD, MatchStep.GEACCEPTEERD)
"""The live steps in order: the sample's live matches are spread over them."""


def _details(step: MatchStep, person: Person, on: date) -> dict[str, str]:
    if step == MatchStep.BEGELEIDING_BEVESTIGD:
        return {"intensity": str(person.support_intensity), "team": person.support_team or "",
                "support_start": (on + timedelta(days=21)).isoformat(),
                "contact": f"Trajectbegeleider {person.care_provider}"}
    if step == MatchStep.AANGEBODEN:
        return {"viewing_date": (on + timedelta(days=5)).isoformat(),
                "start": (on + timedelta(days=21)).isoformat()}
    return {}


def live_matches(persons: list[Person], dwellings: list[Dwelling], prefix: str,
                 today: date | None = None) -> list[Match]:
    """Pair each voorgedragen person with a voorgedragen dwelling (as many as there are); the
    matches are spread over the workflow's live steps, each step a few days after the last
    (never after `today`), with the details a step records, so every step has matches."""
    offered = [d for d in dwellings if d.status == DwellingStatus.VOORGEDRAGEN]
    proposed = [p for p in persons if p.status == S.VOORGEDRAGEN]
    out = []
    for n, (person, dwelling) in enumerate(zip(proposed, offered, strict=False)):
        last = person.history[-1]
        history = [MatchTransition(None, MatchStep.VOORGESTELD, last.on, last.by,
                                   last.reason or "voordracht uit de voorgeschiedenis")]
        on = last.on
        for source, target in zip(WALK, WALK[1:n % len(WALK) + 1], strict=False):
            on = min(on + timedelta(days=3 + n % 5), today or on + timedelta(days=30))
            history.append(MatchTransition(source, target, on, "sample",
                                           details=_details(target, person, on)))
        out.append(Match(f"M-{prefix}{n + 1:05d}", person.key, dwelling.code, None,
                         history[-1].target, history))
    return out


DECLINES = (
    # (how far the match got, the step that ended it, the reason's code, who declined)
    ((MatchStep.BEGELEIDING_BEVESTIGD, MatchStep.AANGEBODEN), MatchStep.GEWEIGERD,
     "te_ver_van_netwerk", "persoon"),
    ((MatchStep.BEGELEIDING_BEVESTIGD, MatchStep.AANGEBODEN, MatchStep.BEZICHTIGD),
     MatchStep.GEWEIGERD, "huur_te_hoog", "persoon"),
    ((), MatchStep.GEWEIGERD, "past_niet_bij_zorg", "zorgaanbieder"),
    ((MatchStep.BEGELEIDING_BEVESTIGD,), MatchStep.AFGEWEZEN_DOOR_CORPORATIE, "huurverleden",
     "corporatie"),
    ((MatchStep.BEGELEIDING_BEVESTIGD, MatchStep.AANGEBODEN), MatchStep.GEWEIGERD,
     "niet_bereikbaar", "persoon"),
    ((MatchStep.BEGELEIDING_BEVESTIGD,), MatchStep.AFGEWEZEN_DOOR_CORPORATIE,
     "woning_niet_beschikbaar", "corporatie"),
    ((MatchStep.BEGELEIDING_BEVESTIGD, MatchStep.AANGEBODEN, MatchStep.BEZICHTIGD),
     MatchStep.GEWEIGERD, "weigert_zonder_reden", "persoon"),
    ((), MatchStep.GEWEIGERD, "buurt_onveilig", "zorgaanbieder"),
    ((MatchStep.BEGELEIDING_BEVESTIGD,), MatchStep.INGETROKKEN, "", "gemeente"),
)
"""The sample's declines: each with a reason of the shipped list (domain/workflow.py)."""
REASONS = {r.code: r for r in DEFAULT_REASONS}


def declined_matches(rng: random.Random, persons: list[Person], dwellings: list[Dwelling],
                     prefix: str, today: date, share: float = 0.2) -> list[Match]:
    """Ended matches of people now waiting again (uitstroomklaar): a decline by the person,
    the care provider or the corporation with a reason, some weeks after the person became
    ready, so the workflow's pages and the monitor's declines have history to show."""
    ready = [p for p in persons if p.status == S.UITSTROOMKLAAR and p.ready_since]
    if not ready or not dwellings:
        return []
    out = []
    for n, person in enumerate(p for p in ready if rng.random() < share):
        assert person.ready_since is not None
        span = (today - person.ready_since).days - 25
        if span < 1:
            continue
        on = person.ready_since + timedelta(days=rng.randint(0, span))
        walked, end, code, by = DECLINES[n % len(DECLINES)]
        dwelling = rng.choice(dwellings)
        history = [MatchTransition(None, MatchStep.VOORGESTELD, on, "sample",
                                   "voordracht uit de voorgeschiedenis")]
        for target in walked:
            source, on = history[-1].target, on + timedelta(days=rng.randint(2, 6))
            history.append(MatchTransition(source, target, on, "sample",
                                           details=_details(target, person, on)))
        on += timedelta(days=rng.randint(1, 5))
        if not code:  # withdrawn by the regisseur
            history.append(MatchTransition(history[-1].target, end, on, "sample",
                                           "dubbele voordracht: ander aanbod loopt al"))
        else:
            terms = pause_terms(REASONS[code], on, person.legal_urgency)
            history.append(MatchTransition(
                history[-1].target, end, on, "sample", REASONS[code].label,
                {"reason_code": code, "declined_by": by,
                 "pause_until": terms.until.isoformat() if terms.until else "",
                 "urgency": str(terms.lapse)}))
        out.append(Match(f"M-{prefix}W{n + 1:05d}", person.key, dwelling.code, None, end,
                         history))
    return out


SIGNED_WALK = WALK[1:] + (MatchStep.CONTRACT_GETEKEND,)


def signed_matches(placements: list[Placement], persons: list[Person], prefix: str,
                   today: date, days: int = 365) -> tuple[list[Placement], list[Match]]:
    """The placements of the last `days` days with the match that led to them: every step from
    the proposal (the person's move to voorgedragen) to the signed contract on the start date,
    so the workflow's pages and the monitor's days per step have whole histories."""
    by_key = {p.key: p for p in persons}
    out_placements, out_matches = [], []
    for n, placement in enumerate(placements):
        person = by_key[placement.person]
        if placement.start < today - timedelta(days=days):
            out_placements.append(placement)
            continue
        proposed = [t.on for t in person.history
                    if t.target == S.VOORGEDRAGEN and t.on <= placement.start]
        opened = proposed[-1] if proposed else placement.start - timedelta(days=28)
        key = f"M-{prefix}C{n + 1:05d}"
        history = [MatchTransition(None, MatchStep.VOORGESTELD, opened, "sample",
                                   "voordracht uit de voorgeschiedenis")]
        span = (placement.start - opened).days
        for i, target in enumerate(SIGNED_WALK, start=1):
            on = opened + timedelta(days=span * i // len(SIGNED_WALK))
            history.append(MatchTransition(history[-1].target, target, on, "sample",
                                           details=_details(target, person, on)))
        out_matches.append(Match(key, person.key, placement.dwelling, None,
                                 MatchStep.CONTRACT_GETEKEND, history))
        out_placements.append(replace(placement, match=key))
    return out_placements, out_matches


def _spells(person: Person) -> list[tuple[date, date | None]]:
    """(start, end) of each stay housed: from a move into gehuisvest to a later relapse."""
    spells: list[tuple[date, date | None]] = []
    for t in person.history:
        if t.target == S.GEHUISVEST:
            spells.append((t.on, None))
        elif t.target == S.TERUGGEVALLEN and spells and spells[-1][1] is None:
            spells[-1] = (spells[-1][0], t.on)
    return spells


def placements(rng: random.Random, persons: list[Person], dwellings: list[Dwelling],
               gemeente_of: dict[str, str]) -> list[Placement]:
    """A placement per stay housed, in a let dwelling of a form the person accepts."""
    let = [d for d in dwellings if d.status == DwellingStatus.VERHUURD]
    if not let:
        return []
    rng.shuffle(let)
    out: list[Placement] = []
    for person in persons:
        for start, end in _spells(person):
            fits = [d for d in let[:50] if not person.allowed_forms
                    or d.housing_form in person.allowed_forms]
            dwelling = (fits or let)[0]
            let.append(let.pop(let.index(dwelling)))  # rotate: spread over the stock
            placement = Placement.of(person, dwelling, gemeente_of[dwelling.buurt], start)
            if end is not None:
                placement = replace(placement, end=end, end_reason=EndReason.TERUG_IN_ZORG)
            out.append(placement)
    return out
