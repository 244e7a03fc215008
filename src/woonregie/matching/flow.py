"""Shared pieces of the optimal policy's flow solves: building an OR-Tools solver on the network
and trimming people their group can never place."""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from woonregie.matching.network import Network


def solver(net: Network, costs: np.ndarray, arcs: int | None = None):
    """A SimpleMinCostFlow holding the network's first `arcs` arcs (all by default)."""
    k = net.tails.size if arcs is None else arcs
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(net.tails[:k], net.heads[:k], net.caps[:k], costs[:k])
    return smcf


def trim(persons: np.ndarray, nodes: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Keep per W node only its best `reach` people: the rest can never be placed."""
    if persons.size == 0:
        return persons
    idx = np.lexsort((np.arange(persons.size), nodes))
    sorted_nodes = nodes[idx]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_nodes)) + 1]
    pos = np.arange(persons.size) - np.repeat(starts, np.diff(np.r_[starts, persons.size]))
    keep = np.zeros(persons.size, dtype=bool)
    keep[idx] = pos < reach[sorted_nodes]
    return persons[keep]
