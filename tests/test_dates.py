"""EDTF parsing stays quiet: the `edtf` package prints when an interval fails to build, which would corrupt
`claimscope audit --format json` on stdout."""

from __future__ import annotations

import pytest

from claimscope.dates import is_edtf, parse


def test_invalid_intervals_are_refused_without_printing(capsys: pytest.CaptureFixture[str]) -> None:
    assert is_edtf("1991") and is_edtf("198X") and is_edtf("2003/..") and is_edtf("1980-09-22/1988-08-20")
    assert not is_edtf("../198X") and not is_edtf("1991-13") and not is_edtf("last year")
    with pytest.raises(ValueError, match="not EDTF"):
        parse("../198X")
    assert capsys.readouterr().out == ""


def test_dates_are_ordered_by_what_they_mean_not_by_how_they_are_spelt() -> None:
    from claimscope.dates import bounds

    # a decade before its last year; an open interval by its start; an interval by its start, ending after
    # a year inside it; unknown years and non-dates last (the timeline's order)
    spelt = ["1979", "XXXX-09-23", "1986", "197X", "1980-09-22/1988-08-20", "1978/..", "../198X"]
    assert sorted(spelt, key=bounds) == ["197X", "1978/..", "1979", "1980-09-22/1988-08-20", "1986", "XXXX-09-23",
                                         "../198X"]
    assert bounds("1980-09-22/1988-08-20")[1] > bounds("1986")[1]


def test_open_intervals_sort_by_their_known_end_where_they_start_open() -> None:
    from claimscope.dates import bounds

    # a claim's "before the revolution" / "after the war" (claimscope.analyse.timex.claim_when): EDTF the parser
    # accepts, an open start sorting before every placed date and an open end ending after every one
    before, after = "../1978-01-07", "1988-08-20/.."
    assert is_edtf(before) and is_edtf(after)
    assert sorted(["1979", after, "1965-09-05", before], key=bounds) == [before, "1965-09-05", "1979", after]
    assert bounds(before)[1] == (1978, 1, 7) and bounds(after)[0] == (1988, 8, 20)
    assert bounds("XXXX-03-01/XXXX-04-05") == bounds("XXXX-09-23")  # a range of unknown year is unplaced too


def test_a_propositions_dates_are_its_wordings_time_and_the_times_that_overlap_it() -> None:
    from claimscope.grade import Grade
    from claimscope.link.propositions import Member, Proposition
    from claimscope.model import Claim

    def member(when: str | None, text: str = "x", doc: str = "d", published: str | None = None,
               worth: float = 0.5) -> Member:
        claim = Claim(id=f"c{when}{text}", text=text, start=0, end=1, checkworthiness=worth, kind="event", when=when)
        return Member(doc, None, None, "unknown", claim, [], published=published)

    def dates(*members: Member) -> tuple[str | None, str | None]:
        return Proposition("p", list(members), Grade("F", 6, [])).dates()

    # the wording (the most check-worthy claim) speaks of 1991; a claim's 1980s (another part of a compound
    # claim) does not widen it, the 1990s that hold 1991 do, from the first start to the last end (EDTF bounds)
    assert dates(member("1991", "In 1991 ...", worth=0.9), member("198X", "In the 1980s ... and in 1991 ..."),
                 member("199X", "In the 1990s ...")) == ("199X", "199X")
    assert dates(member("1991", "In 1991 ...", worth=0.9), member("1991-03", "In March 1991 ...")) == \
        ("1991", "1991")
    assert dates(member("1980-09-22/1988-08-20", "y", worth=0.9), member("1986", "z")) == \
        ("1980-09-22/1988-08-20", "1980-09-22/1988-08-20")
    # open-ended: from "until 1 June 1979" to "from 20 August 1988", both overlapping the wording's 1979-1988;
    # "until 7 January 1978" does not
    assert dates(member("1979/1988", "w", worth=0.9), member("../1979-06-01", "a"), member("1988-08-20/..", "b"),
                 member("../1978-01-07", "c")) == ("../1979-06-01", "1988-08-20/..")
    # a wording with no time: only times that claims of two documents agree on count, not the war one
    # judgement mentions in passing
    assert dates(member(None, "w", worth=0.9), member("1980-09-22/1988-08-20", "j", doc="e")) == (None, None)
    assert dates(member(None, "w", worth=0.9), member("1986", "a", doc="e"), member("198X", "b", doc="f"),
                 member("2003", "c", doc="g"), member("XXXX-09-23", "d", doc="h")) == ("198X", "198X")
    # an open-ended time is "the time until ...", not "speaks of until 7 January 1978"
    assert Proposition("p", [member("../1978-01-07", "Until 1978 ...")], Grade("F", 6, [])).times() == [
        ("speaks of the time", "../1978-01-07", None, "")]
    assert Proposition("p", [member("1991", "In 1991 ...")], Grade("F", 6, [])).times()[0][0] == "speaks of"


def test_a_proposition_says_when_its_documents_are_dated() -> None:
    from claimscope.grade import Grade
    from claimscope.link.propositions import Member, Proposition
    from claimscope.model import Claim

    def member(doc: str, published: str | None) -> Member:
        claim = Claim(id=f"c{doc}", text=doc, start=0, end=1, checkworthiness=0.5, kind="event")
        return Member(doc, None, None, "unknown", claim, [], published=published)

    p = Proposition("p", [member("a", "2012-09-28"), member("b", "1996-01-11"), member("c", None),
                          member("d", "2005-04")], Grade("F", 6, []))
    assert p.stated() == ("1996-01-11", "2012-09-28", 1)
    assert p.to_json()["first_stated"] == "1996-01-11" and p.to_json()["last_stated"] == "2012-09-28"
    assert Proposition("q", [member("a", None), member("b", None)], Grade("F", 6, [])).stated() == (None, None, 2)


def test_dates_read_as_a_reader_says_them() -> None:
    from claimscope.dates import readable

    assert readable("1980-09-22/1988-08-20") == "22 September 1980 – 20 August 1988"
    assert readable("197X") == "the 1970s"
    assert readable("../1978-01-07") == "until 7 January 1978"
    assert readable("1979-02-11/..") == "from 11 February 1979"
    assert readable("XXXX-09-23") == "23 September (year unknown)"
    assert readable("1991~") == "about 1991" and readable("2003-03?") == "March 2003 (uncertain)"
    assert readable("2001-21") == "spring 2001"
    assert readable("not a date") == "not a date"  # what it does not know, it gives back


def test_a_date_open_at_its_start_sits_on_the_timeline_at_its_end() -> None:
    from claimscope.store.queries import placed

    assert sorted(["1994", "../1990", "1965", "XXXX-03"], key=placed) == ["1965", "../1990", "1994", "XXXX-03"]
