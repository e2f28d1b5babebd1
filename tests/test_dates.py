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


def test_a_propositions_dates_run_from_the_first_start_to_the_last_end() -> None:
    from claimscope.grade import Grade
    from claimscope.link.propositions import Member, Proposition
    from claimscope.model import Claim

    def member(when: str | None) -> Member:
        claim = Claim(id=f"c{when}", text="x", start=0, end=1, checkworthiness=0.5, kind="event", when=when)
        return Member("d", None, None, "unknown", claim, [])

    p = Proposition("p", [member("1986"), member("1980-09-22/1988-08-20"), member("XXXX-09-23"), member(None)],
                    Grade("F", 6, []))
    assert p.dates() == ("1980-09-22/1988-08-20", "1980-09-22/1988-08-20")
    assert Proposition("q", [member("1991"), member("197X")], Grade("F", 6, [])).dates() == ("197X", "1991")
    # open-ended claims: the proposition runs from "before 1978-01-07" to "after 1988-08-20"
    assert Proposition("r", [member("1986"), member("../1978-01-07"), member("1988-08-20/..")],
                       Grade("F", 6, [])).dates() == ("../1978-01-07", "1988-08-20/..")


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
