"""The monitor through the store: the figures read from SQLite and PostgreSQL equal the engine's
on the same records (tests/monitor/region.py, whose answers are worked out in tests/monitor),
unfiltered and under each filter; access and unknown filters."""

from datetime import date

import pytest

from tests.monitor import region as r
from woonregie.domain.enums import OrgKind
from woonregie.domain.match import Match, MatchStep, MatchTransition
from woonregie.monitor import DwellingScope, MonitorData, Period, compute
from woonregie.services.access import Forbidden, Principal, Role
from woonregie.services.monitoring import (
    MonitorFilters,
    UnknownFilter,
    monitor_figures,
    read_monitor,
)
from woonregie.services.region import write_region
from woonregie.store import monitor_reads as reads
from woonregie.store.unit_of_work import UnitOfWork

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
AUDITOR = Principal(5, "auditor-test", Role.AUDITOR, "G01", OrgKind.GEMEENTE)
REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "G01", OrgKind.GEMEENTE, "GM01")
CASEWORKER = Principal(2, "tb-test", Role.TRAJECTBEGELEIDER, "ZA1", OrgKind.ZORGAANBIEDER)


@pytest.fixture
def loaded(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, r.domain_region())
        uow.commit()
    return engine


def engine_figures(period, keep=lambda key: True, scope=DwellingScope(), buurten=r.BUURTEN,
                   lettings_of_everyone=False):
    people = [p for p in r.persons() if keep(p.key)]
    kept = {p.key for p in people}
    data = MonitorData.from_records(people, [c for c in r.changes() if c.person in kept],
                                    r.placements(), r.AGREEMENTS, buurten)
    if lettings_of_everyone:
        data.lettings = r.data().placements
    return compute(data, period, scope)


def test_the_store_gives_the_engine_figures(loaded):
    with UnitOfWork(loaded) as uow:
        got = monitor_figures(uow, YEAR_2024).figures
    assert got == engine_figures(YEAR_2024)
    assert got["stand"]["gehuisvest"] == 3 and got["stagnatie"]["geblokkeerde_dagen"] == 520


@pytest.mark.parametrize("period", [Period(date(2024, 1, 1), date(2024, 3, 31)),
                                    Period(date(2021, 1, 1), date(2021, 1, 31)),
                                    Period(date(2023, 6, 1), date(2025, 5, 31))])
def test_other_periods(loaded, period):
    with UnitOfWork(loaded) as uow:
        assert monitor_figures(uow, period).figures == engine_figures(period)


PERIOD_FIGURES = ["eerste_instroom", "instroom", "uitstroom", "wachttijd"]


@pytest.mark.parametrize("period", [YEAR_2024, Period(date(2024, 1, 1), date(2024, 3, 31)),
                                    Period(date(2023, 6, 1), date(2025, 5, 31)),
                                    Period(date(2023, 12, 31), date(2024, 1, 1))])
@pytest.mark.parametrize("filters", [MonitorFilters(), MonitorFilters(gemeente="GM01"),
                                     MonitorFilters(target_group="mo_uitstroom")])
def test_period_figures_asked_alone_agree(loaded, period, filters):
    """Asked alone (as a dashboard chart does), the period figures equal the whole run's."""
    with UnitOfWork(loaded) as uow:
        alone = monitor_figures(uow, period, filters, only=PERIOD_FIGURES).figures
        whole = monitor_figures(uow, period, filters).figures
    assert alone == {k: whole[k] for k in ["periode", *PERIOD_FIGURES]}


def test_gemeente_filter_counts_its_persons_and_its_dwellings(loaded):
    with UnitOfWork(loaded) as uow:
        got = monitor_figures(uow, YEAR_2024, MonitorFilters(gemeente="GM02")).figures
    # F, G, H, J are clients of ZA2 (seated in GM02); contingent and concentratie look at
    # the dwellings in GM02 (buurt BU03), whoever lives there.
    bu03 = [b for b in r.BUURTEN if b.code == "BU03"]
    assert got == engine_figures(YEAR_2024, lambda k: r.PROVIDER[k] == "ZA2",
                                 DwellingScope(gemeente="GM02"), bu03, True)
    assert got["stand"]["gehuisvest"] == 1 and got["stand"]["teruggevallen"] == 1  # G, H
    assert [row["gemeente"] for row in got["contingent"]] == ["GM02"]
    assert got["concentratie"] == []  # no placement in GM02 starts in 2024


def test_gemeente_filter_counts_lettings_to_other_gemeenten_clients(loaded):
    # H (client of ZA2, gemeente GM02) was housed in BU03 (GM02) on 2023-08-31 and G on
    # 2023-12-01: in 2023, GM01's filter keeps A–E as persons but sees no GM01 agreement.
    period = Period(date(2023, 1, 1), date(2023, 12, 31))
    with UnitOfWork(loaded) as uow:
        got = monitor_figures(uow, period, MonitorFilters(gemeente="GM02")).figures
    assert [(b["buurt"], b["plaatsingen"]) for b in got["concentratie"]] == [("BU03", 2)]
    with UnitOfWork(loaded) as uow:
        gm01 = monitor_figures(uow, period, MonitorFilters(gemeente="GM01")).figures
    # A's placement in BU01 (2023-08-01) is the only GM01 letting of 2023.
    assert [(b["buurt"], b["plaatsingen"]) for b in gm01["concentratie"]] == [("BU01", 1)]


