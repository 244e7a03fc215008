"""The area tree (gemeente -> wijk -> buurt) as index arrays, plus cover arithmetic.

A *cover* is a set of tree nodes meaning "anywhere in the subtree of one of these nodes"; it is
how acceptable areas and support-team coverage are expressed. Covers intersect in closed form
(two subtrees are nested or disjoint), which lets the engine work with a handful of cover classes
instead of per-dwelling area checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.matching.model import Round

Cover = tuple[int, ...]


@dataclass
class AreaTree:
    ids: list[str]
    index: dict[str, int]
    parent: list[int]  # -1 for roots
    cap: list[int | None]
    chains: list[tuple[int, ...]]  # node, parent, ..., root
    children: list[list[int]]

    @property
    def roots(self) -> Cover:
        if "_roots" not in self.__dict__:  # asked once per person: compute once
            self.__dict__["_roots"] = tuple(i for i, p in enumerate(self.parent) if p < 0)
        return self.__dict__["_roots"]

    def depth(self, node: int) -> int:
        return len(self.chains[node]) - 1

    def is_under(self, node: int, ancestor: int) -> bool:
        """True if `ancestor` is `node` or one of its ancestors."""
        return ancestor in self.chains[node]

    def covers(self, cover: Cover, node: int) -> bool:
        return any(a in cover for a in self.chains[node])

    def inside(self, cover: Cover) -> np.ndarray:
        """bool per node: the node lies in the cover (cached; covers repeat a lot)."""
        cache = self.__dict__.setdefault("_inside", {})
        if cover not in cache:
            marks = np.zeros(len(self.ids), dtype=bool)
            marks[list(cover)] = True
            cache[cover] = self.ancestors()[:, marks].any(axis=1) if cover else marks
        return cache[cover]

    def ancestors(self) -> np.ndarray:
        """bool [node, other]: `other` is the node or one of its ancestors."""
        if "_anc" not in self.__dict__:
            anc = np.zeros((len(self.ids), len(self.ids)), dtype=bool)
            for node, chain in enumerate(self.chains):
                anc[node, list(chain)] = True
            self.__dict__["_anc"] = anc
        return self.__dict__["_anc"]

    def dfs_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Entry position and subtree end (exclusive) per node in depth-first order: node m's
        subtree is the positions [tin[m], tout[m])."""
        if "_dfs" not in self.__dict__:
            n = len(self.ids)
            tin = np.zeros(n, dtype=np.int64)
            tout = np.zeros(n, dtype=np.int64)
            clock = 0
            for root in self.roots:
                stack = [(root, False)]
                while stack:
                    node, done = stack.pop()
                    if done:
                        tout[node] = clock
                        continue
                    tin[node] = clock
                    clock += 1
                    stack.append((node, True))
                    stack.extend((c, False) for c in reversed(self.children[node]))
            self.__dict__["_dfs"] = (tin, tout)
        return self.__dict__["_dfs"]

    def cover_of(self, names: tuple[str, ...]) -> Cover:
        """Cover for a list of area ids; the empty list means everywhere (all roots)."""
        if not names:
            return self.roots
        return self.minimise({self.index[n] for n in names})

    def minimise(self, nodes: set[int]) -> Cover:
        """Drop nodes that lie under another node of the set; sorted for determinism."""
        chains = self.chains  # isdisjoint runs in C: this is hot for national rounds
        return tuple(sorted(n for n in nodes if nodes.isdisjoint(chains[n][1:])))

    def intersect(self, a: Cover, b: Cover) -> Cover:
        """Subtrees are nested or disjoint, so the intersection keeps each node of one cover
        that lies under some node of the other: O((|a| + |b|) × depth), not O(|a| × |b|)."""
        roots = self.roots  # "everywhere" (no list given) is the common case: a ∩ all = a
        if b == roots:
            return a
        if a == roots:
            return b
        set_a, set_b = set(a), set(b)
        chains = self.chains
        out = {y for y in b if not set_a.isdisjoint(chains[y])}
        out.update(x for x in a if not set_b.isdisjoint(chains[x]))
        return self.minimise(out)


def build_tree(round_: Round) -> AreaTree:
    """Index the declared areas; without a tree each dwelling area is its own root."""
    if round_.areas:
        ids = [a.id for a in round_.areas]
        parents = [a.parent for a in round_.areas]
        caps = [a.cap for a in round_.areas]
    else:
        ids = sorted({d.area for d in round_.dwellings})
        parents = [None] * len(ids)
        caps = [None] * len(ids)
    index = {name: i for i, name in enumerate(ids)}
    parent = [index[p] if p is not None else -1 for p in parents]
    chains: list[tuple[int, ...]] = []
    for i in range(len(ids)):
        chain = [i]
        while parent[chain[-1]] >= 0:
            chain.append(parent[chain[-1]])
        chains.append(tuple(chain))
    children: list[list[int]] = [[] for _ in ids]
    for i, p in enumerate(parent):
        if p >= 0:
            children[p].append(i)
    return AreaTree(ids, index, parent, caps, chains, children)
