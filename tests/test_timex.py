"""Time expressions: EDTF normalization and exact spans (claimscope.analyse.timex)."""

from __future__ import annotations

import functools

import pytest
from edtf import parse_edtf

from claimscope.analyse.timex import claim_when, find_times, normalize
from claimscope.pack import Period

WAR = Period("iran-iraq-war", "Iran–Iraq War", "1980-09-22/1988-08-20", ("Iran-Iraq War",))


@pytest.mark.parametrize(("expression", "expected"), [
    ("1991", "1991"),
    ("in 1991", "1991"),
    ("the 1980s", "198X"),
    ("the late 1980s", "1987/1989"),  # early = 0-3, mid = 4-6, late = 7-9 of the decade (data/timex.yaml)
    ("the early 1980s", "1980/1983"),
    ("mid-1980s", "1984/1986"),
    ("the 1960s", "196X"),
    ("the\n1970s", "197X"),
    ("post-2003", "2003/.."),
    ("since 1986", "1986/.."),
    ("before 1979", "../1979"),
    ("until 2003", "../2003"),
    ("since the 1980s", "1980/.."),
    ("September 23rd", "XXXX-09-23"),
    ("23rd of September", "XXXX-09-23"),
    ("Sept. 23", "XXXX-09-23"),
    ("April 2005", "2005-04"),
    ("5 September 1965", "1965-09-05"),
    ("September 5, 1965", "1965-09-05"),
    ("18 August 1948", "1948-08-18"),
    ("on 5 May 1990", "1990-05-05"),
    ("2016-07-06", "2016-07-06"),
    ("2005-04", "2005-04"),
    ("1980–1988", "1980/1988"),
    ("1980-1988", "1980/1988"),
    ("from 1980 to 1988", "1980/1988"),
    ("between 1980 and 1988", "1980/1988"),
    ("19801988", "1980/1988"),
    ("the end of the 19801988", "1980/1988"),
    ("1987–88", "1987/1988"),
    ("September 1980 – August 1988", "1980-09/1988-08"),
    ("the 1970s and 1980s", "197X/198X"),
    ("1981–present", "1981/.."),
    ("early 1992", "1992-01/1992-04"),
    ("the 20th century", "19XX"),
    ("Operation 1991", "1991"),
    ("circa 1990", "1990~"),
    ("the 1988 executions", "1988"),
    # a year said once for both ends of a range: "1 March – 5 April 1991" is 1 March 1991 to 5 April 1991
    ("1 March – 5 April 1991", "1991-03-01/1991-04-05"),
    ("March and April 1991", "1991-03/1991-04"),
    ("from March to April 1991", "1991-03/1991-04"),
    ("between March and April 1991", "1991-03/1991-04"),
    ("1 March – 5 April", "XXXX-03-01/XXXX-04-05"),  # no year at all: stays unknown (this used to crash)
    ("September 23rd to October 5th", "XXXX-09-23/XXXX-10-05"),
    # "after" starts where a decade or period ends; "since" where it starts
    ("after the 1980s", "1989/.."),
    ("after the late 1980s", "1989/.."),
    ("following the 1970s", "1979/.."),
])
def test_normalize(expression: str, expected: str) -> None:
    assert normalize(expression) == expected
    parse_edtf(expected)  # the expectation itself is EDTF


@pytest.mark.parametrize("expression", [
    "annually", "six", "104", "today", "a decade", "more than a decade", "3,400", "70", "42", "13224", "3079",
    "2500", "19881980", "1965-02-30", "2024-13", "1500 troops", "some 2000", "Resolution 1546", "the Iran-Iraq War", "",
    "March to 1991", "May and 1991",
])
def test_not_times(expression: str) -> None:
    assert normalize(expression) is None


def test_the_document_year_places_relative_years_but_not_today() -> None:
    assert normalize("last year", anchor_year=2024) == "2023"
    assert normalize("last year") is None
    assert normalize("today", anchor_year=2024) is None  # "today" needs the full date (find_times)


def spans(text: str, candidates: list[tuple[int, int]] | None = None, anchor: str | None = None,
          periods: tuple[Period, ...] = ()) -> list[tuple[str, str]]:
    """(text, EDTF) of each time expression, after checking offsets, order, overlaps and EDTF validity."""
    found = find_times(text, candidates or [], anchor=anchor, periods=periods)
    for t in found:
        assert text[t.start:t.end] == t.text and t.entities == []
        parse_edtf(t.when)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    return [(t.text, t.when) for t in found]


