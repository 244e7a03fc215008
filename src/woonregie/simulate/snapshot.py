"""The region as it stood on a date: who was where in the chain, from the status histories."""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import DwellingStatus
from woonregie.domain.model import Person, Region
from woonregie.domain.status import PersonStatus
from woonregie.matching.from_region import candidate, offer, without_team
from woonregie.simulate.params import Stage, Start, StartPerson

S = PersonStatus
STAGE: dict[PersonStatus, Stage] = {
    S.AANGEMELD: Stage.PREP,
    S.IN_VOORBEREIDING: Stage.PREP,
    S.TERUGGEVALLEN: Stage.PREP,
    S.UITSTROOMKLAAR: Stage.READY,
    S.VOORGEDRAGEN: Stage.READY,
    S.GEHUISVEST: Stage.HOUSED,
    S.NAZORG: Stage.HOUSED,
    S.AFGESLOTEN: Stage.HOUSED,
    S.UITGESCHREVEN: Stage.LEFT,
}


def stage_on(person: Person, on: date) -> tuple[Stage, date] | None:
    """The person's stage on `on` and the date it began; None if not registered yet."""
    stage, since = None, None
    for t in person.history:
        if t.on > on:
            break
        new = STAGE[t.target]
        if new != stage:
            stage, since = new, t.on
    return None if stage is None else (stage, since)


def snapshot(region: Region, on: date, free_from_register: bool) -> Start:
    """The start state on `on`: everyone registered by then and not gone. `free_from_register`
    takes the register's free dwellings as open offers (only right when `on` is the register's
    own date; a backtest from the past starts with none)."""
    teams = {tm.code: tm for tm in region.support_teams}
    unable = {p.key for p in without_team(region.persons, region.support_teams)}
    persons = []
    for p in region.persons:
        state = stage_on(p, on)
        if state is None or state[0] == Stage.LEFT:
            continue
        persons.append(StartPerson(candidate(p, teams, on), str(p.target_group), *state,
                                   able=p.key not in unable))
    free = ()
    if free_from_register:
        free = tuple(offer(d) for d in region.dwellings if d.status == DwellingStatus.VRIJ)
    return Start(on, tuple(persons), free)
