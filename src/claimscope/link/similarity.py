"""How alike two claims are: a weighted cosine of their terms, and for the pairs it leaves undecided, the pair
model's reading of the two claims (``pairs``).

The terms (``words.terms``) are content words, figures, and the names a dossier pack knows folded to one token
per entity. Each weighs its fixed word weight (``weights``: an idf counted once over debate and corpus sentences,
shipped with the package), so the score of a pair is a pure function of the two claims, the lexicon and the
pack: never of the rest of the dossier, and a link can be stored when a document is added.

A claim and its denial ("the MEK helped suppress the uprisings" / "the MEK denies any role in suppressing the
uprisings") share their terms, so they score high: they are the same proposition, with opposite stances. Two
claims stating different figures and no common one ("$716 billion" / "$500 billion") are held apart a little.
The settings and the threshold are data (``data/link.yaml``), chosen on the dev half of the labelled pairs.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace

import numpy as np

from claimscope.analyse import lexicon
from claimscope.dates import is_year
from claimscope.link import pairs as pair_model
from claimscope.link import vectors, weights
from claimscope.link.words import ENTITY, NAMED, NUMBER, terms
from claimscope.pack import Pack, bundled_pack_dir, load_pack


@dataclass(frozen=True)
class LinkSettings:
    threshold: float
    weight_power: float
    unseen_weight: float
    number_mismatch: float
    min_shared: float
    pair_weight: float  # the pair model's part of a link score
    pair_floor: float  # the terms' score from which the pair model reads a pair

    @property
    def terms_alone(self) -> float:
        """The terms' score from which a pair links whatever the model says."""
        return self.threshold / (1 - self.pair_weight)


@functools.cache
def settings() -> LinkSettings:
    data = lexicon.load("link")
    return LinkSettings(float(data["threshold"]), float(data["weight_power"]), float(data["unseen_weight"]),
                        float(data["number_mismatch"]), float(data["min_shared"]),
                        float(data["pair_model"]["weight"]), float(data["pair_model"]["floor"]))


@dataclass(frozen=True)
class ClaimView:
    """What linking needs of a claim: its document, its terms, its entity ids and its text (for the pair model);
    and its vector, for ranking the claims that may state a proposition (``suggest``; ``None`` until
    ``with_vectors`` embeds the text)."""

    id: str
    document: str
    words: frozenset[str]
    entities: frozenset[str]
    text: str = ""
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, claim_id: str, document: str, text: str, entities: list[str], pack: Pack | None = None) -> ClaimView:
        return cls(claim_id, document, terms(text, pack), frozenset(entities), text)


@functools.cache
def word_weight(term: str) -> float:
    """The term's fixed idf; a pack's entity or event, or a term the table lacks, weighs ``unseen_weight``."""
    unseen = settings().unseen_weight
    return unseen if term.startswith(NAMED) else weights.table().get(term, unseen)


@functools.cache
def term_weight(term: str) -> float:
    """Its weight in the cosine: the idf raised to ``weight_power``."""
    return word_weight(term) ** settings().weight_power


def figures(words: frozenset[str]) -> frozenset[str]:
    """The figures among the terms, years apart (two claims about different years may be the same claim)."""
    return frozenset(w for w in words if w.startswith(NUMBER) and not is_year(w[1:]))


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of the claims' binary term vectors, each term weighing its word weight: rare shared terms count most,
    and a short claim inside a long sentence still scores fairly."""
    if not a or not b:
        return 0.0
    shared = sum(term_weight(w) for w in a & b)
    return shared / math.sqrt(sum(term_weight(w) for w in a) * sum(term_weight(w) for w in b))


def score(a: ClaimView, b: ClaimView) -> float:
    shared = a.words & b.words
    if sum(word_weight(w) for w in shared) < settings().min_shared:
        return 0.0  # too little in common to be one proposition, however short the two claims
    if all(w.startswith(ENTITY) for w in shared):
        return 0.0  # the same people and places, nothing said of them alike ("Rajavi and the MEK opposed the Shah",
        # "the MEK denied the bombing, according to Maryam Rajavi"; the pair model read them as alike, 0.93)
    value = cosine(a.words, b.words)
    fa, fb = figures(a.words), figures(b.words)
    if fa and fb and not fa & fb:
        value *= settings().number_mismatch
    return round(value, 4)


def with_vectors(views: list[ClaimView]) -> list[ClaimView]:
    """The views, each with its vector (the texts of those without one embedded together)."""
    missing = [v.text for v in views if v.vector is None]
    if not missing:
        return views
    found = iter(vectors.embed(missing))
    return [v if v.vector is not None else replace(v, vector=next(found)) for v in views]


def needs_model(terms_score: float) -> bool:
    """Whether a pair with this terms' score is read by the pair model: from ``pair_floor`` up to where the terms
    alone make the link."""
    s = settings()
    return s.pair_floor <= terms_score < s.terms_alone


def combine(terms_score: float, model_score: float | None) -> float:
    """A link score from the terms' score and, for a pair that needs it, the pair model's. A pair under the floor
    keeps (1 - w) x its terms' score (it never links); a pair whose terms alone make the link keeps their score."""
    s = settings()
    if terms_score >= s.terms_alone:
        return terms_score
    if model_score is None or terms_score < s.pair_floor:
        return round((1 - s.pair_weight) * terms_score, 4)
    return round(s.pair_weight * model_score + (1 - s.pair_weight) * terms_score, 4)


def link_score(a: ClaimView, b: ClaimView) -> float:
    """How alike two claims are (a link when it reaches ``settings().threshold``): their terms' score, mixed with
    the pair model's for the pairs in between (``needs_model``)."""
    return scored_pairs([(a, b)])[0]


def scored_pairs(pairs: list[tuple[ClaimView, ClaimView]]) -> list[float]:
    """Each pair's ``link_score``, the pair model run once for all the pairs that need it."""
    terms = [score(a, b) for a, b in pairs]
    asked = [i for i, value in enumerate(terms) if needs_model(value)]
    answers = pair_model.score_pairs([(pairs[i][0].text, pairs[i][1].text) for i in asked]) if asked else []
    read = dict(zip(asked, answers, strict=True))
    return [combine(value, read.get(i)) for i, value in enumerate(terms)]


@functools.cache
def bundled_pack() -> Pack:
    return load_pack(bundled_pack_dir())


def text_view(text: str, pack: Pack | None = None) -> ClaimView:
    """A plain sentence read as a claim, its names folded by ``pack`` as the audit's claims are (for measuring)."""
    return ClaimView.of("", "", text, [], pack)


def similarity(a_text: str, b_text: str, pack: Pack | None = None) -> float:
    """The link score of two plain sentences; names are folded with ``pack``, by default the bundled example pack."""
    pack = pack or bundled_pack()
    return link_score(text_view(a_text, pack), text_view(b_text, pack))


def terms_similarity(a_text: str, b_text: str, pack: Pack | None = None) -> float:
    """The terms' score of two plain sentences (no pair model)."""
    pack = pack or bundled_pack()
    return score(text_view(a_text, pack), text_view(b_text, pack))
