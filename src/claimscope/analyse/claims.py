"""Claims: every sentence gets a check-worthiness score from features of its parse; those at or above the
threshold become claims, with a kind. The weights, threshold, furniture lines and kind cues are data
(``data/claims.yaml``); ``explain`` tells why a sentence scored as it did.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from claimscope.analyse import lexicon

DATE_LABELS = {"DATE", "TIME"}
FIRST_SECOND = {"i", "we", "you", "me", "us", "my", "our", "your"}
HEADING_WORDS = 16  # a heading longer than this is more likely an unpunctuated sentence
MODALS = {"would", "could", "should", "might", "may", "must", "can", "shall"}


@dataclass(frozen=True)
class ClaimModel:
    threshold: float
    bias: float
    weights: dict[str, float]
    short_tokens: int
    furniture: frozenset[str]
    kinds: tuple[tuple[str, frozenset[str], tuple[str, ...], frozenset[str]], ...]  # name, lemmas, phrases, other


@functools.cache
def _model(overrides_json: str) -> ClaimModel:
    data = lexicon.load("claims", json.loads(overrides_json))
    kinds = tuple((name, frozenset(cues.get("lemmas") or ()), tuple(cues.get("phrases") or ()),
                   frozenset((cues.get("subjects") or []) + (cues.get("labels") or [])))
                  for name, cues in data["kinds"].items())
    return ClaimModel(float(data["threshold"]), float(data["bias"]), dict(data["weights"]),
                      int(data["short_tokens"]), frozenset(x.lower() for x in data["furniture"]), kinds)


def model(overrides: dict | None = None) -> ClaimModel:
    return _model(lexicon.fingerprint(overrides))


def is_furniture(text: str, m: ClaimModel) -> bool:
    return text.strip().rstrip(":.").strip().lower() in m.furniture


def is_heading(sent: SpacySpan, paragraph: str, title: str | None) -> bool:
    """A title, a breadcrumb trail or a heading: a whole short paragraph with no closing punctuation."""
    text = sent.text.strip()
    if " » " in text or (title and text == title.strip()):
        return True
    return text == paragraph.strip() and not text.endswith((".", "!", "?", "”", '"')) and len(sent) <= HEADING_WORDS



def features(sent: SpacySpan, n_entities: int, has_cue: bool, m: ClaimModel, kind_: str = "") -> dict[str, float]:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX")]
    main = sent.root
    labels = {e.label_ for e in sent.ents}
    return {
        "entities": float(min(n_entities, 3)),
        "date": float(bool(labels & DATE_LABELS) or any(t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20")
                                                       for t in sent)),
        "number": float(bool(labels & {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"})),
        "past_or_perfect": float(any(t.tag_ in ("VBD", "VBN") for t in verbs)),
        "action_verb": float(main.pos_ == "VERB" and main.lemma_ not in ("be", "have")),
        "cue": float(has_cue),
        "assessment": float(kind_ == "assessment"),
        "first_second_person": float(any(t.lower_ in FIRST_SECOND for t in words)),
        "question": float(sent.text.rstrip().endswith("?")),
        "modal": float(any(t.tag_ == "MD" and t.lower_ in MODALS for t in sent)),
        "future": float(any(t.lower_ in ("will", "shall", "'ll") and t.tag_ == "MD" for t in sent)),
        "no_verb": float(not verbs),
        "short": float(len(words) < m.short_tokens),
    }


def score(feats: dict[str, float], m: ClaimModel) -> float:
    z = m.bias + sum(m.weights.get(name, 0.0) * value for name, value in feats.items())
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def explain(feats: dict[str, float], m: ClaimModel) -> list[tuple[str, float]]:
    """The features that moved the score, largest first, as (name, contribution)."""
    parts = [(name, m.weights.get(name, 0.0) * value) for name, value in feats.items() if value]
    return sorted(parts, key=lambda p: -abs(p[1]))


def kind(sent: SpacySpan, m: ClaimModel) -> str:
    """The first kind (in the order of claims.yaml) whose cues the sentence has; "event" otherwise.
    Evidence is told by its subject ("documents confirm ..."), quantity by a number that is not a date."""
    lemmas = {t.lemma_.lower() for t in sent}
    text = sent.text.lower()
    subjects = {t.lower_ for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass", "compound")}
    labels = {e.label_ for e in sent.ents}
    for name, cue_lemmas, phrases, other in m.kinds:
        if lemmas & cue_lemmas or any(p in text for p in phrases):
            return name
        if (name == "evidence" and subjects & other) or (name == "quantity" and labels & other):
            return name
    return "event"
