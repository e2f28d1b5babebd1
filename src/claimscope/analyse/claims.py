"""Claims: which sentences can be claims at all (not headings, titles, breadcrumbs or page furniture), and the
kind of a claim. Furniture lines and kind cues are data (``data/claims.yaml``); the check-worthiness score
comes from the trained model (``checkworthiness``).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from claimscope.analyse import lexicon
from claimscope.analyse.sources import MARKER

HEADING_WORDS = 16  # a heading longer than this is more likely an unpunctuated sentence
TRAILING_MARKER = re.compile(rf"\s*{MARKER.pattern}\s*$")


@dataclass(frozen=True)
class ClaimModel:
    furniture: frozenset[str]
    notices: tuple[str, ...]  # a sentence holding one of these is a rights or licence notice
    kinds: tuple[tuple[str, frozenset[str], tuple[str, ...], frozenset[str]], ...]  # name, lemmas, phrases, other


@functools.cache
def _model(overrides_json: str) -> ClaimModel:
    data = lexicon.load("claims", json.loads(overrides_json))
    kinds = tuple((name, frozenset(cues.get("lemmas") or ()), tuple(cues.get("phrases") or ()),
                   frozenset((cues.get("subjects") or []) + (cues.get("labels") or [])))
                  for name, cues in data["kinds"].items())
    return ClaimModel(frozenset(x.lower() for x in data["furniture"]),
                      tuple(x.lower() for x in data.get("notices") or ()), kinds)


def model(overrides: dict | None = None) -> ClaimModel:
    return _model(lexicon.fingerprint(overrides))


def end_before_markers(text: str, start: int, end: int) -> int:
    """Where a claim's span ends: before the footnote markers that trail its sentence ("... the Iran–Iraq
    War.[22][23]"), so the claim quotes the sentence and not the page's apparatus. Markers inside the sentence stay:
    a span cannot skip words."""
    while True:
        trailing = TRAILING_MARKER.search(text, start, end)
        if trailing is None or trailing.start() == start:
            return end
        end = trailing.start()


def is_furniture(text: str, m: ClaimModel) -> bool:
    lowered = text.strip().rstrip(":.").strip().lower()
    return lowered in m.furniture or any(notice in lowered for notice in m.notices)


def is_heading(sent: SpacySpan, paragraph: str, title: str | None) -> bool:
    """A title, a breadcrumb trail or a heading: a whole short paragraph with no closing punctuation."""
    text = sent.text.strip()
    if " » " in text or (title and text == title.strip()):
        return True
    return text == paragraph.strip() and not text.endswith((".", "!", "?", "”", '"')) and len(sent) <= HEADING_WORDS


def kind(sent: SpacySpan, m: ClaimModel) -> str:
    """The first kind (in the order of claims.yaml) whose cues the sentence has; "event" otherwise.
    Evidence is told by its subject ("documents confirm ..."), quantity by a number that is not a date."""
    lemmas = {t.lemma_.lower() for t in sent}
    text = sent.text.lower()
    subjects = {t.lower_ for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass", "compound")}
    labels = {t.ent_type_ for t in sent if t.ent_type_}  # not sent.ents: it walks the whole doc's entities
    for name, cue_lemmas, phrases, other in m.kinds:
        if lemmas & cue_lemmas or any(p in text for p in phrases):
            return name
        if (name == "evidence" and subjects & other) or (name == "quantity" and labels & other):
            return name
    return "event"
