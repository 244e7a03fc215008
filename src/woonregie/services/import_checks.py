"""The checks of an import: typed rows → domain records, with every problem collected.

Nothing here writes. Each record type is checked against the records of the same import and
against what the database already holds (`Known`), so one pass finds every unknown reference,
duplicate key, impossible value and illegal status history before anything is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.domain.model import (
    Agreement,
    Area,
    Complex,
    Dwelling,
    Organisation,
    Person,
    Region,
    SupportTeam,
)
from woonregie.domain.state_machine import Rule
from woonregie.domain.status import PersonStatus, StatusTransition
from woonregie.exchange.problems import Problem
from woonregie.exchange.rows import Row

PARENT_LEVEL = {AreaLevel.WIJK: AreaLevel.GEMEENTE, AreaLevel.BUURT: AreaLevel.WIJK}
OPENING_BY = "import"
"""`door` of the opening status entry made for a person imported without history."""
RULE_COLUMN = {Rule.NOT_ALLOWED: "naar", Rule.REASON_MISSING: "reden",
               Rule.DATE_BEFORE_LAST: "datum"}
"""The statushistorie column to blame for each rule of the state machine."""


@dataclass
class Known:
    """What the database holds that imported records may refer to or clash with."""

    areas: dict[str, AreaLevel | None] = field(default_factory=dict)
    organisations: dict[str, OrgKind | None] = field(default_factory=dict)
    teams: set[str] = field(default_factory=set)
    complexes: dict[str, Complex | None] = field(default_factory=dict)
    dwellings: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    agreements: set[tuple[str, str, str, int]] = field(default_factory=set)


@dataclass
class Checker:
    """Collects problems while turning rows into a `Region`; `known` grows with each record
    type so later types can refer to earlier ones in the same import."""

    known: Known
    problems: list[Problem] = field(default_factory=list)
    region: Region = field(default_factory=Region)
    _first: dict[tuple[str, Any], Row] = field(default_factory=dict)

    # -- shared checks --------------------------------------------------------------------
    def fail(self, row: Row, column: str | None, message: str) -> None:
        self.problems.append(row.problem(column, message))

    def unique(self, kind: str, key: Any, row: Row, column: str, in_db: bool) -> bool:
        """False (with a problem) if `key` was seen earlier in the import or is stored."""
        label = key if isinstance(key, str) else "/".join(str(k) for k in key)
        if (kind, key) in self._first:
            first = self._first[(kind, key)]
            self.fail(row, column, f"'{label}' komt al voor in {first.source} rij {first.number}")
            return False
        self._first[(kind, key)] = row
        if in_db:
            self.fail(row, column, f"'{label}' bestaat al in de database")
            return False
        return True

    def area(self, row: Row, column: str, code: str | None, level: AreaLevel | None = None):
        if code is None:
            return
        if code not in self.known.areas:
            self.fail(row, column, f"onbekend gebied '{code}' (niet in de import en niet in "
                                   "de database)")
            return
        actual = self.known.areas[code]
        if level is not None and actual is not None and actual != level:
            self.fail(row, column, f"'{code}' is een {actual}, geen {level}")

    def organisation(self, row: Row, column: str, code: str | None, kind: OrgKind) -> None:
        if code is None:
            return
        if code not in self.known.organisations:
            self.fail(row, column, f"onbekende organisatie '{code}' (niet in de import en niet "
                                   "in de database)")
            return
        actual = self.known.organisations[code]
        if actual is not None and actual != kind:
            self.fail(row, column, f"'{code}' is een {actual}, geen {kind}")

    def build(self, row: Row, make: Callable[[], Any]) -> Any | None:
        """Construct a domain record; its own rules are the last line of defence."""
        try:
            return make()
        except DomainError as exc:
            self.fail(row, None, str(exc))
            return None

    # -- record types ---------------------------------------------------------------------
    def areas(self, rows: list[Row]) -> None:
        # Keys first: a buurt may come before its wijk in the file.
        fresh = []
        for row in rows:
            code, level = row["code"], row["niveau"]
            if code is not None and self.unique("area", code, row, "code",
                                                code in self.known.areas):
                self.known.areas[code] = AreaLevel(level) if level else None
                fresh.append(row)
        for row in fresh:
            before = len(self.problems)
            level = AreaLevel(row["niveau"]) if row["niveau"] else None
            parent = row["ouder"]
            if level == AreaLevel.GEMEENTE and parent is not None:
                self.fail(row, "ouder", "een gemeente heeft geen ouder")
            elif level in PARENT_LEVEL:
                if parent is None:
                    self.fail(row, "ouder", f"een {level} moet een ouder "
                                            f"({PARENT_LEVEL[level]}) hebben")
                self.area(row, "ouder", parent, PARENT_LEVEL[level])
            if row.complete and len(self.problems) == before:
                self.region.areas.append(Area(row["code"], row["naam"], level, parent,
                                              row["leefbaarheid"], row["plafond"]))

    def organisations(self, rows: list[Row]) -> None:
        for row in rows:
            before = len(self.problems)
            code = row["code"]
            if code is not None and self.unique("organisation", code, row, "code",
                                                code in self.known.organisations):
                self.known.organisations[code] = OrgKind(row["soort"]) if row["soort"] else None
            self.area(row, "gemeente", row["gemeente"], AreaLevel.GEMEENTE)
            if row.complete and len(self.problems) == before:
                self.region.organisations.append(
                    Organisation(code, row["naam"], OrgKind(row["soort"]), row["gemeente"]))

    def teams(self, rows: list[Row]) -> None:
        for row in rows:
            before = len(self.problems)
            code = row["code"]
            if code is not None and self.unique("team", code, row, "code",
                                                code in self.known.teams):
                self.known.teams.add(code)
            self.organisation(row, "organisatie", row["organisatie"], OrgKind.ZORGAANBIEDER)
            for area in row["gebieden"] or ():
                self.area(row, "gebieden", area)
            if row.complete and len(self.problems) == before:
                self.region.support_teams.append(SupportTeam(
                    code, row["naam"], row["organisatie"], row["gebieden"], row["capaciteit"]))

    def complexes(self, rows: list[Row]) -> None:
        for row in rows:
            before = len(self.problems)
            code = row["code"]
            self.organisation(row, "corporatie", row["corporatie"], OrgKind.WONINGCORPORATIE)
            self.area(row, "buurt", row["buurt"], AreaLevel.BUURT)
            record = None
            if row.complete and len(self.problems) == before:
                record = Complex(code, row["naam"], row["corporatie"], row["buurt"],
                                 row["plafond"])
            if code is not None and self.unique("complex", code, row, "code",
                                                code in self.known.complexes):
                self.known.complexes[code] = record
                if record is not None:
                    self.region.complexes.append(record)

    def dwellings(self, rows: list[Row]) -> None:
        for row in rows:
            before = len(self.problems)
            code = row["code"]
            if code is not None:
                self.unique("dwelling", code, row, "code", code in self.known.dwellings)
            self.organisation(row, "corporatie", row["corporatie"], OrgKind.WONINGCORPORATIE)
            self.area(row, "buurt", row["buurt"], AreaLevel.BUURT)
            self._dwelling_complex(row)
            low, high = row["min_huishouden"] or 1, row["max_huishouden"] or 99
            if low > high:
                self.fail(row, "max_huishouden",
                          f"max_huishouden ({high}) is kleiner dan min_huishouden ({low})")
            if row.complete and len(self.problems) == before:
                dwelling = self.build(row, lambda row=row, low=low, high=high: Dwelling(
                    code=row["code"], corporation=row["corporatie"], buurt=row["buurt"],
                    rent=row["huur"], rooms=row["kamers"],
                    housing_form=HousingForm(row["woonvorm"] or HousingForm.ZELFSTANDIG),
                    min_household=low, max_household=high,
                    features=frozenset(row["kenmerken"] or ()), complex=row["complex"],
                    status=DwellingStatus(row["status"] or DwellingStatus.VRIJ),
                    available_from=row["beschikbaar_vanaf"], address=row["adres"] or ""))
                if dwelling is not None:
                    self.region.dwellings.append(dwelling)

    def _dwelling_complex(self, row: Row) -> None:
        code = row["complex"]
        if code is None:
            return
        if code not in self.known.complexes:
            self.fail(row, "complex", f"onbekend complex '{code}' (niet in de import en niet "
                                      "in de database)")
            return
        cx = self.known.complexes[code]
        if cx is None:
            return
        if row["corporatie"] is not None and cx.corporation != row["corporatie"]:
            self.fail(row, "complex", f"complex '{code}' is van {cx.corporation}, "
                                      f"niet van {row['corporatie']}")
        if row["buurt"] is not None and cx.buurt != row["buurt"]:
            self.fail(row, "complex", f"complex '{code}' ligt in {cx.buurt}, "
                                      f"niet in {row['buurt']}")

    def agreements(self, rows: list[Row]) -> None:
        for row in rows:
            before = len(self.problems)
            self.area(row, "gemeente", row["gemeente"], AreaLevel.GEMEENTE)
            self.organisation(row, "corporatie", row["corporatie"], OrgKind.WONINGCORPORATIE)
            if row.complete:
                key = (row["gemeente"], row["corporatie"], row["doelgroep"], row["jaar"])
                self.unique("agreement", key, row, "jaar", key in self.known.agreements)
            if row.complete and len(self.problems) == before:
                self.region.agreements.append(Agreement(
                    row["gemeente"], row["corporatie"], TargetGroup(row["doelgroep"]),
                    row["jaar"], row["woningen"]))

    # -- persons and their status history -------------------------------------------------
    def persons(self, rows: list[Row], history: list[Row]) -> None:
        by_person = self._history_by_person(rows, history)
        for row in rows:
            before = len(self.problems)
            key = row["sleutel"]
            fresh = key is not None and self.unique("person", key, row, "sleutel",
                                                    key in self.known.persons)
            self.organisation(row, "zorgaanbieder", row["zorgaanbieder"], OrgKind.ZORGAANBIEDER)
            if row["team"] is not None and row["team"] not in self.known.teams:
                self.fail(row, "team", f"onbekend team '{row['team']}' (niet in de import en "
                                       "niet in de database)")
            for column in ("gebieden", "voorkeursgebieden"):
                for area in row[column] or ():
                    self.area(row, column, area)
            # The history is checked even when the person's own row has problems, so one
            # import run reports both.
            opened = self._history(row, by_person.get(key, [])) if fresh else None
            if not (row.complete and len(self.problems) == before and opened):
                continue
            person = self.build(row, lambda row=row: _person(row))
            if person is not None:
                person.status, person.history = opened.status, opened.history
                self.region.persons.append(person)

    def _history_by_person(self, persons: list[Row], history: list[Row]) -> dict[str, list]:
        in_file = {r["sleutel"] for r in persons if r["sleutel"] is not None}
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in history:
            key = row["sleutel"]
            if key is None:
                continue
            if key not in in_file:
                why = ("bestaat al in de database; statushistorie kan alleen samen met een "
                       "nieuwe persoon worden ingelezen") if key in self.known.persons else \
                      "staat niet in personen"
                self.fail(row, "sleutel", f"persoon '{key}' {why}")
                continue
            number = row["volgnummer"]
            if number is None or self.unique("transition", (key, number), row, "volgnummer",
                                             False):
                grouped[key].append(row)
        return grouped

    def _history(self, row: Row, history: list[Row]) -> Person | None:
        """The person's status and history on a stand-in `Person`: replayed from the rows
        through the status machine (`Person.move_to`), or one opening entry from
        `status`/`status_sinds`. None (with problems) if impossible."""
        if not history:
            return self._opening_only(row)
        if not all(h.complete for h in history):
            return None
        history = sorted(history, key=lambda h: h["volgnummer"])
        first = history[0]
        if first["van"] is not None:
            self.fail(first, "van", "de eerste statuswijziging opent het dossier: 'van' moet "
                                    "leeg zijn")
            return None
        person = _stand_in(row, PersonStatus(first["naar"]), first["datum"], first["door"],
                           first["reden"] or "")
        for h in history[1:]:
            if not self._replay(person, h):
                return None
        return person if self._matches_current(person, row) else None

    def _replay(self, person: Person, h: Row) -> bool:
        if h["van"] is None or h["van"] != person.status:
            self.fail(h, "van", f"'van' moet de status op dat moment zijn: {person.status}")
            return False
        target, on, reason = PersonStatus(h["naar"]), h["datum"], h["reden"] or ""
        try:
            person.move_to(target, on, h["door"], reason)
        except IllegalTransition as exc:
            self.fail(h, RULE_COLUMN[exc.rule], str(exc))
            return False
        return True

    def _matches_current(self, person: Person, row: Row) -> bool:
        ok = True
        if row["status"] is not None and row["status"] != person.status:
            self.fail(row, "status", f"status '{row['status']}' past niet bij de laatste regel "
                                     f"in statushistorie ({person.status})")
            ok = False
        last = person.history[-1].on
        if row["status_sinds"] is not None and row["status_sinds"] != last:
            self.fail(row, "status_sinds", f"status_sinds {row['status_sinds']} past niet bij "
                                           f"de laatste regel in statushistorie ({last})")
            ok = False
        return ok

    def _opening_only(self, row: Row) -> Person | None:
        missing = [c for c in ("status", "status_sinds") if row[c] is None]
        for column in missing:
            if column not in row.failed:
                self.fail(row, column, "waarde ontbreekt (de persoon heeft geen "
                                       "statushistorie)")
        if missing:
            return None
        return _stand_in(row, PersonStatus(row["status"]), row["status_sinds"], OPENING_BY, "")


def _stand_in(row: Row, status: PersonStatus, on: date, by: str, reason: str) -> Person:
    """A minimal person that carries only the status machine's state while a history is
    checked; the real person takes its status and history once its own row is valid."""
    return Person(row["sleutel"], "", TargetGroup.OVERIG, "", 1, 0.0, status=status,
                  history=[StatusTransition(None, status, on, by, reason)])


def _person(row: Row) -> Person:
    return Person(
        key=row["sleutel"], name=row["naam"] or "", target_group=TargetGroup(row["doelgroep"]),
        care_provider=row["zorgaanbieder"], household_size=row["huishouden"],
        annual_income=row["inkomen"],
        support_intensity=SupportIntensity(row["begeleiding"] or SupportIntensity.GEEN),
        support_team=row["team"], zrm=row["zrm"] or None,
        legal_urgency=bool(row["urgentie"]), pension_age=bool(row["pensioen"]),
        required_features=frozenset(row["kenmerken_nodig"] or ()),
        allowed_forms=frozenset(HousingForm(f) for f in row["woonvormen"] or ()),
        acceptable_areas=row["gebieden"] or (), preferred_areas=row["voorkeursgebieden"] or (),
    )
