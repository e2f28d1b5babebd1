"""The figures claims state, and where the claims of one proposition differ on them ("attacks in 13 countries" /
"in 3 countries"): claims that give different counts of one thing do not confirm each other on it, so the grade
says so and does not count them as confirmation.

A figure is a number in digits or words ("8,000", "8 000", "four thousand", "one hundred and three", "$716 billion",
"5 percent": ``number_words``, ``multipliers`` and the rest of their section of grades.yaml), or a range of two
("between 3,000 and 5,000", "3-5 million", "from 10 to 13", "3,000 - 3,500": written "3000-5000"), not a year
(1500-2100), a day of a date ("5 April"), a footnote mark ("[18]"), an ordinal ("13th"), a number that identifies
("Resolution 598": ``figure_identifiers``) or names ("9/11": ``named_numbers``). Words that bound it ("at least
2,800", "about 3,000": ``figure_bounds``) make it a range, written with them ("about 3000"). What it counts is any
of the first content words in the few words after it, before the next punctuation, figure, month or preposition ("13
different countries in North America" counts "different" and "countries"; ``counted_ends``). Two claims differ on a
thing when both count it with comparable figures (percentages, or counts) and none of those of one can hold with one
of the other: none in common, none within a range the other gives ("4,000 people" / "3,000-5,000 people" do not
differ), and a percentage never contradicts a count ("30 percent of the fighters" / "3,000 fighters").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimscope import grade as grading
from claimscope.dates import MONTHS, is_year

MONTH_NAMES = frozenset(m.lower() for m in MONTHS)
COUNTED_WORDS = 3  # content words after a figure that may name what it counts
WINDOW = 4  # words after a figure (and its multipliers) to look for them in
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|%|[^\w\s'-]|\d")  # a word, a percent sign, or what ends a window


@dataclass(frozen=True)
class Difference:
    """Claims of one proposition that count one thing differently: each figure as written ("13 countries") with
    the documents that give it."""

    thing: str  # what is counted, as first written ("countries")
    figures: tuple[tuple[str, str, frozenset[str]], ...]  # (figure, written most briefly with its word, documents),
    # the figure most documents give first


@functools.cache
def _numbers() -> tuple[dict[str, int], dict[str, int]]:
    """The number words and the multipliers ("hundred", "thousand", "million") of grades.yaml."""
    data = grading.rubric()
    return ({str(k).lower(): int(v) for k, v in data["number_words"].items()},
            {str(k).lower(): int(v) for k, v in data["multipliers"].items()})


@functools.cache
def _values() -> tuple[dict[str, int], dict[str, float]]:
    """What each word of a number written in words adds, "one" and "a" ("a thousand") with them, and the fractions
    that take a part of it ("half a million")."""
    data = grading.rubric()
    return ({**_numbers()[0], **{str(k).lower(): int(v) for k, v in data["number_words_within"].items()},
             **{str(a).lower(): 1 for a in data["number_articles"]}},
            {str(k).lower(): float(v) for k, v in data["number_fractions"].items()})


def _any(words: Iterable[object]) -> str:
    """One of the words, as a pattern, the longest first; none matches nothing (a pack may empty a list)."""
    alternatives = sorted((re.escape(str(w)) for w in words), key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


@functools.cache
def _number() -> str:
    """A number in digits or words, as a pattern. "8,000" has its commas, "8 000" its spaces (also no-break ones)
    when the groups after the first have three digits ("1 3 5" are three numbers); "1992," does not take the comma
    that ends a clause. Words combine as numbers are said: tens and units ("twenty three"), hundreds, a last part
    after "and" ("one hundred and three"), multipliers ("a million four hundred thousand", "half a million"); "one"
    and "a" only within a larger number, and "ten three-year terms" are two."""
    words, multipliers = _numbers()
    data = grading.rubric()
    within, articles = list(data["number_words_within"]), list(data["number_articles"])
    step, join = r"(?:-|\s+)", rf"(?:{_any(data['number_joins'])}\s+)?"
    units = [w for w, v in words.items() if v < 10]
    tens = rf"{_any(w for w, v in words.items() if v >= 20 and v % 10 == 0)}(?:{step}{_any(units + within)})?"
    teens = _any(w for w, v in words.items() if 10 <= v < 20)
    small, small_or_one = rf"(?:{tens}|{teens}|{_any(units)})", rf"(?:{tens}|{teens}|{_any(units + within)})"
    hundreds = (rf"(?:(?:{small_or_one}|{_any(articles)}){step}{_any(w for w, v in multipliers.items() if v < 1000)}"
                rf"(?:{step}{join}{small_or_one})?)")
    large = _any(w for w, v in multipliers.items() if v >= 1000)
    more = rf"(?:{step}{large}(?:{step}{join}(?:{hundreds}|{small_or_one}))?)"
    fraction = rf"(?:{_any(data['number_fractions'])}\s+)?"  # "half a million"
    spelled = rf"(?:{hundreds}|{small}){more}*|(?:{fraction}{_any(articles)}|{_any(within)}){more}+"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+(?:\.\d+)?"
    return rf"(?:{digits}|{spelled})"


START, END = r"(?<![\[\w.,-])", r"(?![\w\]-]|[.,]\d)"  # no footnote mark, ordinal, part of a word or a date


@functools.cache
def _figure() -> re.Pattern[str]:
    return re.compile(rf"{START}({_number()}){END}", re.IGNORECASE)


@functools.cache
def _range() -> re.Pattern[str]:
    """Two numbers that make a range ("between 3,000 and 5,000", "3,000-5,000", "3 to 5 million"), the first with
    its own multipliers and percent sign ("3 million to 5 million", "3% to 5%")."""
    data = grading.rubric()
    units = rf"(?:\s*%|\s+(?:percent|{_any(_numbers()[1])})(?![\w-]))*"
    # "between" takes its "and"; else a hyphen or an en dash, spaced or not, or "to" (a spaced hyphen that parts
    # clauses is no range: the ends must be numbers, not years, and rise; _readings)
    joins = (rf"(?(open)\s+{_any(data['range_opens'].values())}\s+"
             rf"|(?:-|\s+-\s+|\s*\u2013\s*|\s+{_any(data['range_joins'])}\s+))")
    money = r"[$\u20ac\u00a3\u00a5]?"  # "between $500 and $700 billion"
    return re.compile(rf"{START}(?:(?P<open>{_any(data['range_opens'])})\s+{money})?(?P<low>{_number()})"
                      rf"(?P<units>{units}){joins}{money}(?P<high>{_number()}){END}", re.IGNORECASE)


@functools.cache
def _rejected() -> re.Pattern[str]:
    """Words just before a figure that reject it (``figure_rejections`` in grades.yaml): "not 13", "rather than
    in 13"."""
    words = _any(grading.rubric()["figure_rejections"]).replace(r"\ ", r"\s+")
    return re.compile(rf"(?i)\b{words}(?:\s+(?:in|at|on|of|by|for|the|some|about))?\s*$")


