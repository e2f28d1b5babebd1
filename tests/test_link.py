"""Claim similarity and clustering: terms, fixed weights, a score that depends on the two claims alone, and exact
candidates. Hand-built sentences; no spaCy model is loaded."""

from __future__ import annotations

import itertools
import random

from claimscope.link import weights
from claimscope.link.cluster import GROUP_AVERAGE, MERGE, candidate_pairs, components, cross_pairs, groups, links
from claimscope.link.similarity import ClaimView, bundled_pack, link_score, score, settings, similarity
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


def test_the_same_names_with_nothing_said_of_them_alike_make_no_link() -> None:
    # a reader pasted the first: the pair model had linked it to a biography line by the names alone (0.56)
    denial = "The MEK denied that it carried out the bombing, according to a statement by Maryam Rajavi."
    biography = "Maryam Rajavi and the MEK actively opposed the Shah of Iran."
    assert terms(denial, PACK) & terms(biography, PACK) == {"@mek", "@maryam-rajavi"}
    assert similarity(denial, biography) == 0.0
    assert similarity(denial, "Maryam Rajavi and the MEK") == 0.0  # however much of the two the names are
    # an event or a work of the pack is what happened or was made, not who: sharing it is something said alike
    assert "!uprisings-1991" in terms("the 1991 uprisings", PACK)
    assert "!country-reports-on-terrorism" in terms("Country Reports on Terrorism", PACK)
    uprisings = "The MEK's role in the 1991 uprisings in Iraq"
    assert similarity(uprisings, "The MEK and the 1991 uprisings in Iraq") >= settings().threshold


def test_the_score_is_a_function_of_the_two_claims_alone() -> None:
    x = ClaimView.of("a", "d1", "Governor Romney's plan calls for a $5 trillion tax cut.", [])
    y = ClaimView.of("b", "d2", "I'm not looking for a $5 trillion tax cut.", [])
    z = ClaimView.of("c", "d3", "The president cut $716 billion from Medicare.", [])
    alone = dict(((a, b), s) for a, b, s in links([x, y]))
    with_more = dict(((a, b), s) for a, b, s in links([z, y, x]))
    assert alone == {("a", "b"): link_score(x, y)} and with_more[("a", "b")] == alone[("a", "b")]


def test_different_figures_and_too_little_in_common_lower_the_score() -> None:
    assert similarity("He cut $716 billion from Medicare.", "He cut $500 billion from Medicare.") < \
        similarity("He cut $716 billion from Medicare.", "He cut $716 billion from Medicare programs.")
    assert similarity("Vice President Nixon, please.", "A question for the Vice President.") == 0.0


def test_candidates_miss_no_pair_that_the_pair_model_may_read() -> None:
    rng = random.Random(5)
    vocabulary = ["tax", "cut", "medicare", "voucher", "billion", "iraq", "war", "troops", "oil", "drilling",
                  "uprisings", "suppressed", "kurdish", "embassy", "attacks", "nafta", "deal", "jobs", "wealthy"]
    views = [ClaimView.of(f"c{i}", f"d{i % 4}", " ".join(rng.sample(vocabulary, rng.randint(3, 8))), [])
             for i in range(120)]
    floor = settings().pair_floor  # below it a pair never links (its score is at most (1 - w) x the floor)
    assert (1 - settings().pair_weight) * floor < settings().threshold
    expected = {(i, j) for i, j in itertools.combinations(range(len(views)), 2)
                if views[i].document != views[j].document and score(views[i], views[j]) >= floor}
    assert expected and expected <= candidate_pairs(views)
    # a new document's claims against the stored ones (cluster.cross_pairs): the same pairs, whatever the split
    across = {(i, j - 40) for i, j in candidate_pairs(views) if i < 40 <= j}
    assert across and set(cross_pairs(views[:40], views[40:])) == across


def test_a_path_of_links_does_not_chain_into_one_group() -> None:
    # a-b, b-c and c-d are linked, a and d are not: components make one group, the average of a and b with c and d
    # (one link of four pairs, 0.1) is below GROUP_AVERAGE, so they stay two
    documents = {c: f"d-{c}" for c in "abcd"}
    path = [("a", "b", 0.4), ("b", "c", 0.4), ("c", "d", 0.4)]
    assert 0.4 / 4 < GROUP_AVERAGE <= 0.4 / 2
    assert components(documents, [(a, b) for a, b, _ in path]) == [["a", "b", "c", "d"]]
    assert groups(documents, path) == [["a", "b"], ["c", "d"]]
    # a claim linked to one claim of a linked pair (a paraphrase, then its denial) joins them
    assert groups(documents, path[:2]) == [["a", "b", "c"], ["d"]]
    # the strongest links join first: c goes with d, and b-c alone (0.45 over four pairs) cannot join the pairs
    assert groups(documents, [("a", "b", 0.9), ("b", "c", 0.45), ("c", "d", 0.95)]) == [["a", "b"], ["c", "d"]]


