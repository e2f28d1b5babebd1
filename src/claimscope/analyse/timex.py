"""Time expressions: the words of a text that place something in time, normalized to EDTF.

``find_times`` scans the whole text with small regex rules (years, decades, dates, ranges, open intervals), so
what the NER model misses is still found; the NER's DATE spans only admit the words that are too ambiguous to
scan for everywhere (a month on its own, "last year", "today"). Named periods of the dossier pack give their
own interval. Every output is checked with ``edtf.parse_edtf``; anything it refuses is dropped, never returned.
``claim_when`` picks, among the time expressions of a claim's sentence, the one its main assertion speaks of.

The words (months, prepositions, units) are data: ``claimscope/data/timex.yaml``.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from claimscope.analyse import lexicon
from claimscope.dates import is_edtf
from claimscope.model import TimeExpression
from claimscope.pack import Period

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2212]"  # hyphen, en and em dashes, minus: "1980–1988" == "1980-1988"
# Shapes are not the tail or the head of another number, amount or code ("$1500", "3,1991", "1991.5", "1500km").
NOT_IN_WORD = r"(?<![\w$€£#/])"
START = NOT_IN_WORD + r"(?<!\d[.,:\-\u2010\u2011\u2012\u2013\u2014\u2212])"
# ... except a year followed by a new capitalized word, the run-together lines of extracted headers ("2016Mr.").
END = r"(?:(?![\w%])|(?<=\d{4})(?=[A-Z][a-z]))(?![.,:/\-\u2010\u2011\u2012\u2013\u2014\u2212]\d)"
YEAR = r"(?<!\d)\d{4}(?!\d)"
DECADE = r"(?<!\d)\d{3}0['’]?s(?!\w)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The document's own date, as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class _Shape:
    name: str
    pattern: re.Pattern[str]
    candidate_only: bool = False  # only inside a span the NER model labelled DATE


def _valid(value: str) -> bool:
    return is_edtf(value)


def _words(items: Any) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of whitespace."""
    return "(?i:" + "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                             for w in sorted(items, key=len, reverse=True)) + ")"


@functools.cache
def _lexicon() -> dict[str, Any]:
    words = lexicon.load("timex")
    months: dict[str, int] = words["months"]
    longest = {n: max((k for k in months if months[k] == n), key=len) for n in set(months.values())}
    full = [k for k in months if longest[months[k]] == k]
    abbreviations = [re.escape(k) + r"\.?" for k in months if k not in full]
    alternation = "|".join(sorted([re.escape(k) for k in full] + abbreviations, key=len, reverse=True))
    words["_month"] = rf"(?:{alternation})(?![A-Za-z])"  # what may come before it: START, in ``_shapes``
    words["_full_month"] = rf"(?<![A-Za-z])(?:{'|'.join(full)})(?![A-Za-z])"
    words["_lower"] = {k.lower(): v for k, v in months.items()}
    return words


