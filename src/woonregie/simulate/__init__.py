"""Scenario model of the whole chain over time (simulatie), pure.

The model walks a region month by month: people flow into the list (instroom), prepare until
they are uitstroomklaar, wait, are matched by the real matching engine (`woonregie.matching`)
to the vacancies the corporations offer, decline or sign, keep their tenancy or come back.
Plain data in (`Model`: the start state, the calibrated `Parameters`, a `Scenario`), plain data
out (`Replication`); it knows no database, no clock and no executor, so the command line, the
web app and a Dask cluster run it alike. See docs/simulate.md.
"""