def test_a_claim_its_denial_and_a_paraphrase_are_one_group_and_other_claims_stay_out() -> None:
    texts = {"claim": "In 1991, the MEK assisted Saddam Hussein in suppressing the Kurdish uprisings.",
             "denial": "The MEK denied that it assisted Saddam Hussein in suppressing the Kurdish uprisings.",
             "paraphrase": "They also helped Saddam Hussein suppress the Kurdish and Shia uprisings of 1991.",
             "other": "In April 1992, the MEK attacked Iranian embassies in 13 countries."}
    views = [ClaimView.of(key, f"d-{key}", text, [], PACK) for key, text in texts.items()]
    found = links(views)
    assert [g for g in groups({v.id: v.document for v in views}, found) if len(g) > 1] == \
        [["claim", "denial", "paraphrase"]]


def test_groups_do_not_depend_on_the_order_of_claims_and_links() -> None:
    rng = random.Random(11)
    documents = {f"c{i:03}": f"d{i % 7}" for i in range(150)}
    ids = sorted(documents)
    scored = []
    for _ in range(400):
        a, b = rng.sample(ids, 2)
        if documents[a] != documents[b]:
            scored.append((a, b, round(rng.choice([0.36, 0.4, 0.5, 0.5, 0.62, 0.8, 1.0]), 4)))  # ties on purpose
    expected = groups(documents, scored)
    assert max(map(len, expected)) < max(map(len, components(documents, [(a, b) for a, b, _ in scored])))
    for seed in range(5):
        shuffle = random.Random(seed)
        items = list(documents.items())
        shuffle.shuffle(items)
        edges = [(b, a, s) if shuffle.random() < 0.5 else (a, b, s) for a, b, s in scored]
        shuffle.shuffle(edges)
        assert groups(dict(items), edges) == expected


def test_a_reviewers_merge_joins_the_two_groups_as_they_are() -> None:
    documents = {"a": "d1", "b": "d2", "c": "d3", "x": "d1", "y": "d2", "z": "d4"}
    scored = [("a", "b", 0.7), ("b", "c", 0.6), ("a", "c", 0.5), ("x", "y", 0.8), ("y", "z", 0.45)]
    before = groups(documents, scored)
    assert before == [["a", "b", "c"], ["x", "y", "z"]]
    # nothing links c to z, and the merge does not reshape either group: it joins them whole
    assert groups(documents, [*scored, ("c", "z", MERGE)]) == [["a", "b", "c", "x", "y", "z"]]
    # a merge of two claims with no links at all, even from one document, and a link to an unknown claim
    assert groups({"p": "d1", "q": "d1", "r": "d2"}, [("q", "p", MERGE), ("p", "gone", 0.9)]) == [["p", "q"], ["r"]]


def test_a_link_within_one_document_attaches_a_claim_left_alone() -> None:
    # d1 asserts a (linked to b of d2) and reports its denial, x: a link within d1 takes no part in the averages,
    # but x, left alone, joins the group of its partner
    assert groups({"a": "d1", "x": "d1", "b": "d2"}, [("a", "b", 0.6), ("x", "a", 0.3)]) == [["a", "b", "x"]]
    # to its strongest partner's group: x's link to w (0.9) beats its link to a (0.3)
    documents = {"a": "d1", "x": "d1", "w": "d1", "b": "d2", "c": "d3"}
    scored = [("a", "b", 0.6), ("a", "x", 0.3), ("x", "w", 0.9), ("w", "c", 0.7)]
    assert groups(documents, scored) == [["a", "b"], ["c", "w", "x"]]
    # both ends alone: nothing to attach to
    assert groups({"a": "d1", "x": "d1"}, [("a", "x", 0.8)]) == [["a"], ["x"]]
    # the partner in a group named by another claim (a group is keyed by its smallest id): c is not a key
    assert groups({"a": "d2", "c": "d1", "x": "d1"}, [("a", "c", 0.6), ("c", "x", 0.4)]) == [["a", "c", "x"]]


def test_the_shipped_word_weights_match_the_lexicon() -> None:
    # rebuild with: .venv/bin/python -m claimscope.link.weights --shared ../shared
    import json
    from importlib import resources

    data = json.loads((resources.files("claimscope") / "models" / weights.FILE).read_text(encoding="utf-8"))
    assert data["lexicon"] == weights.lexicon_digest(), "link.yaml changed: rebuild models/word_weights.json"
    assert data["weights"]["medicare"] > data["weights"]["tax"] > 1.0
