"""Shared pieces of the optimal policy's flow solves: building an OR-Tools solver on the network
and trimming people their group can never place."""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from woonregie.matching.network import Network


def solver(net: Network, costs: np.ndarray, arcs: np.ndarray):
    """A SimpleMinCostFlow holding the network's arcs `arcs` (indices) as its arcs 0..len-1."""
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(
        net.tails[arcs], net.heads[arcs], net.caps[arcs], costs[arcs]
    )
    return smcf


def static_flows(net: Network, smcf, arcs: np.ndarray) -> np.ndarray:
    """Flow per network arc (zero on the arcs the solver did not hold)."""
    out = np.zeros(net.tails.size, dtype=np.int64)
    out[arcs] = smcf.flows(np.arange(arcs.size))
    return out


def arcs_of(net: Network, limit: int, w_nodes: np.ndarray) -> np.ndarray:
    """Arcs in ``[0, limit)`` without the arcs that leave W nodes other than `w_nodes`.

    "Solve less": a group none of whose people take part in a solve cannot carry flow (W nodes
    get flow only from their people), so its arcs are left out of that solve. In pair mode the
    W arcs are nearly the whole network.
    """
    tail_w = net.tail_w[:limit]
    used = np.zeros(net.n_nodes + 1, dtype=bool)
    used[w_nodes] = True
    return np.flatnonzero((tail_w < 0) | used[tail_w])


def reach_per_node(net: Network) -> np.ndarray:
    """`net.w_reach` as an array over the nodes (0 where a node is no W node): how many
    people each W node could ever place, the bound `trim` keeps per group."""
    reach = np.zeros(net.n_nodes, dtype=np.int64)
    m = len(net.w_reach)
    reach[np.fromiter(net.w_reach.keys(), np.int64, m)] = np.fromiter(
        net.w_reach.values(), np.int64, m
    )
    return reach


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