@functools.cache
def _shapes() -> tuple[list[_Shape], dict[str, str]]:
    w = _lexicon()
    month, part = w["_month"], _words(w["parts"])
    # A date glued to the word before it, as extraction leaves infobox cells and bill headers: "Founded5 September
    # 1965", "Date1 March – 5 April 1991", "STATESJuly 6, 2016". Only where a month name follows the day, or the
    # month starts a full date, so "Membership5,000" or "COVID19" stay what they are. Only the shapes that can
    # start so try it (`dates_first`): it costs a look at every letter.
    glued = rf"(?<=[a-z])(?=\d)(?={DAY}\s+{month})|(?<=[A-Za-z])(?=[A-Z])(?={month}\s+{DAY},?\s+{YEAR})"
    glued_start = START.replace(NOT_IN_WORD, f"(?:{NOT_IN_WORD}|{glued})")
    dates_first = ("range", "dmy", "mdy")
    points = {  # one moment or span named on its own; tried in this order
        "iso": rf"(?P<y>{YEAR})-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?!\d)",
        "dmy": rf"(?P<d>{DAY})\s+(?:(?i:of)\s+)?(?P<mon>{month})(?:,?\s+(?P<y>{YEAR}))?",
        "mdy": rf"(?P<mon>{month})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
        "my": rf"(?P<mon>{month}),?\s+(?:(?i:of)\s+)?(?P<y>{YEAR})",
        "part_decade": rf"(?P<part>{part})[\s-]+(?:(?i:the)\s+)?(?P<y>{DECADE})",
        "part_year": rf"(?P<part>{part})[\s-]+(?P<y>{YEAR})",
        "decade": rf"(?P<y>{DECADE})",
        "century": r"(?P<c>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)",
        "year": rf"(?P<y>{YEAR})",
    }
    point = "(?:" + "|".join(GROUP.sub("(?:", p) for p in points.values()) + ")"
    # a first point whose year is said once, after the second: "1 March – 5 April 1991", "March to April 1991"
    first = rf"(?:{point}|{w['_full_month']})"
    the, present = r"(?:(?i:the)\s+)?", _words(w["present"])
    compound = {  # spans between two points or from one, tried before the points so the longer one wins ties
        "range": rf"(?:(?i:from)\s+{the})?(?P<a>{first})(?:\s*{DASH}\s*|\s+(?:{_words(w['range_words'])})\s+)"
                 rf"{the}(?:(?P<b>{point})|(?P<present>{present}))",
        "between": rf"(?i:between)\s+{the}(?P<a>{first})\s+(?i:and)\s+{the}(?P<b>{point})",
        "decades": rf"(?P<a>{DECADE})\s+(?i:and)\s+{the}(?P<b>{DECADE})",
        # "March and April 1991": from the first to the last, as "the 1970s and 1980s" (two years stay two)
        "months": rf"(?P<a>{w['_full_month']})\s+(?i:and)\s+(?P<b>{w['_full_month']},?\s+{YEAR})",
        "short": rf"(?P<a>{YEAR})(?P<dash>{DASH})(?P<b>\d\d)(?!\d)",
        "glued": r"(?P<a>\d{4})(?P<b>\d{4})",  # "19801988": an en dash lost in extraction
        "open_start": rf"(?P<word>{_words(w['open_start'])})(?:\s+|{DASH}){the}(?P<a>{point})",
        "open_end": rf"(?P<word>{_words(w['open_end'])})(?:\s+|{DASH}){the}(?P<a>{point})",
        "approximate": rf"{_words(w['approximate'])}\s*(?P<a>{point})",
    }
    only_in_dates = {
        "month": rf"(?P<mon>{w['_full_month']})",
        "relative": rf"(?P<rel>{_words(w['relative_years'])})",
        "today": rf"(?P<today>{_words(w['today'])})",
    }
    shapes = [_Shape(n, re.compile(rf"{glued_start if n in dates_first else START}{p}{END}"))
              for n, p in {**compound, **points}.items()]
    shapes += [_Shape(n, re.compile(rf"(?<!\w){p}(?!\w)"), True) for n, p in only_in_dates.items()]
    return shapes, points


def _year(text: str) -> int | None:
    year = int(text)
    return year if 1000 <= year <= 2100 else None


def _month_day(month: int, day: int, year: int | None, anchor: _Anchor) -> str | None:
    if day > calendar.monthrange(year or 2000, month)[1]:
        return None
    if year is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if anchor.year and anchor.month and anchor.day:
        # Without a year, a day within `infer_year_within_days` before the document's own date is taken to be
        # that recent one, the year marked uncertain ("2024?-09-23"); farther or later days stay "XXXX".
        published = date(anchor.year, anchor.month, anchor.day)
        for guess in (anchor.year, anchor.year - 1):
            if (month, day) == (2, 29) and not calendar.isleap(guess):
                continue
            if 0 <= (published - date(guess, month, day)).days <= _lexicon()["infer_year_within_days"]:
                return f"{guess:04d}?-{month:02d}-{day:02d}"
    return f"XXXX-{month:02d}-{day:02d}"


