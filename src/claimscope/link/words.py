"""The terms of a claim for linking: content words, figures, and names folded to one token each.

A claim becomes a set of terms, a pure function of its text, the link lexicon (``data/link.yaml``) and, when
given, a dossier pack:

1. Tokens: words (split at hyphens and apostrophes; "U.S." is one token), and figures with their unit
   ("$716 billion" -> ``#716billion``, "42,000" -> ``#42000``, "95 percent" -> ``#95%``).
2. Phrases, longest first: a pack alias becomes the entity's token (MEK, PMOI, Mojahedin-e Khalq,
   People's Mojahedin ... -> ``@mek``; what is not a person, an organisation, a group or a place is marked apart:
   1991 uprisings -> ``!uprisings-1991``); a synonym of the lexicon becomes its group's token (armed, weapons ->
   ``~weapon``). A phrase written in capitals (MEK, US) matches only in capitals, as in the pack.
3. What is left is lower-cased and kept unless it is a stop word (spaCy's English list and the lexicon's own:
   reporting and denial verbs, negations, debate filler) or shorter than three letters.

Denials and reported speech keep the terms of what they deny or report, so a claim and its denial meet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimscope.analyse import lexicon
from claimscope.pack import Pack

TOKEN = re.compile(r"U\.\s?S\.(?:\s?A\.)?|\$?\d[\d,]*(?:\.\d+)?%?|[^\W\d_]+")
UNITS = {"%": "%", "percent": "%", "billion": "billion", "million": "million", "trillion": "trillion",
         "thousand": "thousand"}
MIN_LETTERS = 3
ENTITY = "@"  # who or where: a person, an organisation, a group, a place of the pack
EVENT = "!"  # what happened or was made: any other entity of the pack (an event, a work) and its named periods
NAMED = (ENTITY, EVENT)
SYNONYM = "~"
NUMBER = "#"
TERMS_FORMAT = 2  # how terms are written: a change re-makes the views a dossier stores (``index.version``)
ACTOR_TYPES = frozenset({"person", "organization", "group", "place"})


@dataclass(frozen=True)
class Token:
    text: str  # as written
    lower: str


def tokens(text: str) -> list[Token]:
    out = []
    for m in TOKEN.finditer(text.replace("’", "'")):
        t = m.group(0)
        if t.startswith("U.") or t.startswith("U. "):
            t = "USA" if t.rstrip(".").endswith("A") else "US"
        out.append(Token(t, t.lower()))
    return out


def phrase_key(phrase: str) -> tuple[tuple[str, ...], bool]:
    """The lower-cased tokens of a phrase, and whether it must match in capitals (all capitals, at most 6)."""
    toks = tokens(phrase)
    exact = phrase.isupper() and len(phrase) <= 6
    return tuple(t.text if exact else t.lower for t in toks), exact


@dataclass(frozen=True)
class Phrases:
    """Phrases to fold to tokens: token tuple -> the terms it stands for."""

    folded: dict[tuple[str, ...], tuple[str, ...]]  # matched on lower-cased tokens
    exact: dict[tuple[str, ...], tuple[str, ...]]  # matched as written (capitals)
    longest: int

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str]]) -> Phrases:
        folded: dict[tuple[str, ...], set[str]] = {}
        exact: dict[tuple[str, ...], set[str]] = {}
        for phrase, term in entries:
            key, is_exact = phrase_key(phrase)
            if key:
                (exact if is_exact else folded).setdefault(key, set()).add(term)
        longest = max((len(k) for k in (*folded, *exact)), default=0)
        return cls({k: tuple(sorted(v)) for k, v in folded.items()}, {k: tuple(sorted(v)) for k, v in exact.items()},
                   longest)

    def merge(self, other: Phrases) -> Phrases:
        """Both sets of phrases; where both name the same words, ``self`` (the pack) wins."""
        return Phrases({**other.folded, **self.folded}, {**other.exact, **self.exact},
                       max(self.longest, other.longest))

    def match(self, toks: list[Token], i: int) -> tuple[int, tuple[str, ...]]:
        for n in range(min(self.longest, len(toks) - i), 0, -1):
            window = toks[i:i + n]
            found = self.exact.get(tuple(t.text for t in window)) or self.folded.get(tuple(t.lower for t in window))
            if found:
                return n, found
        return 0, ()


@dataclass(frozen=True)
class Lexicon:
    stop_words: frozenset[str]
    phrases: Phrases  # the synonyms


@functools.cache
def link_lexicon() -> Lexicon:
    from spacy.lang.en.stop_words import STOP_WORDS

    data = lexicon.load("link")
    stop = frozenset(w.lower() for w in STOP_WORDS) | frozenset(str(w).lower() for w in data["stop_words"])
    synonyms = [(str(variant), SYNONYM + group) for group, variants in data["synonyms"].items()
                for variant in [group, *variants]]
    return Lexicon(stop, Phrases.of(synonyms))


@functools.cache
def pack_phrases(pack: Pack | None) -> Phrases:
    """Every name the pack knows (entities, named periods, groups) -> its entity ids as terms."""
    lex = link_lexicon().phrases
    if pack is None:
        return lex
    marks = {e.id: ENTITY if e.type.lower() in ACTOR_TYPES else EVENT for e in pack.entities}
    entries = [(alias, marks[e.id] + e.id) for e in pack.entities for alias in (e.name, *e.aliases)]
    entries += [(alias, EVENT + p.id) for p in pack.periods for alias in (p.name, *p.aliases)]
    entries += [(g.alias, marks.get(m, ENTITY) + m) for g in pack.groups for m in g.members]
    return Phrases.of(entries).merge(lex)


def number_term(token: Token, following: Token | None) -> tuple[str | None, bool]:
    """A figure as a term (None for a lone digit), and whether it took the unit word after it."""
    value = token.lower.replace(",", "").replace("$", "").rstrip(".")
    unit = UNITS.get(following.lower) if following is not None and not value.endswith("%") else None
    if unit is None and len(value) < 2:
        return None, False
    return NUMBER + value + (unit or ""), unit is not None


def terms(text: str, pack: Pack | None = None) -> frozenset[str]:
    """The claim's terms (see the module's docstring)."""
    stop = link_lexicon().stop_words
    phrases = pack_phrases(pack)
    toks = tokens(text)
    out: set[str] = set()
    i = 0
    while i < len(toks):
        n, found = phrases.match(toks, i)
        if n:
            out.update(found)
            i += n
            continue
        tok = toks[i]
        if tok.text[0].isdigit() or tok.text[0] == "$":
            term, took_unit = number_term(tok, toks[i + 1] if i + 1 < len(toks) else None)
            if term:
                out.add(term)
            i += 2 if took_unit else 1
            continue
        if len(tok.lower) >= MIN_LETTERS and tok.lower not in stop:
            out.add(tok.lower)
        i += 1
    return frozenset(out)
