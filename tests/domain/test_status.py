from datetime import date

import pytest

from woonregie.domain.errors import IllegalTransition
from woonregie.domain.status import ALLOWED, NEEDS_REASON, PersonStatus, check_transition

S = PersonStatus
LEGAL = [(a, b) for a in S for b in S if b in ALLOWED[a]]
ILLEGAL = [(a, b) for a in S for b in S if b not in ALLOWED[a]]
D = date(2026, 1, 10)


def test_machine_has_the_designed_main_path():
    path = ["aangemeld", "in_voorbereiding", "uitstroomklaar", "voorgedragen", "gehuisvest",
            "nazorg", "afgesloten"]
    for a, b in zip(path, path[1:], strict=False):
        assert S(b) in ALLOWED[S(a)]


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_every_legal_transition_passes(source, target):
    check_transition(source, target, D, date(2026, 1, 1), "reden")


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_transition_names_the_move(source, target):
    with pytest.raises(IllegalTransition) as err:
        check_transition(source, target, D, None, "reden")
    assert f"{source} → {target}" in str(err.value)
    assert err.value.source == source and err.value.target == target


@pytest.mark.parametrize("target", sorted(NEEDS_REASON))
def test_side_exits_need_a_reason(target):
    source = next(s for s in S if target in ALLOWED[s])
    with pytest.raises(IllegalTransition, match="reden is verplicht"):
        check_transition(source, target, D, None, "  ")


def test_transition_cannot_go_back_in_time():
    with pytest.raises(IllegalTransition, match="ligt voor de vorige wijziging"):
        check_transition(S.AANGEMELD, S.IN_VOORBEREIDING, date(2025, 1, 1), D, "")


def test_counts_cover_the_whole_matrix():
    assert len(LEGAL) + len(ILLEGAL) == len(S) ** 2
    assert len(LEGAL) == 22  # 21 + afgesloten → aangemeld (registered again, issue 9)


def test_returns_are_moves_from_housed_back_to_care_or_registration():
    from woonregie.domain.status import is_return

    returns = [(a, b) for a, b in LEGAL if is_return(a, b)]
    assert sorted(returns) == sorted([(S.GEHUISVEST, S.TERUGGEVALLEN),
                                      (S.NAZORG, S.TERUGGEVALLEN),
                                      (S.AFGESLOTEN, S.TERUGGEVALLEN),
                                      (S.AFGESLOTEN, S.AANGEMELD)])
