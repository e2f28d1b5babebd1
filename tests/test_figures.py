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
        "country": ("countries", {"13": "13 different countries"})}  # not "North": a preposition ends what it counts
    assert figures("Four thousand people a day")["people"] == ("people", {"4000": "Four thousand people"})
    assert figures("at least 8,000 people cross")["people"][1] == {"at least 8000": "at least 8,000 people"}
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


def test_number_words_combine_into_one_figure() -> None:
    assert figures("twenty three countries")["country"][1] == {"23": "twenty three countries"}
    assert figures("twenty-three countries")["country"][1] == {"23": "twenty-three countries"}
    assert figures("twenty-one ships")["ship"][1] == {"21": "twenty-one ships"}
    assert figures("one hundred and three people")["people"][1] == {"103": "one hundred and three people"}
    assert figures("two hundred thousand people")["people"][1] == {"200000": "two hundred thousand people"}
    assert figures("a thousand people")["people"][1] == {"1000": "a thousand people"}
    assert figures("half a million people")["people"][1] == {"500000": "half a million people"}
    assert figures("one million two hundred thousand people")["people"][1] == {
        "1200000": "one million two hundred thousand people"}
    # "one" and "a" alone are no figures; numbers that do not make one number stay apart
    assert figures("one of the groups, a thousand-year war") == {}
    assert figures("ten three-year terms")["term"][1] == {"10": "ten three-year terms"}
    assert figures("twenty a day")["day"][1] == {"20": "twenty a day"}


def test_a_space_may_separate_thousands() -> None:
    for space in (" ", "\u00a0", "\u202f"):
        assert figures(f"at least 8{space}000 people cross")["people"][1] == {"at least 8000": "at least 8 000 people"}
    assert figures("in 2 000 cases")["case"][1] == {"2000": "2 000 cases"}
    assert figures("1 200 000 votes")["vote"][1] == {"1200000": "1 200 000 votes"}
    assert figures("groups 1 3 5 people")["people"][1] == {"5": "5 people"}  # no groups of three digits: apart
    assert figures("In 1992 500 people died")["people"][1] == {"500": "500 people"}


def test_ranges_are_read_as_one_figure_with_two_ends() -> None:
    assert figures("between 3,000 and 5,000 people") == {
        "people": ("people", {"3000-5000": "between 3,000 and 5,000 people"})}
    assert figures("3,000-5,000 people")["people"][1] == {"3000-5000": "3,000-5,000 people"}
    assert figures("3,000\u20135,000 people")["people"][1] == {"3000-5000": "3,000\u20135,000 people"}
    assert figures("3,000 to 5,000 people")["people"][1] == {"3000-5000": "3,000 to 5,000 people"}
    assert figures("from 10 to 13 countries")["country"][1] == {"10-13": "10 to 13 countries"}
    assert figures("3-5 million people")["people"][1] == {"3000000-5000000": "3-5 million people"}
    assert figures("between two hundred and three hundred people")["people"][1] == {
        "200-300": "between two hundred and three hundred people"}
    assert figures("between 3% and 5% of votes")["vote"][1] == {"3-5%": "between 3% and 5% of votes"}
    assert figures("between $500 and $700 billion dollars")["dollar"][1] == {
        "500000000000-700000000000": "between $500 and $700 billion dollars"}
    # years, dates and scores are no ranges; a fall from one figure to another gives the figure it fell to
    assert figures("in the 1980-1988 war, from 1986 to 2003 attacks, between 1990 and 2000 people") == {}
    assert figures("on 5-10 April, in a 3-2 vote, on 2003-04-05 attacks") == {}
    assert figures("cut from 13 to 3 countries")["country"][1] == {"3": "3 countries"}


def test_a_figure_within_a_range_does_not_differ_from_it() -> None:
    assert differences([("a", "4,000 people crossed"), ("b", "3,000-5,000 people crossed")]) == []
    assert differences([("a", "between 3 and 5 countries"), ("b", "4 to 6 countries")]) == []  # they overlap
    assert differences([("a", "50 percent of votes"), ("b", "40-60% of votes")]) == []
    found = differences([("a", "in 13 countries"), ("b", "in 3-5 countries")])
    assert [(d.thing, [(figure, written, sorted(docs)) for figure, written, docs in d.figures]) for d in found] == [
        ("countries", [("13", "13 countries", ["a"]), ("3-5", "3-5 countries", ["b"])])]


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


