"""The sample region's signals: about running placements, in every status, closed with every
outcome, routed by the tenants' consent; returns are placements ended by a relapse."""

from __future__ import annotations

from woonregie.domain.placement import EndReason
from woonregie.domain.signal import SignalOutcome, SignalRoute, SignalStatus
from woonregie.sample import REFERENCE_DATE
from woonregie.sample.signals import has_signal_consent


def test_signals_in_every_state(region):
    signals = region.signals
    running = {(p.person, p.dwelling) for p in region.placements if p.end is None}
    assert len(signals) > 20
    assert all((s.person, s.dwelling) in running for s in signals)
    assert {s.status for s in signals} == set(SignalStatus)
    assert {s.outcome for s in signals if s.outcome} == set(SignalOutcome)
    assert {s.route for s in signals} == set(SignalRoute)
    for s in signals:
        assert (s.route is SignalRoute.ZORGAANBIEDER) == has_signal_consent(s.person)
        assert s.raised_on <= REFERENCE_DATE and s.last_on <= REFERENCE_DATE
        assert (s.action != "") == (s.acknowledged_on is not None)


def test_returns_end_their_placements(region):
    ended = [p for p in region.placements if p.end is not None]
    assert ended and all(p.end_reason is EndReason.TERUG_IN_ZORG for p in ended)
    by_person = {}
    for p in region.placements:
        by_person.setdefault(p.person, []).append(p)
    assert any(len(ps) > 1 for ps in by_person.values()), "someone housed again after a return"
