"""The figures claims state, and where the claims of one proposition differ on them ("attacks in 13 countries" /
"in 3 countries"): claims that give different counts of one thing do not confirm each other on it, so the grade
says so and does not count them as confirmation.

A figure is a number in digits or words ("8,000", "four thousand", "twenty-five", "$716 billion", "5 percent":
``number_words`` and ``multipliers`` in grades.yaml), not a year (1500-2100), a day of a date ("5 April"), a
footnote mark ("[18]") or an ordinal ("13th"). What it counts is any of the first content words in the few words
after it, before the next punctuation, figure or month ("13 different countries in North America" counts
"different", "countries" and "North"). Two claims differ on a thing when both count it and share no figure for it.
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
def _figure() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _numbers()[0]), key=len, reverse=True))
    # "8,000" has its commas; "1992," does not take the comma that ends a clause
    return re.compile(rf"(?<![\[\w.,-])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{words})(?:-(?:{words}))?)"
                      rf"(?![\w\]-]|[.,]\d)", re.IGNORECASE)


def _month(word: str) -> bool:
    return word.lower() in MONTH_NAMES


def _key(word: str) -> str:
    """A counted word's key, singular: "countries" and "country" count the same thing."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


Counts = dict[str, tuple[str, dict[str, str]]]  # what is counted -> (its word as written, {figure: as written})


def _value(spelled: str) -> float:
    words = _numbers()[0]
    if spelled[0].isdigit():
        return float(spelled.replace(",", ""))
    return float(sum(words[part] for part in spelled.lower().split("-")))  # "twenty-five"


def figures(text: str) -> Counts:
    """What a claim counts, each with its word as written and the figures it gives for it ("in 13 countries" ->
    {"country": ("countries", {"13": "13 countries"})}). Multipliers join their figure ("four thousand" = "4,000").
    A figure followed by no word counts nothing ("$716 billion."): what it measures is not said near it."""
    from spacy.lang.en.stop_words import STOP_WORDS as stop  # not the link's list: "people" is counted here
    words, multipliers = _numbers()
    out: Counts = {}
    text = text.replace("\u2019", "'")
    for m in _figure().finditer(text):
        value, percent = _value(m.group(1)), False
        if is_year(m.group(1)):
            continue  # a year: two claims about different years may still be one claim
        before = re.search(r"(\w+)\W*$", text[:m.start()])
        if before and before.group(1).lower() in multipliers:
            continue  # the end of a larger number ("a million four hundred thousand"), read wrong alone
        after = list(WORD.finditer(text, m.end()))
        if _month(before.group(1) if before else "") or (after and _month(after[0].group())):
            continue  # a day of a date ("5 April", "April 5"), not a count
        while after and after[0].group().lower() in (*multipliers, "%", "percent"):
            unit = after.pop(0).group().lower()
            value, percent = value * multipliers.get(unit, 1), percent or unit not in multipliers
        window = []
        for w in after[:WINDOW]:
            if not w.group()[0].isalpha() or w.group().lower() in words or _month(w.group()):
                break  # punctuation, a figure, a date: what follows counts something else
            window.append(w)
        counted = [w for w in window if w.group().lower() not in stop and len(w.group()) > 2][:COUNTED_WORDS]
        figure = (str(int(value)) if value.is_integer() else str(value)) + ("%" if percent else "")
        for w in counted:  # each with the words from the figure to it, as written
            written = " ".join(text[m.start(1):w.end()].split())  # a line break in a text is a space
            out.setdefault(_key(w.group().lower()), (w.group(), {}))[1].setdefault(figure, written)
    return out


def differences(claims: Iterable[tuple[str, str]]) -> list[Difference]:
    """Where claims (document, text) count one thing with figures that share nothing: for each such thing, every
    figure given for it and the documents that give it."""
    stated = [(document, figures(text)) for document, text in claims]
    keys = {key for i, (_, a) in enumerate(stated) for _, b in stated[i + 1:]
            for key in a.keys() & b.keys() if not a[key][1].keys() & b[key][1].keys()}
    found: dict[frozenset[str], Difference] = {}
    for d in sorted((_difference(key, stated) for key in keys), key=lambda d: d.thing.lower()):
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


def _difference(key: str, stated: list[tuple[str, Counts]]) -> Difference:
    given: dict[str, tuple[str, set[str]]] = {}  # figure -> (as written most briefly, documents)
    for document, counts in stated:
        for value, written in (counts[key][1] if key in counts else {}).items():
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
