"""Claim similarity and clustering: terms, fixed weights, a score that depends on the two claims alone, and exact
candidates. Hand-built sentences; no spaCy model is loaded."""

from __future__ import annotations

import itertools
import random

from claimscope.link import weights
from claimscope.link.cluster import candidate_pairs, links
from claimscope.link.similarity import ClaimView, bundled_pack, score, settings, similarity
from claimscope.link.words import terms

PACK = bundled_pack()


def test_pack_names_synonyms_and_figures_fold_to_one_term() -> None:
    a = terms("Baghdad armed the People's Mojahedin Organization of Iran with $716 billion", PACK)
    b = terms("The MEK received weapons worth $716 billion from Baghdad", PACK)
    assert {"@mek", "@baghdad", "~weapon", "#716billion"} <= a & b
    assert "@mek" not in terms("Let us meet the mek", PACK)  # capitals-only aliases stay in capitals
    assert "~united-states" in terms("U.S. citizens were killed") and "~united-states" not in terms("Tell us more")
    assert terms("95 percent of families") == terms("95% of families")


def test_a_claim_and_its_denial_share_their_terms() -> None:
    claim = "In 1991, the MEK assisted Saddam Hussein in suppressing the Kurdish uprisings."
    denial = "The MEK has always denied that it never assisted Saddam Hussein in suppressing the Kurdish uprisings."
    assert terms(claim, PACK) - {"#1991"} == terms(denial, PACK)  # denial, negation and "always" are stop words
    assert similarity(claim, denial) >= settings().threshold


def test_the_score_is_a_function_of_the_two_claims_alone() -> None:
    x = ClaimView.of("a", "d1", "Governor Romney's plan calls for a $5 trillion tax cut.", [])
    y = ClaimView.of("b", "d2", "I'm not looking for a $5 trillion tax cut.", [])
    z = ClaimView.of("c", "d3", "The president cut $716 billion from Medicare.", [])
    alone = dict(((a, b), s) for a, b, s in links([x, y]))
    with_more = dict(((a, b), s) for a, b, s in links([z, y, x]))
    assert alone == {("a", "b"): score(x, y)} and with_more[("a", "b")] == alone[("a", "b")]


def test_different_figures_and_too_little_in_common_lower_the_score() -> None:
    assert similarity("He cut $716 billion from Medicare.", "He cut $500 billion from Medicare.") < \
        similarity("He cut $716 billion from Medicare.", "He cut $716 billion from Medicare programs.")
    assert similarity("Vice President Nixon, please.", "A question for the Vice President.") == 0.0


def test_candidates_miss_no_pair_that_reaches_the_threshold() -> None:
    rng = random.Random(5)
    vocabulary = ["tax", "cut", "medicare", "voucher", "billion", "iraq", "war", "troops", "oil", "drilling",
                  "uprisings", "suppressed", "kurdish", "embassy", "attacks", "nafta", "deal", "jobs", "wealthy"]
    views = [ClaimView.of(f"c{i}", f"d{i % 4}", " ".join(rng.sample(vocabulary, rng.randint(3, 8))), [])
             for i in range(120)]
    threshold = settings().threshold
    expected = {(i, j) for i, j in itertools.combinations(range(len(views)), 2)
                if views[i].document != views[j].document and score(views[i], views[j]) >= threshold}
    assert expected and expected <= candidate_pairs(views)


def test_the_shipped_word_weights_match_the_lexicon() -> None:
    # rebuild with: .venv/bin/python -m claimscope.link.weights --shared ../shared
    import json
    from importlib import resources

    data = json.loads((resources.files("claimscope") / "models" / weights.FILE).read_text(encoding="utf-8"))
    assert data["lexicon"] == weights.lexicon_digest(), "link.yaml changed: rebuild models/word_weights.json"
    assert data["weights"]["medicare"] > data["weights"]["tax"] > 1.0
