"""Replications on a Dask LocalCluster equal the in-process run for the same seeds."""

from __future__ import annotations

import pytest

from woonregie.sample import generate_region
from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.services.simulation import Dask, InProcess, run_scenarios
from woonregie.simulate import build
from woonregie.simulate.params import Scenario
from woonregie.simulate.scenario import ScenarioFile, Source
from woonregie.simulate.summary import to_json


@pytest.fixture(scope="module")
def base():
    region = generate_region(1, 0.05, REFERENCE_DATE)
    return build.calibrated(region, REFERENCE_DATE, REFERENCE_DATE)


def _files():
    source = Source("voorbeeld", 1, 0.05)
    return [ScenarioFile("a.toml", Scenario("a"), source),
            ScenarioFile("b.toml", Scenario("b", contingent=1.5), source)]


def test_a_sweep_on_a_local_cluster_equals_the_in_process_run(base):
    with InProcess() as local:
        here = run_scenarios(_files(), base, 12, 3, 42, local)
    seen = []
    with Dask(workers=2) as cluster:
        there = run_scenarios(_files(), base, 12, 3, 42, cluster,
                              progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)
    for a, b in zip(here, there, strict=True):
        assert all(x.same_as(y) for x, y in zip(a.replications, b.replications, strict=True))
        assert to_json(a.summary) == to_json(b.summary)


def test_chunks_keep_order_and_never_mix_models():
    from woonregie.services.simulation import chunks

    a, b = object(), object()
    models, seeds = [a] * 5 + [b] * 3, list(range(5)) + list(range(3))
    got = chunks(models, seeds, 2)
    assert [(m is a, s) for m, s in got] == [(True, [0, 1]), (True, [2, 3]), (True, [4]),
                                             (False, [0, 1]), (False, [2])]