@functools.cache
def _identified() -> re.Pattern[str]:
    """A noun just before a number that it identifies ("Resolution 598", "No. 7"): the number is no figure."""
    return re.compile(rf"(?i)(?<![\w.]){_any(grading.rubric()['figure_identifiers'])}s?\s*$")


@functools.cache
def _named() -> re.Pattern[str]:
    """A number that names something ("9/11", "24/7"), read as no figure."""
    return re.compile(rf"(?<![\w/.,-]){_any(grading.rubric()['named_numbers'])}(?![\w/-]|[.,]\d)")


@functools.cache
def _bounding() -> tuple[re.Pattern[str], dict[str, tuple[float, float]]]:
    """What comes just before a figure and is written with it: words that bound it ("at least", "about") and a
    currency sign, each if any; and the factors of the figure each bound takes it by (``figure_bounds``)."""
    factors = {" ".join(str(k).lower().split()): (float(lo), float(hi))
               for k, (lo, hi) in grading.rubric()["figure_bounds"].items()}
    words = _any(factors).replace(r"\ ", r"\s+")
    return re.compile(rf"(?i)(?:(?<![\w.])({words})\s+)?[$\u20ac\u00a3\u00a5]?$"), factors


def _bound(text: str, start: int) -> tuple[int, str]:
    """Where the figure at ``start`` is written from (its bound and currency sign), and its bound ("at least ")."""
    m = _bounding()[0].search(text, 0, start)
    return (m.start(), " ".join(m.group(1).lower().split()) + " " if m.group(1) else "") if m else (start, "")


@functools.cache
def _prepositions() -> tuple[frozenset[str], frozenset[str]]:
    """The words that end what a figure counts, and those of them that may lead to it first ("95% of votes")."""
    data = grading.rubric()
    return frozenset(map(str, data["counted_ends"])), frozenset(map(str, data["counted_after"]))


def _month(word: str) -> bool:
    return word.lower() in MONTH_NAMES


