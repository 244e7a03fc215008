"""Sample region generator: a fictional but realistic region for demos, tests and benchmarks.

Pure (domain objects only, no I/O). Calibration defaults live in `calibration.py`, each with the
public figure or documented assumption it rests on.
"""

from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.sample.generator import (
    Progress,
    generate_region,
    plan_subregions,
    subregion_count,
)

__all__ = ["REFERENCE_DATE", "Progress", "generate_region", "plan_subregions", "subregion_count"]
