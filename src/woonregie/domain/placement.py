"""The placement (verhuring): a signed tenancy, the record the monitor and the simulator count.

Written when a match ends in a signed contract (or imported for history): who was housed where,
with which corporation, in which buurt and complex, in which housing form, for which target
group, from which date, and which contingent agreement (gemeente × corporation × group × year)
it counts towards. Later the tenancy ends: the end date and reason say whether the tenancy was
kept (huurbehoud) or lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.vocabulary import Vocabulary


class EndReason(Vocabulary):
    """Why a tenancy ended (reden einde huur)."""

    # moved on to other regular housing
    DOORGESTROOMD = "doorgestroomd", "Doorgestroomd naar andere woning"
    # contract moved into the tenant's own name (omklap)
    HUUROVERNAME = "huurovername", "Omklap: huur op eigen naam"
    OVERLEDEN = "overleden", "Overleden"  # died
    # the tenant gave notice, no new home known
    OPZEGGING_HUURDER = "opzegging_huurder", "Opgezegd door huurder"
    TERUG_IN_ZORG = "terug_in_zorg", "Terug in zorg"  # returned to sheltered care
    UITZETTING = "uitzetting", "Uitzetting"  # evicted (arrears, nuisance)


HUURBEHOUD = frozenset({EndReason.DOORGESTROOMD, EndReason.HUUROVERNAME, EndReason.OVERLEDEN})
"""End reasons that count as a kept tenancy (huurbehoud): the placement did not fail."""


@dataclass(slots=True)
class Placement:
    """A placement (verhuring). `gemeente` and the start date's year name the agreement."""

    person: str
    dwelling: str
    corporation: str
    gemeente: str
    buurt: str
    complex: str | None
    housing_form: HousingForm
    target_group: TargetGroup
    start: date
    match: str | None = None
    end: date | None = None
    end_reason: EndReason | None = None

    def __post_init__(self) -> None:
        if (self.end is None) != (self.end_reason is None):
            raise DomainError("einddatum en reden einde horen samen")
        if self.end is not None and self.end < self.start:
            raise DomainError("einddatum ligt voor de begindatum")

    @property
    def agreement_key(self) -> tuple[str, str, str, int]:
        """The contingent agreement it counts towards (gemeente, corporation, group, year)."""
        return (self.gemeente, self.corporation, str(self.target_group), self.start.year)

    @property
    def kept(self) -> bool | None:
        """Huurbehoud: None while the tenancy runs."""
        return None if self.end_reason is None else self.end_reason in HUURBEHOUD

    def end_with(self, on: date, reason: EndReason) -> None:
        """End the tenancy (einde huur): once, not before it started."""
        if self.end is not None:
            raise DomainError(f"de plaatsing is al beëindigd op {self.end.strftime('%d-%m-%Y')}")
        if on < self.start:
            raise DomainError("einddatum ligt voor de begindatum")
        self.end, self.end_reason = on, reason

    @classmethod
    def of(cls, person: Person, dwelling: Dwelling, gemeente: str, start: date,
           match: str | None = None) -> Placement:
        return cls(person.key, dwelling.code, dwelling.corporation, gemeente, dwelling.buurt,
                   dwelling.complex, dwelling.housing_form, person.target_group, start, match)
