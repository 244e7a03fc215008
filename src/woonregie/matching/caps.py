"""Cap bookkeeping shared by the baseline and the explanations."""

from __future__ import annotations

from dataclasses import dataclass

from woonregie.matching.classes import Classes


@dataclass
class CapState:
    """Placements per capped complex and per area node, against their caps."""

    cls: Classes
    area_used: list[int]
    complex_used: dict[str, int]

    @classmethod
    def empty(cls_, cls: Classes) -> CapState:
        return cls_(cls, [0] * len(cls.tree.ids), {})

    @classmethod
    def of(cls_, cls: Classes, dwellings: list[int]) -> CapState:
        state = cls_.empty(cls)
        for d in dwellings:
            state.place(d)
        return state

    def place(self, dwelling: int) -> None:
        d = self.cls.round.dwellings[dwelling]
        if d.complex in self.cls.round.complex_caps:
            self.complex_used[d.complex] = self.complex_used.get(d.complex, 0) + 1
        for a in self.cls.tree.chains[self.cls.tree.index[d.area]]:
            self.area_used[a] += 1

    def blocking(self, dwelling: int) -> list[tuple[str, str, int]]:
        """Full caps on the dwelling's chain: (kind 'complex'|'gebied', id, cap)."""
        d = self.cls.round.dwellings[dwelling]
        out = []
        caps = self.cls.round.complex_caps
        if d.complex in caps and self.complex_used.get(d.complex, 0) >= caps[d.complex]:
            out.append(("complex", d.complex, caps[d.complex]))
        tree = self.cls.tree
        for a in tree.chains[tree.index[d.area]]:
            cap = tree.cap[a]
            if cap is not None and self.area_used[a] >= cap:
                out.append(("gebied", tree.ids[a], cap))
        return out
