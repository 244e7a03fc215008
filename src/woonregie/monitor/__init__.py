"""The monitor engines (pure): the figures a region steers by (monitor-definitions.md: plain
records in, figures out) and the woonzorganalyse (analysis.py, tables.py).

No database and no services: `MonitorData` holds the records (as columns), `compute` returns
the JSON contract as plain dicts. services/monitoring.py feeds it from the store.
"""

from woonregie.monitor.allocation import DwellingScope
from woonregie.monitor.calendar import Period, add_months
from woonregie.monitor.figures import FIGURES, compute
from woonregie.monitor.records import (
    AgreementRecord,
    BuurtRecord,
    ChangeRecord,
    MonitorData,
    PersonRecord,
    PlacementRecord,
)

__all__ = [
    "FIGURES", "AgreementRecord", "BuurtRecord", "ChangeRecord", "DwellingScope", "MonitorData",
    "Period", "PersonRecord", "PlacementRecord", "add_months", "compute",
]