def _key(word: str) -> str:
    """A counted word's key, singular: "countries" and "country" count the same thing."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


Counts = dict[str, tuple[str, dict[str, str]]]  # what is counted -> (its word as written, {figure: as written})


def _value(spelled: str) -> float:
    if spelled[0].isdigit():
        return float(re.sub(r"[^\d.]", "", spelled))  # "8,000", "8 000"
    (values, fractions), multipliers = _values(), _numbers()[1]
    total, part, fraction = 0, 0, 1.0  # the millions, thousands... said so far, the part being said, "half"
    for word in re.split(r"[-\s]+", spelled.lower()):
        if word in fractions:
            fraction = fractions[word]
        elif word in multipliers and multipliers[word] < 1000:
            part = (part or 1) * multipliers[word]  # "two hundred"
        elif word in multipliers:
            total, part = total + (part or 1) * multipliers[word], 0  # "a million", "two hundred thousand"
        else:
            part += values.get(word, 0)  # "twenty three"; "and" adds nothing
    return (total + part) * fraction


def _scaled(text: str, pos: int) -> tuple[float, bool, int]:
    """The multipliers and percent sign after a number ("4 thousand", "5 percent"): what they multiply it by,
    whether it is a percentage, and where they end."""
    multipliers = _numbers()[1]
    factor, percent = 1.0, False
    for w in WORD.finditer(text, pos):
        unit = w.group().lower()
        if unit not in multipliers and unit not in ("%", "percent"):
            break
        factor, percent, pos = factor * multipliers.get(unit, 1), percent or unit not in multipliers, w.end()
    return factor, percent, pos


Reading = tuple[int, int, float, float, bool]  # where a figure starts, where it (and its units) ends, low, high, %


def _readings(text: str) -> list[Reading]:
    """The figures of a text in order: the ranges, then the numbers outside them. A "range" of years ("1980-1988",
    "from 1986 to 2003") or that does not rise ("a 3-2 vote", "from 13 to 3") is none: its numbers are read alone."""
    found: list[Reading] = []
    text = _named().sub(lambda m: "_" * len(m.group()), text)  # "9-11", "9/11": no figures, and no range
    for m in _range().finditer(text):
        low_factor, low_percent, _ = _scaled(m.group("units"), 0)
        factor, percent, end = _scaled(text, m.end())
        low, high = _value(m.group("low")), _value(m.group("high"))
        if low_factor == 1 and low < high:
            low_factor = factor  # "3-5 million": both in millions
        if not (is_year(m.group("low")) or is_year(m.group("high"))) and low * low_factor < high * factor:
            found.append((m.start(), end, low * low_factor, high * factor, percent or low_percent))
    ranges = [(start, end) for start, end, *_ in found]
    for m in _figure().finditer(text):
        if not is_year(m.group(1)) and not any(m.start() < end and start < m.end() for start, end in ranges):
            factor, percent, end = _scaled(text, m.end())
            value = _value(m.group(1)) * factor
            found.append((m.start(), end, value, value, percent))
    return sorted(found)


def _written(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _bounds(figure: str) -> tuple[float, float, bool]:
    """A figure's low and high ends ("3000-5000", or "13": both 13; "about 3000": 2250-3750) and whether it is a
    percentage."""
    bound, _, number = figure.rpartition(" ")
    ends = re.split(r"(?<!e)-", number.removesuffix("%"))  # not the sign of an exponent ("1e-05")
    low, high = _bounding()[1][bound] if bound else (1.0, 1.0)
    return float(ends[0]) * low, float(ends[-1]) * high, figure.endswith("%")


def _comparable(a: Iterable[str], b: Iterable[str]) -> list[tuple[tuple[float, float, bool], ...]]:
    """The pairs of a figure of one claim and one of another that measure alike: percentages, or counts."""
    return [(x, y) for x in map(_bounds, a) for y in map(_bounds, b) if x[2] == y[2]]


def _hold(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether figures two claims give for one thing can both hold: one the same as, or within, or overlapping, one
    of the other ("4,000" and "3,000-5,000"), or none that measure alike (a percentage does not contradict a count:
    "30 percent of the fighters" / "3,000 fighters")."""
    pairs = _comparable(a, b)
    return not pairs or any(x[0] <= y[1] and y[0] <= x[1] for x, y in pairs)


