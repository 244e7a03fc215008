"""Signals (signalering) of the sample region, in every state, about running placements.

About one in eight running placements has a signal raised in the last four months: open ones
still in time, open ones past their date (the next escalation run picks them up), escalated,
acknowledged with an action, and closed with each outcome. Four in five tenants consented to
signal exchange with their corporation (`has_signal_consent`, which the demo sharing records
as consent rows), so the others' signals go to the gemeente. Own random stream.
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta
from decimal import Decimal

from woonregie.domain.enums import OrgKind
from woonregie.domain.model import Region
from woonregie.domain.signal import (
    ACKNOWLEDGE_DAYS,
    Arrears,
    Signal,
    SignalKind,
    SignalOutcome,
    SignalStatus,
)

SHARE = 0.125
KIND_WEIGHTS = {SignalKind.HUURACHTERSTAND: 50, SignalKind.OVERLAST: 20,
                SignalKind.ZORGMIJDING: 15, SignalKind.WONINGVERVUILING: 10,
                SignalKind.ANDERS: 5}
ACTIONS = ("Huisbezoek gepland met de huurder", "Budgetcoach ingeschakeld",
           "Gesprek met huurder en buren", "Begeleiding tijdelijk opgeschaald")
NOTES = {SignalKind.OVERLAST: "Meerdere meldingen van buren over geluid 's nachts",
         SignalKind.ZORGMIJDING: "Huurder reageert niet op brieven en telefoon",
         SignalKind.WONINGVERVUILING: "Vervuiling gezien bij reparatiebezoek",
         SignalKind.ANDERS: "Onbekenden verblijven in de woning"}


def has_signal_consent(person: str) -> bool:
    """Whether the sample tenant consented to signal exchange (deterministic per key)."""
    return zlib.crc32(person.encode()) % 5 != 0


def sample_signals(rng: random.Random, region: Region, today: date) -> list[Signal]:
    gemeente_org = {o.gemeente: o.code for o in sorted(region.organisations,
                                                        key=lambda o: o.code, reverse=True)
                    if o.kind == OrgKind.GEMEENTE}
    care = {p.key: p.care_provider for p in region.persons}
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    out: list[Signal] = []
    for placement in region.placements:
        if placement.end is not None or rng.random() >= SHARE:
            continue
        raised = today - timedelta(days=rng.randint(1, 120))
        if raised <= placement.start:
            continue
        kind = rng.choices(kinds, weights)[0]
        arrears = (Arrears(Decimal(rng.randint(300, 3000)).quantize(Decimal("0.01"))
                           + Decimal(rng.choice((0, 50))) / 100, rng.randint(1, 4))
                   if kind is SignalKind.HUURACHTERSTAND else None)
        signal = Signal.raise_(
            f"S-{len(out) + 1:06d}", person=placement.person, dwelling=placement.dwelling,
            corporation=placement.corporation, care_provider=care[placement.person],
            gemeente=placement.gemeente, gemeente_org=gemeente_org[placement.gemeente],
            consent=has_signal_consent(placement.person), kind=kind, on=raised,
            by=f"{placement.corporation}:verhuurmakelaar",
            acknowledge_days=ACKNOWLEDGE_DAYS[kind], note=NOTES.get(kind, ""), arrears=arrears)
        _advance(rng, signal, today)
        signal.events.clear()
        out.append(signal)
    return out


def _advance(rng: random.Random, signal: Signal, today: date) -> None:
    """Move a raised signal on to a state that fits its age."""
    by = f"{signal.recipient}:medewerker"
    roll = rng.random()
    if roll < 0.2:
        return  # still waiting (in time, or past its date when old)
    if roll < 0.35 and signal.escalate(today, "systeem"):
        return  # escalated today: the care provider did not answer in time
    on = min(today, signal.raised_on + timedelta(days=rng.randint(1, 7)))
    signal.acknowledge(on, by, rng.choice(ACTIONS))
    if roll < 0.6:
        return
    closed = min(today, on + timedelta(days=rng.randint(7, 60)))
    signal.close(closed, by, rng.choice(list(SignalOutcome)))
    assert signal.status is SignalStatus.GESLOTEN
