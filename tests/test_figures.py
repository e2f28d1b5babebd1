"""Where the claims of one proposition give different figures: they do not confirm each other on it."""

from __future__ import annotations

from claimscope.grade import grade
from claimscope.link.figures import differences, figures
from claimscope.link.propositions import Member, Proposition
from claimscope.link.support import facts_of
from claimscope.model import Claim, Source, Stance, make_id


def test_figures_read_digits_words_and_multipliers_but_not_years_footnotes_or_ordinals() -> None:
    assert figures("attacks on embassies in 13 different countries in North America") == {
        "different": ("different", {"13": "13 different"}),
        "country": ("countries", {"13": "13 different countries"}),
        "north": ("North", {"13": "13 different countries in North"})}
    assert figures("Four thousand people a day")["people"] == ("people", {"4000": "Four thousand people"})
    assert figures("at least 8,000 people cross")["people"][1] == {"8000": "8,000 people"}
    assert figures("twenty-five ships and 95% of votes") == {
        "ship": ("ships", {"25": "twenty-five ships"}), "vote": ("votes", {"95%": "95% of votes"})}
    assert figures("In April 1992, in the 1980-1988 war, for the 13th time, the group,[18] acted.") == {}
    # the end of a spoken number is not a figure of its own; a figure followed by no word counts nothing
    assert figures("We have reduced the military manpower by a million four hundred thousand.") == {}
    assert figures("The budget was $716 billion.") == {}
    # a year before a comma, and a day of a date, are no counts; a month ends what a figure counts
    assert figures("In April 1992,\nthe MEK attacked. On 5 April 1992 and on April 17, it attacked again.") == {}
    assert figures("attacks in 13\ndifferent countries in April")["country"] == ("countries", {
        "13": "13 different countries"})


def test_only_figures_that_share_nothing_for_one_thing_differ() -> None:
    found = differences([("a", "In April 1992 the MEK attacked Iranian embassies in 13 countries."),
                         ("b", "In April 1992 it attacked embassies in 13 different countries in Europe."),
                         ("c", "In April 1992 the MEK attacked Iranian embassies in three countries.")])
    assert [(d.thing, [(written, sorted(docs)) for _, written, docs in d.figures]) for d in found] == [
        ("countries", [("13 countries", ["a", "b"]), ("three countries", ["c"])])]  # said once, not per word
    assert differences([("a", "killing some 70 high-ranking Iranian officials"), ("b", "killing 70 officials")]) == []
    assert differences([("a", "in 13 countries in 1992"), ("b", "in 13 countries in 1993")]) == []  # years differ
    assert differences([("a", "attacks in 13 countries"), ("b", "13 attacks in 3 cities")]) == []  # other things
    assert differences([("a", "Thirteen countries saw MEK attacks on Iranian embassies in April 1992."),
                        ("b", "In April 1992,\nthe MEK attacked embassies in 13 different countries."),
                        ("c", "On 5 April 1992, supporters of the MEK attacked embassies in 13 countries.")]) == []


def member(doc: str, publisher: str, text: str, checkworthiness: float = 0.9) -> Member:
    claim = Claim(make_id("cl", doc), text, 0, len(text), checkworthiness, "event",
                  [Stance("author", "the author", "asserts", "", 0, 0)])
    return Member(doc, f"Title {doc}", publisher, "unknown", claim,
                  [Source(id=f"s-{doc}", text=doc, kind="report", specificity="specific", publisher=publisher,
                          public=True)])


def test_documents_that_give_different_figures_are_not_counted_as_confirming_each_other() -> None:
    agreeing = [member("a", "Example Daily", "In April 1992 the MEK attacked Iranian embassies in 13 countries."),
                member("b", "Example Weekly", "In April 1992 the MEK attacked embassies in thirteen countries.")]
    outlier = member("c", "Example Monthly", "In April 1992 the MEK attacked Iranian embassies in 3 countries in "
                     "Europe and the Pacific Rim, an attack that demonstrated its reach.", checkworthiness=0.99)
    assert grade(facts_of(agreeing, None, {})).credibility == 2  # several independent sources, no denial
    facts = facts_of([*agreeing, outlier], None, {})
    graded = grade(facts)
    assert graded.credibility == 3 and "which give different figures" in graded.reasons[-1]
    assert "The supporting claims give different figures: “13 countries” in 2 documents, “3 countries” in “Title c”. " \
        "They do not confirm each other on it." in graded.reasons
    # the wording that stands for the proposition gives the figure most documents give, though the outlier's
    # claim is the more check-worthy
    assert Proposition("p-x", [*agreeing, outlier], graded).text in {m.claim.text for m in agreeing}