def figures(text: str) -> Counts:
    """What a claim counts, each with its word as written and the figures it gives for it ("in 13 countries" ->
    {"country": ("countries", {"13": "13 countries"})}). Multipliers join their figure ("four thousand" = "4,000").
    A figure followed by no word counts nothing ("$716 billion."): what it measures is not said near it."""
    from spacy.lang.en.stop_words import STOP_WORDS as stop  # not the link's list: "people" is counted here
    words, multipliers = _numbers()
    out: Counts = {}
    text = text.replace("\u2019", "'")
    ends, leads = _prepositions()
    for start, end, low, high, percent in _readings(text):  # no years: claims of different years may be one claim
        before = re.search(r"(\w+)\W*$", text[:start])
        if before and before.group(1).lower() in multipliers:
            continue  # the end of a larger number ("1 million 400 thousand"), read wrong alone
        if _rejected().search(text, 0, start) or _identified().search(text, 0, start):
            continue  # "10 countries, not 13": a correction does not give the figure it rejects; "Resolution 598"
        after = list(WORD.finditer(text, end))
        if _month(before.group(1) if before else "") or (after and _month(after[0].group())):
            continue  # a day of a date ("5 April", "April 5"), not a count
        window: list[re.Match[str]] = []
        for w in after[:WINDOW]:
            word = w.group().lower()
            if not word[0].isalpha() or word in words or _month(word) or (word in ends and (
                    window or word not in leads)):
                break  # punctuation, a figure, a date, a preposition: what follows counts something else
            if word not in ends:
                window.append(w)
        counted = [w for w in window if w.group().lower() not in stop and len(w.group()) > 2][:COUNTED_WORDS]
        first, bound = _bound(text, start)  # "at least $2,800": a range, written with its bound and sign
        figure = bound + _written(low) + (f"-{_written(high)}" if high > low else "") + ("%" if percent else "")
        for w in counted:  # each with the words from the figure to it, as written
            written = " ".join(text[first:w.end()].split())  # a line break or a no-break space in a text is a space
            out.setdefault(_key(w.group().lower()), (w.group(), {}))[1].setdefault(figure, written)
    return out


def differences(claims: Iterable[tuple[str, str]]) -> list[Difference]:
    """Where claims (document, text) count one thing with figures that cannot both hold: for each such thing, every
    figure given for it and the documents that give it."""
    stated = [(document, figures(text)) for document, text in claims]
    measures: dict[str, set[bool]] = {}  # what claims differ on -> the measures they differ in (percentage or not)
    for i, (_, a) in enumerate(stated):
        for _, b in stated[i + 1:]:
            for key in a.keys() & b.keys():
                if not _hold(a[key][1], b[key][1]):
                    measures.setdefault(key, set()).update(x[2] for x, _ in _comparable(a[key][1], b[key][1]))
    found: dict[frozenset[str], Difference] = {}
    for d in sorted((_difference(key, stated, measures[key]) for key in measures), key=lambda d: d.thing.lower()):
        # one discrepancy read through several of its words ("70 high-ranking Iranian officials" / "74 Iranian
        # officials", "13 different countries" / "3 countries"): said once, by the word in the plural (the thing
        # counted) that most documents use
        same = frozenset(value for value, _, _ in d.figures)
        if same not in found or _rank(d) > _rank(found[same]):
            found[same] = d
    return sorted(found.values(), key=lambda d: d.thing.lower())


def _rank(d: Difference) -> tuple[bool, int]:
    return _plural(d.thing), sum(len(docs) for _, _, docs in d.figures)


def _plural(word: str) -> bool:
    return _key(word.lower()) != word.lower()


def _difference(key: str, stated: list[tuple[str, Counts]], measures: set[bool]) -> Difference:
    given: dict[str, tuple[str, set[str]]] = {}  # figure -> (as written most briefly, documents)
    for document, counts in stated:
        for value, written in (counts[key][1] if key in counts else {}).items():
            if _bounds(value)[2] not in measures:
                continue  # a percentage where the claims differ on counts (or the reverse) is no part of it
            shortest = min(written, given[value][0], key=len) if value in given else written  # "13 countries"
            given[value] = (shortest, given.get(value, ("", set()))[1] | {document})
    ordered = sorted(given.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
    thing = next(counts[key][0] for _, counts in stated if key in counts)
    return Difference(thing, tuple((value, written, frozenset(docs)) for value, (written, docs) in ordered))


def outnumbered(text: str, differing: list[Difference]) -> bool:
    """Whether a claim gives, for a thing the claims differ on, only a figure fewer documents give than another: its
    wording is not the one to stand for the proposition."""
    own = figures(text)
    for d in differing:
        mine = own.get(_key(d.thing.lower()))
        if mine:
            most = len(d.figures[0][2])
            if all(len(docs) < most for value, _, docs in d.figures if value in mine[1]):
                return True
    return False
