"""What any pair score for linking must keep (issue 5): it never exceeds the weighted cosine of the two claims' terms
(candidate generation by prefix filtering relies on it), it is a function of the stored terms alone (stored links
are rebuilt from them), and a claim and its denial stay the same proposition. The default holds its dev-half
figures, and the learned pair scorer measured in benchmarks/bench_link.py (benchmarks/pair_features.py) is fitted
on the dev half alone."""

from __future__ import annotations

import itertools
import json
import sys

import numpy as np
import pytest

from claimscope.link.similarity import ClaimView, bundled_pack, cosine, link_score, score, settings
from conftest import ROOT, SHARED, need

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_link  # noqa: E402
import pair_features  # noqa: E402
import pairset  # noqa: E402

PACK = bundled_pack()
SENTENCES = [
    "I'll restore that $716 billion to Medicare.",
    "But on Medicare, for current retirees, he's cutting $716 billion from the program.",
    "He cut $500 billion from Medicare.",
    "In 1991, the MEK assisted Saddam Hussein in suppressing the Kurdish uprisings.",
    "The MEK has always denied that it took any part in crushing the 1991 Kurdish and Shia uprisings in Iraq.",
    "They also helped Saddam Hussein suppress the Kurdish and Shia uprisings of 1991.",
    "In April 1992, the MEK attacked Iranian embassies in 13 countries.",
    "Governor Romney's plan calls for a $5 trillion tax cut.",
    "I'm not looking for a $5 trillion tax cut.",
    "Vice President Nixon, please.",
]


def views(texts: list[str]) -> list[ClaimView]:
    return [ClaimView.of(f"c{i}", f"d{i}", text, [], PACK) for i, text in enumerate(texts)]


def check_bound_and_terms(found: list[ClaimView]) -> None:
    for x, y in itertools.combinations(found, 2):
        value = score(x, y)
        assert value <= cosine(x.words, y.words) + 1e-4, (x.id, y.id)  # rounding to 4 places
        assert value == score(y, x)
        # as index.py rebuilds a claim from its stored terms and text
        stored_x = ClaimView(x.id, x.document, x.words, frozenset(), x.text)
        stored_y = ClaimView(y.id, y.document, y.words, frozenset(), y.text)
        assert score(stored_x, stored_y) == value
        assert link_score(stored_x, stored_y) == link_score(y, x) == link_score(x, y)


def test_the_score_never_exceeds_the_cosine_and_needs_only_the_terms() -> None:
    check_bound_and_terms(views(SENTENCES))


def test_a_claim_and_its_denial_stay_the_same_proposition() -> None:
    claim, denial, _, other = views(SENTENCES[7:9] + SENTENCES[2:3] + SENTENCES[6:7])
    assert link_score(claim, denial) >= settings().threshold > link_score(claim, other)


@pytest.mark.slow
def test_the_bound_holds_on_every_sentence_of_the_pair_set() -> None:
    need(SHARED / "data" / "claimbuster")
    _, a, b = pairset.load_pairs(SHARED)
    found = views(sorted(set(a) | set(b)))
    check_bound_and_terms(found[::3])  # a third of the sentences, every pair among them
    check_bound_and_terms([v for v in found if any(w.startswith("#") for w in v.words)])  # all with figures


@pytest.mark.slow
def test_the_default_keeps_its_dev_half_figures() -> None:
    # chosen on dev (data/link.yaml): P 0.81, R 0.71 there with the pair model (on an AVX2-only CPU), where the
    # terms alone get P 0.86, R 0.66 at their own threshold; the test half is reported by bench_link.py, never gated
    need(SHARED / "data" / "claimbuster")
    data, a, b = pairset.load_pairs(SHARED)
    scores = bench_link.link_similarity(a, b, sorted(set(a) | set(b)))
    terms = bench_link.terms_similarity(a, b, [])
    dev, _, gold = pairset.halves(data)
    precision, recall, _ = pairset.prf(scores[dev], gold[dev], settings().threshold)
    _, terms_recall, _ = pairset.prf(terms[dev], gold[dev], bench_link.TERMS_THRESHOLD)
    # a margin of a pair or two: int8 kernels differ by CPU, and 85 dev pairs are "same"
    assert precision >= 0.78 and recall >= 0.68 and recall > terms_recall


@pytest.mark.slow
def test_the_default_finds_nearly_every_same_pair_of_the_debate_sample() -> None:
    # out of sample (tests/data/debate_pairs.md): recall 0.95 in the sample, precision only 0.32 (0.23 weighted to
    # the candidate pool); benchmarks/HISTORY.md
    need(SHARED / "data" / "claimbuster")
    _, points = bench_link.debate_pairs(SHARED)
    precision, recall = points["sample"]
    assert recall >= 0.9 and precision > 0.2, points


def test_the_learned_pair_scorer_never_sees_the_test_labels() -> None:
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(3)
    ids = [f"p{i:03}" for i in range(80)]
    labels = ["same" if i % 3 == 0 else "related" for i in range(80)]
    data = {"pairs": [{"id": i, "label": label} for i, label in zip(ids, labels, strict=True)],
            "split": {"dev": ids[:40], "test": ids[40:]}}
    features = rng.normal(size=(80, 4)) + np.array([[label == "same"] * 4 for label in labels], dtype=float)
    scores, c = pair_features.learned_scores(features, data)
    flipped = json.loads(json.dumps(data))
    for p in flipped["pairs"][40:]:
        p["label"] = "related" if p["label"] == "same" else "same"
    again, c_again = pair_features.learned_scores(features, flipped)
    assert c == c_again and np.array_equal(scores, again)