def _point(name: str, m: re.Match[str], anchor: _Anchor) -> str | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    w = _lexicon()
    year = _year(g["y"][:4]) if "y" in g else None
    if "y" in g and year is None:
        return None
    if name == "iso":
        month, day = int(g["m"]), int(g.get("d") or 1)
        if not 1 <= month <= 12:
            return None
        return _month_day(month, day, year, anchor) if "d" in g else f"{year:04d}-{month:02d}"
    if name in ("dmy", "mdy"):
        return _month_day(w["_lower"][g["mon"].rstrip(".").lower()], int(re.sub(r"\D", "", g["d"])), year, anchor)
    if name in ("my", "month"):
        month = w["_lower"][g["mon"].rstrip(".").lower()]
        return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
    if name.startswith("part_"):
        # early = 0-3, mid = 4-6, late = 7-9 of a decade; early = Jan-Apr, mid = May-Aug, late = Sep-Dec of a year
        first, last = w["parts"][re.sub(r"\s+", " ", g["part"].lower())][name[5:]]
        if name == "part_decade":
            return f"{year + first}/{year + last}"
        return f"{year}-{first:02d}/{year}-{last:02d}"
    if name == "decade":
        return f"{g['y'][:3]}X"
    if name == "century":
        return f"{int(g['c']) - 1:02d}XX" if 11 <= int(g["c"]) <= 21 else None
    if name == "year":
        return str(year)
    if name == "relative" and anchor.year:
        return str(anchor.year + w["relative_years"][re.sub(r"\s+", " ", g["rel"].lower())])
    if name == "today" and anchor.year and anchor.month and anchor.day:
        return f"{anchor.year:04d}-{anchor.month:02d}-{anchor.day:02d}"  # said on the day of publication
    return None


def _parse_point(text: str, anchor: _Anchor) -> str | None:
    return next((_point(name, m, anchor) for name, pattern in _shapes()[1].items()
                 if (m := re.fullmatch(pattern, text))), None)


def _bound(value: str, last: bool) -> str:
    """The first or last part of an interval; "198X" stays as is (EDTF allows it as a bound)."""
    return value.split("/")[-1 if last else 0]


def _expand(value: str, last: bool) -> str:
    """198X -> 1980 (or 1989 as an end): for the intervals the EDTF parser refuses with an unspecified bound."""
    return re.sub(r"^(\d+)(X+)", lambda m: m.group(1) + ("9" if last else "0") * len(m.group(2)), value)


def _interval(start: str, end: str) -> str | None:
    years = [_expand(v, i == 1)[:4] for i, v in enumerate((start, end))]
    if all(y.isdigit() for y in years) and int(years[0]) > int(years[1]):
        return None  # a range that runs backwards is two numbers, not a period ("XXXX" and ".." cannot)
    for candidate in (f"{start}/{end}", f"{_expand(start, False)}/{_expand(end, True)}"):
        if _valid(candidate):
            return candidate
    return None