def listed(claims: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Each thing the claims differ on, with its figures as shown to readers."""
    return [(d.thing, [written for _, written, _ in d.figures]) for d in differences(claims)]


def test_what_a_figure_counts_ends_at_a_preposition() -> None:
    # false alarms found by a review: the place after "at" was read as a thing both count, differently
    assert figures("Iraq gave the MEK 50 tanks at Camp Ashraf in 1986.") == {"tank": ("tanks", {"50": "50 tanks"})}
    # "on" was YAML's true in the list of prepositions, so "border" was counted too
    assert figures("Iraq gave the MEK 50 tanks on the border in 1986.") == {"tank": ("tanks", {"50": "50 tanks"})}
    assert listed([("a", "Iraq gave the MEK 50 tanks at Camp Ashraf in 1986."),
                   ("b", "Iraq housed 3,000 fighters at Camp Ashraf in 1986.")]) == []
    assert "cash" not in figures("Iraq paid it $5 million a year in cash.")
    assert listed([("a", "Iraq paid it $5 million a year in cash."), ("b", "Iraq paid it $50 million a year.")]) == [
        ("year", ["$5 million a year", "$50 million a year"])]
    # "of" may lead from a figure to what it counts
    assert figures("30 percent of the MEK fighters")["fighter"][1] == {"30%": "30 percent of the MEK fighters"}
    assert figures("13 in Europe") == {}


def test_numbers_that_identify_or_name_something_are_no_figures() -> None:
    assert listed([("a", "Resolution 598 ended the Iran-Iraq war."), ("b", "Resolution 582 ended the Iran-Iraq war.")
                   ]) == []
    assert listed([("a", "Article 5 of the Fourth Geneva Convention applies."),
                   ("b", "Article 6 of the Fourth Geneva Convention applies.")]) == []
    assert listed([("a", "After the 9-11 attacks the MEK was listed."), ("b", "After the 3 attacks it was listed.")]) \
        == []
    for text in ("UN Security Council Resolution 598 ended the war", "Articles 5-7 of the Convention", "No. 7 Brigade",
                 "the 9/11 attacks", "news 24/7 since", "After 9-11 attacks"):
        assert figures(text) == {}, text
    # the figures near them still count
    assert figures("Flight 655 was shot down, killing 290 people")["people"][1] == {"290": "290 people"}
    assert figures("after the 9/11 attacks 3,000 people died")["people"][1] == {"3000": "3,000 people"}


def test_a_percentage_does_not_contradict_a_count() -> None:
    assert listed([("a", "about 30 percent of the MEK fighters were women"),
                   ("b", "about 3,000 MEK fighters were women")]) == []
    assert listed([("a", "3% of votes"), ("b", "3-5 votes")]) == []
    assert listed([("a", "30% of votes"), ("b", "60% of votes")]) == [("votes", ["30% of votes", "60% of votes"])]
    # where counts differ, a percentage given for the same thing is no part of the difference
    assert listed([("a", "30 percent of the fighters"), ("b", "3,000 fighters"), ("c", "300 fighters")]) == [
        ("fighters", ["300 fighters", "3,000 fighters"])]
    # one comparable pair that holds is enough
    assert listed([("a", "30% of fighters, 3,000 fighters"), ("b", "3,000 fighters, 60% of fighters")]) == []


def test_words_that_bound_a_figure_make_it_a_range() -> None:
    assert listed([("a", "Up to 30,000 political prisoners were executed."),
                   ("b", "At least 2,800 political prisoners were executed.")]) == []
    assert listed([("a", "More than 3,000 political prisoners died."), ("b", "About 30,000 political prisoners died.")
                   ]) == []
    assert listed([("a", "about 3,000 members"), ("b", "3,400 members")]) == []
    assert listed([("a", "nearly 3,000 members"), ("b", "some 2,300 members")]) == []
    # shown as written, bound and all; bounds still leave room for a difference
    assert figures("about 3,000 members") == {"member": ("members", {"about 3000": "about 3,000 members"})}
    assert listed([("a", "about 3,000 members"), ("b", "4,000 members")]) == [
        ("members", ["4,000 members", "about 3,000 members"])]
    assert listed([("a", "at least 3,000 members"), ("b", "2,000 members")]) == [
        ("members", ["2,000 members", "at least 3,000 members"])]
    assert listed([("a", "up to 3,000 members"), ("b", "fewer than 5,000 members"), ("c", "5,000 members")]) == [
        ("members", ["5,000 members", "fewer than 5,000 members", "up to 3,000 members"])]
    assert listed([("a", "nearly $5 million a year"), ("b", "$5.5 million a year")]) == [
        ("year", ["$5.5 million a year", "nearly $5 million a year"])]
    # exact figures still differ
    assert listed([("a", "in 13 countries"), ("b", "in 3 countries")]) == [
        ("countries", ["13 countries", "3 countries"])]
    assert listed([("a", "8,000 people."), ("b", "four thousand people.")]) == [
        ("people", ["four thousand people", "8,000 people"])]


def test_a_spaced_hyphen_between_rising_numbers_is_a_range() -> None:
    assert figures("3,000 - 3,500 residents")["resident"][1] == {"3000-3500": "3,000 - 3,500 residents"}
    assert listed([("a", "3,000 - 3,500 residents left"), ("b", "3,400 residents left")]) == []
    assert listed([("a", "3,000\u20133,500 residents left"), ("b", "3,400 residents left")]) == []
    # years, and numbers that do not rise, are read alone
    assert figures("the war of 1980 - 1988 killed 13 - 3 people") == {"people": ("people", {"3": "3 people"})}


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


def test_a_correction_does_not_give_the_figure_it_rejects() -> None:
    assert figures("The attacks were in 10 countries, not 13, a spokesman said.")["country"][1] == \
        {"10": "10 countries"}
    assert set(figures("in 10 countries rather than 13 countries")["country"][1]) == {"10"}
    assert set(figures("in 10 countries, not in 13 countries")["country"][1]) == {"10"}
    assert set(figures("The group did not attack 13 embassies.")["embassy"][1]) == {"13"}  # a denial, not a correction
    # a correction was counted as support: it shared "13 countries" with the claims it corrects
    agreeing = [member("a", "Example Daily", "In April 1992 the MEK attacked Iranian embassies in 13 countries."),
                member("b", "Example Weekly", "In April 1992 the MEK attacked embassies in thirteen countries.")]
    correcting = member("c", "Example Monthly", "In April 1992 the MEK attacked Iranian embassies in 10 countries "
                        "rather than 13 countries, a spokesman said.")
    graded = grade(facts_of([*agreeing, correcting], None, {}))
    assert graded.credibility == 3 and any("“10 countries” in “Title c”" in r for r in graded.reasons)


def dated(doc: str, text: str, when: str, checkworthiness: float = 0.9) -> Member:
    m = member(doc, f"Publisher {doc}", text, checkworthiness)
    m.claim.when = when
    return m


def test_documents_that_date_it_differently_are_not_counted_as_confirming_each_other() -> None:
    agreeing = [dated("a", "The MEK moved its headquarters to Baghdad in 1986.", "1986"),
                dated("b", "In June 1986 the MEK moved its headquarters to Iraq.", "1986-06")]  # June 1986 is in 1986
    assert grade(facts_of(agreeing, None, {})).credibility == 2
    outlier = dated("c", "The MEK moved its headquarters to Baghdad in 1987, after leaving Paris.", "1987", 0.99)
    graded = grade(facts_of([*agreeing, outlier], None, {}))
    assert graded.credibility == 3 and "which give different figures or dates" in graded.reasons[-1]
    assert "The supporting claims give different dates: “1986” in “Title a”, “June 1986” in “Title b”, “1987” in " \
        "“Title c”. They do not confirm each other on it." in graded.reasons
    # the wording that stands for it gives a date most documents give, though the outlier is more check-worthy
    assert Proposition("p-x", [*agreeing, outlier], graded).text in {m.claim.text for m in agreeing}
    # a decade, an interval or an open time is no date to differ on: "in the 1980s" does not contradict "in 1991"
    vague = [dated("d", "The MEK received arms from Iraq in the 1980s.", "198X"),
             dated("e", "During the war the MEK received arms from Iraq.", "1980-09-22/1988-08-20")]
    assert grade(facts_of([*vague, dated("f", "The MEK received arms from Iraq in 1991.", "1991")], None, {})
                 ).credibility == 2


def test_a_date_from_another_part_of_a_claim_is_no_different_date() -> None:
    # the first time a claim names dates it, though it may be another part's or a side remark's (found by a review)
    meeting = [dated("a", "Massoud Rajavi met Saddam Hussein in Baghdad in 1986.", "1986"),
               dated("b", "Massoud Rajavi met Saddam Hussein in Baghdad in 1986, a 2005 report says.", "2005"),
               dated("c", "In 1981 Rajavi fled to Paris, and he met Saddam Hussein in Baghdad in 1986.", "1981")]
    graded = grade(facts_of(meeting, None, {}))
    assert graded.credibility == 2 and not any("different dates" in r for r in graded.reasons)


def test_sources_the_pack_does_not_place_count_once_among_the_independent() -> None:
    from claimscope.pack import bundled_pack_dir, load_pack

    pack = load_pack(bundled_pack_dir())
    blogs = [member("a", "Iran Truth Blog", "In April 1992 the MEK attacked Iranian embassies in 13 countries."),
             member("b", "Free Iran Blog", "In April 1992 the MEK attacked embassies in thirteen countries.")]
    graded = grade(facts_of(blogs, pack, {}))  # two unknown blogs may be one party's outlets (graded B2 before)
    assert (graded.reliability, graded.credibility) == ("B", 3)
    assert "2 of them come from publishers the pack does not place: whether they are independent of each other is " \
        "unknown, so they count once." in graded.reasons
    state = member("c", "U.S. Department of State", "In April 1992 the MEK attacked embassies in 13 countries.")
    assert grade(facts_of([blogs[0], state], pack, {})).credibility == 2  # a party's source and an unplaced one
