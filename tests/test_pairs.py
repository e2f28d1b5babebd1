"""The shipped pair model (claimscope.link.pairs): a score of two texts alone, the same in parallel, and what it
adds to the terms' score."""

from __future__ import annotations

import itertools

from claimscope.link import pairs
from claimscope.link.similarity import combine, needs_model, settings

CLAIMS = [
    "The MEK fought alongside the Iraqi army against Iran during the war.",
    "During the Iran-Iraq war the Mojahedin fought on Iraq's side.",
    "The MEK denies that it ever fought alongside Iraqi forces.",
    "Governor Romney's plan calls for a $5 trillion tax cut.",
    "I'm not looking for a $5 trillion tax cut.",
    "We have cut the deficit in half over the last four years.",
    "Saddam Hussein's government gave the MEK weapons, money and bases.",
    "The State Department designated the MEK a terrorist organisation in 1997.",
]


def test_a_pair_scores_the_same_in_either_order_and_within_0_1() -> None:
    model = pairs.load()
    for a, b in itertools.combinations(CLAIMS, 2):
        value = model.score(a, b)
        assert 0.0 <= value <= 1.0 and value == model.score(b, a)


def test_many_pairs_score_the_same_in_threads() -> None:
    texts = [f"{claim} ({i})" for i in range(7) for claim in CLAIMS]
    many = list(itertools.combinations(texts, 2))[: pairs.PARALLEL_FROM + 50]
    model = pairs.load()
    assert pairs.score_pairs(many) == [model.score(a, b) for a, b in many]


def test_the_model_only_decides_the_pairs_between_the_floor_and_where_terms_alone_link() -> None:
    s = settings()
    assert not needs_model(s.pair_floor - 0.01) and not needs_model(s.terms_alone)
    assert combine(s.pair_floor - 0.01, None) < s.threshold <= combine(s.terms_alone, None)
    middle = (s.pair_floor + s.terms_alone) / 2
    assert needs_model(middle) and combine(middle, 1.0) >= s.threshold > combine(middle, 0.0)
