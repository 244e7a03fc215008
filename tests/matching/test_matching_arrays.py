"""The engine's array helpers against the plain numpy and Python they replace."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_matching_properties import instances

from woonregie.matching.classes import build_classes, cover_nodes, distinct, member
from woonregie.matching.instance import load_instance

ints = st.lists(st.integers(-50, 50), max_size=40)


@given(ints)
def test_distinct_is_np_unique(values):
    assert distinct(np.array(values, dtype=np.int64)).tolist() == np.unique(values).tolist()


@given(st.lists(st.floats(0, 2_000, allow_nan=False), max_size=40))
def test_distinct_rents_is_np_unique(values):
    got = distinct(np.array(values, dtype=float))
    assert got.tolist() == np.unique(np.array(values, dtype=float)).tolist()


@given(ints, ints)
def test_member_is_np_isin(values, allowed):
    a = np.array(values, dtype=np.int64)
    b = np.array(allowed, dtype=np.int64)
    assert member(a, b).tolist() == np.isin(a, b).tolist()


@settings(max_examples=30, deadline=None)
@given(st.booleans().flatmap(instances), st.data())
def test_cover_nodes_flattens_the_covers(inst, data):
    cls = build_classes(load_instance(inst))
    picks = (
        data.draw(st.lists(st.sampled_from(range(len(cls.covers))), max_size=12))
        if cls.covers
        else []
    )
    owner, nodes = cover_nodes(cls, np.array(picks, dtype=np.int64))
    want = [(i, m) for i, c in enumerate(picks) for m in cls.covers[c]]
    assert list(zip(owner.tolist(), nodes.tolist(), strict=True)) == want
