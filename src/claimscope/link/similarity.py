"""How alike two claims are: content words, entities and time (the light default; no model to load).

A claim and its denial ("the MEK helped suppress the uprisings" / "the MEK denies any role in suppressing the
uprisings") share their content words and entities, so they score high: they are the same proposition, with
opposite stances. The weights and the threshold are data (``data/link.yaml``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimscope.analyse import lexicon

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d{3,4}")
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


@dataclass(frozen=True)
class LinkSettings:
    threshold: float
    lexical: float
    entities: float
    same_time: float
    hashes: int
    bands: int
    stop_words: frozenset[str]


@functools.cache
def settings() -> LinkSettings:
    data = lexicon.load("link")
    w = data["weights"]
    return LinkSettings(float(data["threshold"]), float(w["lexical"]), float(w["entities"]), float(w["same_time"]),
                        int(data["minhash"]["hashes"]), int(data["minhash"]["bands"]),
                        frozenset(data["stop_words"]))


def stem(word: str) -> str:
    """A crude suffix stripper, enough to meet "suppressing" and "suppressed" in the middle."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    stop = settings().stop_words
    words = (w.lower().replace("’", "'").split("'")[0] for w in WORD.findall(text))
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in stop)


@dataclass(frozen=True)
class ClaimView:
    """What linking needs of a claim."""

    id: str
    document: str
    words: frozenset[str]
    entities: frozenset[str]
    years: frozenset[str]  # the four-digit years of its time expression, if any

    @classmethod
    def of(cls, claim_id: str, document: str, text: str, entities: list[str], when: str | None) -> ClaimView:
        return cls(claim_id, document, content_words(text), frozenset(entities),
                   frozenset(re.findall(r"\d{4}", when or "")))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def idf_of(word_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over a collection of claims (a word in every claim weighs 1)."""
    df: Counter[str] = Counter()
    n = 0
    for words in word_sets:
        df.update(words)
        n += 1
    return {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}


def cosine(a: frozenset[str], b: frozenset[str], idf: dict[str, float] | None) -> float:
    """Cosine of the claims' binary word vectors weighted by idf: rare shared words count most, and a short
    claim contained in a long sentence still scores high."""
    if not a or not b:
        return 0.0
    weight = (lambda w: idf.get(w, 1.0) ** 2) if idf else (lambda w: 1.0)
    shared = sum(weight(w) for w in a & b)
    return shared / math.sqrt(sum(weight(w) for w in a) * sum(weight(w) for w in b))


def score(a: ClaimView, b: ClaimView, idf: dict[str, float] | None = None) -> float:
    s = settings()
    value = s.lexical * cosine(a.words, b.words, idf) + s.entities * jaccard(a.entities, b.entities)
    if a.years and b.years and a.years & b.years:
        value += s.same_time
    return round(value, 4)


def text_view(text: str) -> ClaimView:
    """A plain sentence read as a claim, capitalised words standing in for entity names (for measuring)."""
    names = [w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", text)[1:]]
    return ClaimView.of("", "", text, names, " ".join(re.findall(r"\b1\d{3}|20\d\d", text)))


def fit(texts: Iterable[str]) -> Callable[[str, str], float]:
    """A similarity of two texts with word weights fitted on ``texts`` (as the dossier's claims fit them)."""
    idf = idf_of(content_words(t) for t in texts)
    return lambda a, b: score(text_view(a), text_view(b), idf)


def similarity(a_text: str, b_text: str) -> float:
    """The score of two plain sentences, without word weights (see ``fit``)."""
    return score(text_view(a_text), text_view(b_text))
