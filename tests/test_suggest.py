"""Claims that may state a proposition without being linked to it (``link.suggest``): ranked by their vectors and
their terms, with the terms they share as a reason; never a claim of it, in another proposition or taken out by a
reviewer."""

from __future__ import annotations

from claimscope.link.similarity import ClaimView, cosine, with_vectors
from claimscope.link.suggest import FLOOR, homes, suggestions
from claimscope.link.words import terms
from claimscope.pack import bundled_pack_dir, load_pack

PACK = load_pack(bundled_pack_dir())


def view(claim_id: str, document: str, text: str) -> ClaimView:
    return ClaimView(claim_id, document, terms(text, PACK), frozenset(), text)


VIEWS = with_vectors([
    view("a1", "A", "The MEK helped Saddam Hussein suppress the 1991 uprisings in Iraq."),
    view("b1", "B", "In 1991 the Mojahedin took part in crushing the Kurdish and Shia uprisings for Saddam Hussein."),
    view("c1", "C", "Saddam Hussein's forces suppressed the uprisings of 1991 with help from the MEK."),
    view("c2", "C", "The price of oil rose sharply in the spring."),
    view("d1", "D", "The MEK denies any role in the 1991 uprisings."),
    view("e1", "E", "The People's Mujahedin fought for the Iraqi dictator against the rebels after the Gulf War."),
])


def test_best_first_with_the_shared_terms_as_reason() -> None:
    found = suggestions({"a1"}, VIEWS, pack=PACK)
    assert [s.claim for s in found] == ["c1", "d1", "b1", "e1"]  # the price of oil is about something else
    assert all(s.score >= FLOOR for s in found) and found == sorted(found, key=lambda s: -s.score)
    # pack entities by their names, never their tokens ("@mek")
    assert found[1].reason() == "shares People's Mojahedin Organization of Iran, 1991 uprisings in Iraq"
    assert "Saddam Hussein" in found[0].shared and "help" in found[0].shared


def test_the_meaning_lifts_a_paraphrase_in_other_words() -> None:
    # "fought for the Iraqi dictator against the rebels after the Gulf War" shares only the group's name with "helped
    # Saddam Hussein suppress the 1991 uprisings": its terms alone score under the floor, its vector brings it over
    paraphrase = next(s for s in suggestions({"a1"}, VIEWS, pack=PACK) if s.claim == "e1")
    terms_alone = cosine(VIEWS[0].words, VIEWS[5].words)
    assert paraphrase.shared == ["People's Mojahedin Organization of Iran"] and terms_alone < FLOOR < paraphrase.score
    assert suggestions({"a1"}, [VIEWS[0], VIEWS[3]]) == []  # nothing near the price of oil


def test_members_and_taken_claims_are_never_suggested() -> None:
    found = suggestions({"a1", "b1"}, VIEWS, taken={"d1"}, pack=PACK)
    assert {s.claim for s in found} == {"c1", "e1"}
    assert suggestions({"a1"}, VIEWS, limit=1, pack=PACK)[0].claim == suggestions({"a1"}, VIEWS, pack=PACK)[0].claim
    assert suggestions({"zz"}, VIEWS) == []  # a proposition whose claims are not stored suggests nothing


def test_the_propositions_a_claim_may_state() -> None:
    by_id = {v.id: v for v in VIEWS}
    groups = {"p-uprisings": [by_id["a1"], by_id["b1"]], "p-oil": [by_id["c2"]]}
    [home] = homes(by_id["d1"], groups, PACK)  # nothing near the price of oil
    assert home.proposition == "p-uprisings" and home.reason().startswith("shares ")
    assert home.score == next(s for s in suggestions({"a1", "b1"}, VIEWS, pack=PACK) if s.claim == "d1").score


def test_a_name_two_entities_share_is_shown_as_written_not_as_both() -> None:
    from claimscope.link.suggest import shared

    # "Rajavi" is Massoud or Maryam: the reason said "shares Maryam Rajavi, Massoud Rajavi" for two claims about
    # Massoud that never name Maryam (the fact-checker's review, F12)
    led = view("a", "d1", "After the revolution, Rajavi assumed leadership of the People's Mujahedin of Iran.")
    joined = view("b", "d2", "Rajavi joined the MEK when he was 20 and a law student at the University of Tehran.")
    named = view("c", "d3", "Massoud Rajavi led the MEK after the revolution.")
    assert shared(led, joined, PACK) == ["Rajavi", "People's Mojahedin Organization of Iran"]
    assert shared(led, named, PACK)[0] == "Massoud Rajavi"  # one of them names him: his name