def _compound(name: str, m: re.Match[str], anchor: _Anchor) -> str | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if name == "glued" or name == "short":
        a = _year(g["a"])
        b = _year(g["b"]) if name == "glued" else (a // 100 * 100 + int(g["b"]) if a else None)
        if name == "short" and g["dash"] == "-" and int(g["b"]) <= 12:
            return None  # "2005-07" is July 2005, not 2005-2007
        return f"{a}/{b}" if a and b and b > a else None
    if name == "decades":
        return _interval(f"{g['a'][:3]}X", f"{g['b'][:3]}X")
    a = _parse_point(g["a"], anchor)
    if name == "approximate":
        return f"{a}~" if a and re.fullmatch(r"\d{4}(-\d\d){0,2}", a) else None
    if name.startswith("open_"):
        return _open(g["word"], a) if a else None
    b = ".." if "present" in g else _parse_point(g["b"], anchor)
    if b and not re.search(r"\d{3}", g["a"]) and re.match(r"\d{4}-\d\d", b):
        a = _parse_point(f"{g['a']} {b[:4]}", anchor)  # "1 March – 5 April 1991": 1 March 1991
    return _interval(_bound(a, False), _bound(b, True)) if a and b else None


def _open(word: str, value: str) -> str | None:
    """The open interval that a word such as "since", "after", "before" or "until" makes of ``value``."""
    w = _lexicon()
    word = re.sub(r"\s+", " ", word.lower())
    if ".." in value or not value[:1].isdigit():
        return None  # already open, or its year unknown ("until March"): nothing to place
    if word in w["open_start"]:
        last = word in w["from_end"]
        return _interval(_expand(_bound(value, last), last), "..")
    last = word in w["up_to_end"]
    return _interval("..", _expand(_bound(value, last), last))


def _when(shape: _Shape, m: re.Match[str], anchor: _Anchor) -> str | None:
    point = shape.name in _shapes()[1] or shape.candidate_only
    value = _point(shape.name, m, anchor) if point else _compound(shape.name, m, anchor)
    return value if value and _valid(value) else None


def _is_count(text: str, start: int, end: int) -> bool:
    """A number that counts something ("1500 troops", "some 2000") or labels it ("Resolution 1546"), not a year."""
    w = _lexicon()
    before = re.search(r"([A-Za-z]+)\.?\s*$", text[max(0, start - 40):start])
    word_before = before.group(1).lower() if before else ""
    if text[start].isdigit() and word_before in w["labels"] or word_before in w["quantifiers"] \
            and re.fullmatch(r"\d{4}", text[start:end]):
        return True
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 40])
    return bool(text[end - 1].isdigit() and after and after.group(1).lower() in w["units"]
                and word_before not in w["year_after"])


def _anchor(anchor: str | None) -> _Anchor:
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:$|T)", anchor or "")
    if not m:
        return _Anchor()
    year, month, day = (int(x) if x else None for x in m.groups())
    if month and not 1 <= month <= 12 or day and month and day > calendar.monthrange(year or 2000, month)[1]:
        return _Anchor(year)
    return _Anchor(year, month, day)


def normalize(expression: str, anchor_year: int | None = None) -> str | None:
    """An EDTF string for a date/period expression, or None when it cannot be placed in time.

    ``anchor_year`` (the document's year) places "this year", "last year" and "next year"; a month and day
    without a year need the document's full date and so stay "XXXX-MM-DD" here (see ``find_times``). Words
    around a single expression are ignored ("Operation 1991" -> "1991")."""
    text = re.sub(r"\s+", " ", expression).strip().rstrip(".,;:")
    fillers = re.compile(rf"{_words(_lexicon()['fillers'])}\s+")
    while (lead := fillers.match(text)) and lead.end() < len(text):
        text = text[lead.end():]
    anchor = _Anchor(anchor_year)
    for shape in _shapes()[0]:
        m = shape.pattern.fullmatch(text)
        if m and (when := _when(shape, m, anchor)):
            return when
    # Extra words around one expression ("the end of the 19801988", "Operation 1991"): that expression's EDTF.
    found = find_times(text, [(0, len(text))], anchor=str(anchor_year) if anchor_year else None)
    return found[0].when if len(found) == 1 else None