def test_group_provider_and_corporation_filters(loaded):
    with UnitOfWork(loaded) as uow:
        by_group = monitor_figures(uow, YEAR_2024, MonitorFilters(target_group="bw_uitstroom"))
        by_provider = monitor_figures(uow, YEAR_2024, MonitorFilters(care_provider="ZA1"))
        by_corporation = monitor_figures(uow, YEAR_2024, MonitorFilters(corporation="WC2"))
    assert by_group.figures == engine_figures(
        YEAR_2024, lambda k: r.HISTORIES[k][0] == "bw_uitstroom",
        DwellingScope(target_group="bw_uitstroom"))
    assert by_provider.figures == engine_figures(YEAR_2024, lambda k: r.PROVIDER[k] == "ZA1")
    wc2_stock = [b.__class__(b.code, sum(n for (bu, c), n in r.STOCK.items()
                                         if bu == b.code and c == "WC2"), b.liveability, b.name)
                 for b in r.BUURTEN]
    assert by_corporation.figures == engine_figures(
        YEAR_2024, scope=DwellingScope(corporation="WC2"), buurten=wc2_stock)
    assert by_corporation["huurbehoud"]["24"] == {"aantal": 1, "aandeel": 1.0}  # G only


def test_only_some_figures(loaded):
    with UnitOfWork(loaded) as uow:
        got = monitor_figures(uow, YEAR_2024, only=["stand", "contingent"]).figures
    assert list(got) == ["periode", "stand", "contingent"]
    assert got["stand"] == engine_figures(YEAR_2024)["stand"]


def test_workflow_figures_from_the_match_steps(loaded):
    # Two matches of A (ZA1): proposed 2024-06-01 and signed 2024-06-15 (14 days), and one
    # proposed 2024-09-01 and refused by the corporation 2024-09-21 (20 days).
    matches = [
        Match("M-1", "A", "W-BU01-WC1-1", None, MatchStep.CONTRACT_GETEKEND, [
            MatchTransition(None, MatchStep.VOORGESTELD, date(2024, 6, 1), "t", "ronde"),
            MatchTransition(MatchStep.VOORGESTELD, MatchStep.CONTRACT_GETEKEND,
                            date(2024, 6, 15), "t", "")]),
        Match("M-2", "A", "W-BU01-WC1-2", None, MatchStep.AFGEWEZEN_DOOR_CORPORATIE, [
            MatchTransition(None, MatchStep.VOORGESTELD, date(2024, 9, 1), "t", "ronde"),
            MatchTransition(MatchStep.VOORGESTELD, MatchStep.AFGEWEZEN_DOOR_CORPORATIE,
                            date(2024, 9, 21), "t", "huurverleden")]),
    ]
    with UnitOfWork(loaded) as uow:
        uow.matches.add_all(matches)
        uow.commit()
    with UnitOfWork(loaded) as uow:
        got = monitor_figures(uow, YEAR_2024, only=["bemiddeling"])["bemiddeling"]
        gm02 = monitor_figures(uow, YEAR_2024, MonitorFilters(gemeente="GM02"),
                               only=["bemiddeling"])["bemiddeling"]
    assert got["dagen_per_stap"]["voorgesteld"] == {"aantal": 2, "mediaan": 17.0, "p90": 20.0,
                                                    "gemiddeld": 17.0}
    assert got["weigeringen"]["totaal"] == 1
    assert got["weigeringen"]["per_stap"]["afgewezen_door_corporatie"] == 1
    assert gm02["weigeringen"]["totaal"] == 0  # A is a client of ZA1 (GM01)


def test_the_general_history_read_agrees_with_the_fast_one(loaded):
    with UnitOfWork(loaded) as uow:
        scope = reads.PersonScope(gemeente="GM01")
        groups, _ = reads.persons(uow.session, scope)
        fast = reads.history(uow.session, scope, groups)
        general = reads._history_by_key(uow.session, scope, groups)
    for column in ("groups", "person", "source", "target", "day"):
        assert getattr(fast, column).tolist() == getattr(general, column).tolist()


def test_regisseur_and_auditor_may_read_a_caseworker_may_not(loaded):
    with UnitOfWork(loaded) as uow:
        assert read_monitor(uow, AUDITOR, YEAR_2024)["stand"]["gehuisvest"] == 3
        assert read_monitor(uow, REGISSEUR, YEAR_2024)["stand"]["gehuisvest"] == 3
        with pytest.raises(Forbidden):
            read_monitor(uow, CASEWORKER, YEAR_2024)


@pytest.mark.parametrize(("filters", "field", "message"), [
    (MonitorFilters(gemeente="GM99"), "gemeente", "onbekende gemeente 'GM99'"),
    (MonitorFilters(gemeente="BU01"), "gemeente", "onbekende gemeente 'BU01'"),
    (MonitorFilters(target_group="jong"), "doelgroep", "onbekende doelgroep 'jong'"),
    (MonitorFilters(corporation="ZA1"), "corporatie", "onbekende woningcorporatie 'ZA1'"),
    (MonitorFilters(care_provider="X"), "zorgaanbieder", "onbekende zorgaanbieder 'X'"),
])
def test_unknown_filters_are_refused_in_dutch(loaded, filters, field, message):
    with UnitOfWork(loaded) as uow, pytest.raises(UnknownFilter) as refused:
        read_monitor(uow, AUDITOR, YEAR_2024, filters)
    assert refused.value.field == field and str(refused.value) == message
