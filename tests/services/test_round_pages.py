"""A round's lines page by key (issue 12): following the cursors of a stored round's two
lists (and of a dry run's) gives every visible line once, in order, and nothing else; the
counts and the audit entries are per page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.factories import small_region
from woonregie.domain.enums import OrgKind, TargetGroup
from woonregie.domain.model import Person
from woonregie.services import round_reports as rr
from woonregie.services.access import Principal, Role
from woonregie.services.consent import LegalBasis
from woonregie.services.persons import FieldError
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.round_lines import LinesPage
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork

REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
N = 23  # persons in the round; every third has no regie basis for GEM-VW (hidden)


def _key(i: int) -> str:
    return f"R-{i:03d}"


@pytest.fixture
def round_id(engine) -> int:
    """A stored round of N persons: ranks 1.. for the even ones (proposals, two sharing a
    rank), unhoused for the odd ones, half of those with team_vol."""
    region = small_region()
    region.persons += [Person.register(date(2025, 3, 1), "ZA-A:jan", key=_key(i),
                                       name=f"Persoon {i}", target_group=TargetGroup.DAKLOOS,
                                       care_provider="ZA-A", household_size=1,
                                       annual_income=15_000) for i in range(N)]
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        assert uow.session is not None
        for i in range(N):
            if i % 3:
                ConsentRepository(uow.session).add(
                    person=_key(i), purpose="regie", party="GEM-VW",
                    legal_basis=str(LegalBasis.PUBLIEKE_TAAK_ZORG), valid_from=date(2025, 1, 1),
                    valid_until=None, recorded_by="test", recorded_at=datetime(2025, 1, 1))
        row = t.MatchRoundRow(run_at=datetime(2026, 1, 10, 9), run_on=date(2026, 1, 10),
                              run_by="test", policy="optimal", candidates=N, dwellings=N,
                              housed=(N + 1) // 2)
        uow.session.add(row)
        uow.session.flush()
        for i in range(N):
            housed = i % 2 == 0
            codes = [] if housed else (["team_vol"] if i % 4 == 1 else ["geen_passende_woning"])
            uow.session.add(t.MatchLineRow(
                round_id=row.id, person=_key(i), dwelling="W-1" if housed else None,
                rank=(max(1, N - i) if housed else None), fit=50.0 if housed else None,
                codes=codes, reasons=["reden"] if codes else []))
        uow.commit()
        return row.id


def _follow(fetch, limit: int) -> list[list[str]]:
    """The persons of each page, following `next` until it is None."""
    pages, after = [], None
    while True:
        page: LinesPage | rr.LinePage = fetch(limit, after)
        pages.append([ln.person for ln in page.lines])
        if page.next is None:
            return pages
        after = page.next
        assert len(pages) < 50


def test_stored_round_pages_by_cursor(engine, round_id):
    visible = {_key(i) for i in range(N) if i % 3}
    with UnitOfWork(engine) as uow:
        whole = rr.get_round(uow, REGISSEUR, round_id)
        assert {ln.person for ln in whole.proposals + whole.unhoused} == visible
        ranks = [(ln.rank, ln.person) for ln in whole.proposals]
        assert ranks == sorted(ranks)
        for housed, expected in ((True, [ln.person for ln in whole.proposals]),
                                 (False, [ln.person for ln in whole.unhoused])):
            for limit in (1, 2, 5, 100):
                pages = _follow(lambda n, after, h=housed: rr.round_lines_page(
                    uow, REGISSEUR, round_id, h, limit=n, after=after), limit)
                assert [p for page in pages for p in page] == expected
                assert all(len(page) == limit for page in pages[:-1])
        team = _follow(lambda n, after: rr.round_lines_page(
            uow, REGISSEUR, round_id, False, "team_vol", limit=n, after=after), 2)
        assert [p for page in team for p in page] == [
            ln.person for ln in whole.unhoused if "team_vol" in ln.codes]


def test_the_page_gives_both_cursors_and_keeps_the_other_list(engine, round_id):
    with UnitOfWork(engine) as uow:
        first = rr.get_round(uow, REGISSEUR, round_id, limit=3)
        assert first.proposals_next and first.unhoused_next
        moved = rr.get_round(uow, REGISSEUR, round_id, limit=3, after=first.unhoused_next)
        assert moved.proposals == first.proposals  # the proposals' page stays where it was
        assert moved.unhoused[0].person > first.unhoused[-1].person
        with pytest.raises(FieldError):
            rr.get_round(uow, REGISSEUR, round_id, limit=3, proposals_after="bm9ncmFuaw")


def test_dry_run_lines_page_like_a_stored_rounds():
    lines = [rr.RoundLine(f"P-{i:02d}", "W" if i < 7 else None, i if i < 7 else None,
                          1.0, (), ()) for i in range(15)]
    for housed, part in ((True, lines[:7]), (False, lines[7:])):
        pages, after = [], None
        while True:
            page, after = rr._slice(part, housed, 3, 0, after)
            pages.append(page)
            if after is None:
                break
        assert [ln for page in pages for ln in page] == part