def test_find_times_exact_spans() -> None:
    text = ("In 1991, the MEK moved. In the late 1980s and in the 1970s and 1980s it grew; post-2003 it shrank, "
            "and since 1986 it has been abroad, as before 1979. On 5 September 1965, September 5, 1965 and "
            "18 August 1948; 2016-07-06; 1980–1988, 1980-1988, from 1980 to 1988, between 1980 and 1988; "
            "1981–present. The Iran–Iraq War ended.")
    assert spans(text, periods=(WAR,)) == [
        ("1991", "1991"), ("late 1980s", "1987/1989"), ("1970s and 1980s", "197X/198X"),
        ("post-2003", "2003/.."), ("since 1986", "1986/.."), ("before 1979", "../1979"),
        ("5 September 1965", "1965-09-05"), ("September 5, 1965", "1965-09-05"), ("18 August 1948", "1948-08-18"),
        ("2016-07-06", "2016-07-06"), ("1980–1988", "1980/1988"), ("1980-1988", "1980/1988"),
        ("from 1980 to 1988", "1980/1988"), ("between 1980 and 1988", "1980/1988"), ("1981–present", "1981/.."),
        ("Iran–Iraq War", "1980-09-22/1988-08-20"),
    ]


def test_counts_and_labels_are_not_years() -> None:
    text = ("Some 1500 came, 2000 members too; in 1991 troops entered. Resolution 1546 passed; it cost $1500, "
            "3,400 people or 12% and 1991.5 km; see wikipedia_en_all_maxi_2024-01. Operation 1991 began.")
    assert spans(text) == [("1991", "1991"), ("1991", "1991")]


def test_a_day_without_a_year_takes_the_document_year_only_when_recent() -> None:
    text = "The session was held on September 23rd; the next one is on December 5th."
    assert spans(text) == [("September 23rd", "XXXX-09-23"), ("December 5th", "XXXX-12-05")]
    # 9 days before the document's date: that recent day, its year marked uncertain; December 5th is either
    # upcoming or ten months back, so its year stays unspecified.
    assert spans(text, anchor="2024-10-02") == [("September 23rd", "2024?-09-23"), ("December 5th", "XXXX-12-05")]
    assert spans("On December 30th it rained.", anchor="2025-01-03") == [("December 30th", "2024?-12-30")]
    assert spans(text, anchor="2024-10") == [("September 23rd", "XXXX-09-23"), ("December 5th", "XXXX-12-05")]


def test_words_only_admitted_inside_a_date_span() -> None:
    text = "Today the MEK says that last year, in September, it moved."
    dates = [(0, 5), (24, 33), (38, 47)]
    assert spans(text) == []
    assert spans(text, candidates=dates) == [("September", "XXXX-09")]
    assert spans(text, candidates=dates, anchor="2024-10-02") == [
        ("Today", "2024-10-02"), ("last year", "2023"), ("September", "XXXX-09")]
    assert spans(text, candidates=dates, anchor="2024") == [("last year", "2023"), ("September", "XXXX-09")]


def test_periods_match_names_and_aliases_ignoring_case_and_dashes() -> None:
    text = "During the Iran-Iraq war, and after the IRAN — IRAQ WAR, in 1991."
    war = Period("w", "Iran–Iraq War", "1980-09-22/1988-08-20")
    assert spans(text, periods=(war,)) == [
        ("Iran-Iraq war", "1980-09-22/1988-08-20"), ("IRAN — IRAQ WAR", "1980-09-22/1988-08-20"), ("1991", "1991")]


def ner_dates(text: str) -> list[tuple[int, int]]:
    from claimscope.analyse import nlp

    return [(e.start_char, e.end_char) for e in nlp.load()(text).ents if e.label_ == "DATE"]


@pytest.mark.slow
def test_court_session_sentence_with_the_real_model() -> None:
    text = ("In the most recent court session examining the charges against 104 members of MEK as well as the "
            "organization’s nature as a legal entity, held on September 23rd, six former members of the group "
            "named Samad Eskandari testifies about the MEK cooperation with Iraqi Baa’th regime during the "
            "Iran-Iraq War.")
    assert spans(text, candidates=ner_dates(text), periods=(WAR,)) == [
        ("September 23rd", "XXXX-09-23"), ("Iran-Iraq War", "1980-09-22/1988-08-20")]


@pytest.mark.slow
def test_state_department_sentences_with_the_real_model() -> None:
    text = ("Near the end of the 19801988 war with Iran, Baghdad armed the MEK. In 1991, the MEK assisted the "
            "Government of Iraq. In April 1992, the MEK conducted near-simultaneous attacks on Iranian embassies "
            "in 13 countries.")
    assert spans(text, candidates=ner_dates(text), anchor="2005-04") == [
        ("19801988", "1980/1988"), ("1991", "1991"), ("April 1992", "1992-04")]


