"""How alike two claims are: content words, entities and time (the light default; no model to load).

A claim and its denial ("the MEK helped suppress the uprisings" / "the MEK denies any role in suppressing the
uprisings") share their content words and entities, so they score high: they are the same proposition, with
opposite stances. The weights and the threshold are data (``data/link.yaml``).
"""

from __future__ import annotations

import functools
import re
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


def score(a: ClaimView, b: ClaimView) -> float:
    s = settings()
    value = s.lexical * jaccard(a.words, b.words) + s.entities * jaccard(a.entities, b.entities)
    if a.years and b.years and a.years & b.years:
        value += s.same_time
    return round(value, 4)


def similarity(a_text: str, b_text: str) -> float:
    """The score of two texts read as claims without entities (for measuring on plain sentences): content
    words, with capitalised words standing in for entity names."""
    def view(text: str) -> ClaimView:
        names = [w for w in re.findall(r"\b[A-Z][\w'’-]+", text)[1:]]
        return ClaimView.of("", "", text, [n.lower() for n in names], " ".join(re.findall(r"\b1\d{3}|20\d\d", text)))

    return score(view(a_text), view(b_text))
