"""Priority of a person in matching, from target group and urgency.

Kept as data so a gemeente can change it with its urgency regulation (the law on urgency
categories is still in flux, calibration.md "Law and monitors"). Higher is more urgent.
"""

from woonregie.domain.enums import TargetGroup

LEGAL_URGENCY = 40
"""Granted legal or local urgency outranks every group (design.md: urgency > BW/MO > other)."""

GROUP_PRIORITY: dict[TargetGroup, int] = {
    TargetGroup.URGENT: 40,
    TargetGroup.STATUSHOUDER: 30,  # vergunninghouders: urgency category in 99% of schemes
    TargetGroup.BW_UITSTROOM: 20,
    TargetGroup.MO_UITSTROOM: 20,
    TargetGroup.DAKLOOS: 10,
    TargetGroup.OVERIG: 0,
}


def priority_of(group: TargetGroup, legal_urgency: bool = False) -> int:
    base = GROUP_PRIORITY[group]
    return max(base, LEGAL_URGENCY) if legal_urgency else base