def test_dates_run_together_with_the_words_around_them() -> None:
    # a bill's header and an infobox as extraction leaves them: the words lost their spaces
    text = ("IN THE SENATE OF THE UNITED STATESJuly 6, 2016Mr. McCain submitted it; referred to the Committee on "
            "Foreign RelationsJuly 14, 2016Reported by Mr. Corker.\nFounded5 September 1965 (1965-09-05)\n"
            "Date1 March – 5 April 1991\n(1 month and 4 days)\nMembership5,000 to 10,000 (DoD 2011 est.)\n"
            "COVID19 May, the F16 June and mp3 files")
    assert spans(text) == [
        ("July 6, 2016", "2016-07-06"), ("July 14, 2016", "2016-07-14"), ("5 September 1965", "1965-09-05"),
        ("1965-09-05", "1965-09-05"), ("1 March – 5 April 1991", "1991-03-01/1991-04-05"), ("2011", "2011")]


def test_the_year_of_a_range_is_not_lost() -> None:
    text = "The rebellions in March and April 1991 lasted from 1 March – 5 April 1991; in May 1991 it ended."
    dates = ner_dates(text)
    assert spans(text, candidates=dates) == [
        ("March and April 1991", "1991-03/1991-04"), ("from 1 March – 5 April 1991", "1991-03-01/1991-04-05"),
        ("May 1991", "1991-05")]


@functools.cache
def pack_periods() -> tuple[Period, ...]:
    from claimscope.pack import bundled_pack_dir, load_pack

    return tuple(load_pack(bundled_pack_dir()).periods)


def when_of(text: str, anchor: str | None = None) -> str | None:
    """The ``when`` of the (one-sentence) claim ``text``, with the real parse and the bundled pack's periods."""
    from claimscope.analyse import nlp

    doc = nlp.load()(text)
    times = find_times(text, ner_dates(text), anchor=anchor, periods=pack_periods())
    return claim_when(text, doc[:], 0, times)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    # "before X" is open before X, not X itself (the pack's Islamic Revolution is 1978-01-07/1979-02-11)
    ("The MEK conducted anti-Western attacks prior to the Islamic Revolution.", "../1978-01-07"),
    ("He disappeared shortly before the 2003 invasion of Iraq, leaving his wife as the public face of the MEK.",
     "../2003-03-20"),
    ("The group was welcomed into Iraq after the Iran–Iraq War.", "1988-08-20/.."),
    ("Camps were attacked until the Iran–Iraq War.", "../1988-08-20"),
    ("It has been active since the Iran–Iraq War.", "1980-09-22/.."),
    ("They were released from prison during the Iranian Revolution.", "1978-01-07/1979-02-11"),
    # the time of the main assertion, not the first in the sentence
    ("With today's actions, the Department does not overlook the MEK's past acts of terrorism, including the "
     "killing of U.S. citizens in Iran in the 1970s and an attack on U.S. soil in 1992.", "197X"),
    ("Formed in the 1960s, the organization was expelled from Iran in 1979, and its primary support came from "
     "the former Iraqi regime of Saddam Hussein starting in the late 1980s.", "1979"),
    ("Massoud Rajavi (born 18 August 1948 – disappeared 13 March 2003) is an Iranian politician who became the "
     "leader of the MEK in 1979.", "1979"),
    # with nothing better, the aside and "today" are still the claim's time
    ("The Secretary's decision today took into account the MEK's public renunciation of violence.", "2012-09-28"),
    ("Massoud Rajavi (born 18 August 1948) is an Iranian politician.", "1948-08-18"),
    ("In 1981, when Khomeini dismissed Banisadr, Rajavi and Banisadr fled to France in 1982.", "1981"),
    ("The MEK made no comment.", None),
])
def test_a_claim_is_dated_by_its_main_assertion(sentence: str, expected: str | None) -> None:
    assert when_of(sentence, anchor="2012-09-28") == expected


@pytest.mark.slow
def test_the_audit_dates_a_claim_by_its_main_assertion() -> None:
    from claimscope.analyse import analyse
    from claimscope.model import Document

    text = ("With today's actions, the Department does not overlook or forget the MEK's past acts of terrorism, "
            "including its involvement in the killing of U.S. citizens in Iran in the 1970s and an attack on U.S. "
            "soil in 1992.")
    audit = analyse(Document(id="t" * 16, sha256="t" * 64, text=text, language="en", published="2012-09-28"))
    assert [c.when for c in audit.claims] == ["197X"]
    # the timeline still lists every time the sentence names, "today" included
    assert [(t.text, t.when) for t in audit.timeline] == [("today", "2012-09-28"), ("1970s", "197X"), ("1992", "1992")]