def _period_pattern(name: str) -> re.Pattern[str]:
    body = "".join(rf"\s*{DASH}\s*" if re.fullmatch(DASH, c) else r"\s+" if c.isspace() else re.escape(c) for c in name)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_times(text: str, candidates: list[tuple[int, int]], *, anchor: str | None = None,
               periods: Sequence[Period] = ()) -> list[TimeExpression]:
    """Time expressions in ``text``, sorted by start, without overlaps (the longer span wins).

    ``candidates`` are the (start, end) spans the NER model labelled DATE; ``anchor`` is the document's own
    date (EDTF); ``periods`` are the pack's named periods, matched by name and aliases ignoring case and dashes.
    Spans are the expression's own words: a leading "the" or "in" is left out."""
    when_of = _anchor(anchor)
    found: list[tuple[int, int, str]] = []
    for shape in _shapes()[0]:
        windows = candidates if shape.candidate_only else [(0, len(text))]
        for start, end in windows:
            pos = start
            while m := shape.pattern.search(text, pos, end):
                value = _when(shape, m, when_of)
                if value and not _is_count(text, m.start(), m.end()):
                    found.append((m.start(), m.end(), value))
                # after a miss, retry one character on: "1980s and the 1970s and 1980s" holds a later range
                pos = m.end() if value else m.start() + 1
    for period in periods:
        if not _valid(period.edtf):
            continue
        for name in (period.name, *period.aliases):
            found += [(m.start(), m.end(), period.edtf) for m in _period_pattern(name).finditer(text)]
    chosen: list[tuple[int, int, str]] = []  # longest first; kept sorted by start (they never overlap)
    for start, end, value in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        at = bisect.bisect_left(chosen, (start,))
        if (at == len(chosen) or end <= chosen[at][0]) and (at == 0 or chosen[at - 1][1] <= start):
            chosen.insert(at, (start, end, value))
    return [TimeExpression(text[s:e], value, s, e, []) for s, e, value in chosen]


def claim_when(text: str, sent: SpacySpan, offset: int, times: Sequence[TimeExpression]) -> str | None:
    """The time a claim speaks of, among ``times`` (the time expressions of its sentence ``sent``, whose
    characters are at ``offset`` in ``text``), so a reader would agree with it. In this order:
    - a deictic "today" gives way to any dated expression ("With today's actions, the Department does not
      overlook ... the killing of U.S. citizens in the 1970s": 197X, not the document's date);
    - an aside in parentheses gives way to the rest ("Rajavi (born 18 August 1948) ... became leader in 1979");
    - the fewest clauses between the expression and the sentence's main verb ("Formed in the 1960s, the group was
      expelled in 1979": 1979), then the first.
    An expression right after "before", "after", "since" or "until" that does not hold the word itself (a named
    period, "last year") is open on that side ("prior to the Islamic Revolution": ../1978-01-07); the timeline
    keeps the period itself, as its words name it (and as tests/eval/RULES.md annotates it)."""
    if not times:
        return None
    w = _lexicon()
    today = {re.sub(r"\s+", " ", x.lower()) for x in w["today"]}
    candidates = [t for t in times if t.text.lower() not in today] or list(times)
    sentence_start = offset + sent.start_char
    outside = [t for t in candidates
               if text.count("(", sentence_start, t.start) <= text.count(")", sentence_start, t.start)]
    chosen = min(outside or candidates, key=lambda t: (_clauses(sent, t.start - offset, t.end - offset), t.start))
    words = _words([*w["open_start"], *w["open_end"]])
    said = re.search(rf"(?<!\w)(?P<word>{words})(?:\s+|{DASH})(?:(?i:the)\s+)?$",
                     text[max(0, chosen.start - 40):chosen.start])
    return (_open(said.group("word"), chosen.when) if said else None) or chosen.when


def _clauses(sent: SpacySpan, start: int, end: int) -> int:
    """How many clauses lie between the words at ``start``..``end`` (in the parse's characters) and the main verb
    of ``sent``: the verbs attached by a clause link (data/timex.yaml ``clause_links``) on the way up."""
    links = set(_lexicon()["clause_links"])
    inside = [t for t in sent if t.idx < end and t.idx + len(t) > start]
    if not inside:
        return 0
    token = next((t for t in inside if t.head not in inside or t.head == t), inside[0])
    count = 0
    while token.head != token:
        count += token.dep_ in links and token.pos_ in ("VERB", "AUX")
        token = token.head
    return count
