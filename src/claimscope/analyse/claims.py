"""Claims: which sentences can be claims at all (not headings, titles, breadcrumbs or page furniture), and the
kind of a claim. Furniture lines and kind cues are data (``data/claims.yaml``); the check-worthiness score
comes from the trained model (``checkworthiness``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from claimscope.analyse import lexicon
from claimscope.analyse.sources import MARKER

SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")", "]")  # a footnote or a quote may close one
FINITE = {"VBD", "VBZ", "VBP", "MD"}
# a list item's bullet, or a clause's number in brackets ("(2)work with the Government of Iraq ...")
BULLET = re.compile(r"^[ \t]*([•·▪◦‣●■–—]|[-*](?=[ \t])|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))[ \t]*", re.MULTILINE)
HEADING_WORDS = 16  # a heading longer than this is more likely an unpunctuated sentence
TEXT_ENDS = (".", "!", "?", "”", '"', "’", "'", ")", "]", ":", ";")  # how a whole text can end
PROSE = re.compile(r",\s|[.!?]\s+\S")  # a comma, or a sentence that ends and another that starts
TRAILING_MARKER = re.compile(rf"\s*{MARKER.pattern}\s*$")


@dataclass(frozen=True)
class Navigation:
    """How a site's navigation saved as plain text is told (``navigation`` in data/claims.yaml)."""

    separators: frozenset[str]
    min_separators: int
    max_gap: int
    max_words: int


@dataclass(frozen=True)
class ClaimModel:
    furniture: frozenset[str]
    notices: tuple[str, ...]  # a sentence holding one of these is a rights or licence notice
    kinds: tuple[tuple[str, frozenset[str], tuple[str, ...], frozenset[str]], ...]  # name, lemmas, phrases, other
    navigation: Navigation
    modals: frozenset[str]  # a main verb with one of these prescribes (see ``is_prescription``)
    prescribing: tuple[str, ...]  # phrases that make a sentence a prescription
    discourse: frozenset[str]  # bare verbs that lead what a speaker says, not an instruction ("Let me say ...")


@functools.cache
def _model(overrides_json: str) -> ClaimModel:
    data = lexicon.load("claims", json.loads(overrides_json))
    kinds = tuple((name, frozenset(cues.get("lemmas") or ()), tuple(cues.get("phrases") or ()),
                   frozenset((cues.get("subjects") or []) + (cues.get("labels") or [])))
                  for name, cues in data["kinds"].items())
    nav = data["navigation"]
    prescriptions = data.get("prescriptions") or {}
    return ClaimModel(frozenset(x.lower() for x in data["furniture"]),
                      tuple(x.lower() for x in data.get("notices") or ()), kinds,
                      Navigation(frozenset(nav["separators"]), int(nav["min_separators"]), int(nav["max_gap"]),
                                 int(nav["max_words"])),
                      frozenset(prescriptions.get("modals") or ()),
                      tuple(x.lower() for x in prescriptions.get("phrases") or ()),
                      frozenset(prescriptions.get("discourse") or ()))


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


def is_fragment(sent: SpacySpan, text: str) -> bool:
    """A list item or a field of an infobox, not a statement: no closing punctuation and no finite verb ("• Mass
    reprisals against the population ...", "Continued conflict in parts of the north until October 1991"). A
    headline-like item with a finite verb ("MEK fighters joined Iraqi forces in 1988") stays."""
    return not text.rstrip().endswith(SENTENCE_ENDS) and not any(
        t.tag_ in FINITE or "Fin" in t.morph.get("VerbForm") for t in sent)


def is_prescription(sent: SpacySpan, m: ClaimModel) -> bool:
    """What ought to be done, not what is: the main verb takes a prescribing modal ("the United States should
    work with ..."), a prescribing phrase ("It is the sense of Congress that ..."), or the sentence is an
    instruction, led by a bare verb with no subject ("Permit the president to set the priorities ...")."""
    root = sent.root
    if any(c.dep_ == "aux" and c.lower_ in m.modals for c in root.children):
        return True
    if any(p in sent.text.lower() for p in m.prescribing):
        return True
    words = [t for t in sent if t.is_alpha]
    return bool(words) and words[0] == root and root.tag_ == "VB" and root.lemma_.lower() not in m.discourse \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in root.children)


def navigation(text: str, m: ClaimModel) -> list[tuple[int, int]]:
    """The runs of lines of ``text`` that are a site's navigation saved as plain text (menu items and path steps,
    one a line, between lines of separators), as (start, end) offsets of whole lines. A blank line ends a run."""
    rule = m.navigation
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line), line.strip()))
        at += len(line) + 1
    short = [bool(words) and len(words.split()) <= rule.max_words for _, _, words in lines]
    runs: list[list[int]] = []
    for i, (_, _, words) in enumerate(lines):
        if words not in rule.separators:
            continue
        gap = i - runs[-1][-1] - 1 if runs else -1
        if (gap == 1 and _path_step(lines[i - 1][2])) or (0 <= gap <= rule.max_gap and all(short[i - gap:i])):
            runs[-1].append(i)  # one path step or a few short lines since the last separator
        else:
            runs.append([i])
    found = []
    for run in runs:
        if len(run) >= rule.min_separators:
            first = run[0] - 1 if run[0] > 0 and short[run[0] - 1] else run[0]
            last = run[-1] + 1 if run[-1] + 1 < len(lines) and short[run[-1] + 1] else run[-1]
            found.append((lines[first][0], lines[last][1]))
    return found


def bullets(text: str, skipped: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The bullets that lead list items ("  • Mass reprisals ...", "(2)work with ..."), with the blanks after them,
    outside the ``skipped`` spans: never parsed, so that each item is parsed alone (the small English model tags a
    bullet as a verb and reads "• Iraqi forces killed ..." as a noun phrase) and is a sentence of its own."""
    found = [(m.start(1), m.end()) for m in BULLET.finditer(text)]
    return [(a, b) for a, b in found if not any(x <= a < y for x, y in skipped)]


def _path_step(line: str) -> bool:
    """A line that can be one step of a path (a folder or a file name, however long), not prose: no longer than a
    heading, and no sentence ends in it ("*** / A paragraph on one line. / ***" is read)."""
    return bool(line) and len(line.split()) <= HEADING_WORDS and not re.search(r"[.!?]($|\s)", line)


def cut_off(text: str) -> int | None:
    """Where the last word starts when the text stops mid-sentence (an excerpt cut at a length: "... formed the
    Nationa"): its last line is prose (longer than a heading, with a comma or a full stop inside: a saved page's
    footer menu has neither) and has no closing punctuation. None when the text ends whole."""
    body = text.rstrip()
    last = body[body.rfind("\n") + 1:]
    if body.endswith(TEXT_ENDS) or len(last.split()) <= HEADING_WORDS or not PROSE.search(last):
        return None
    return len(body) - len(last.split()[-1])


def is_heading(sent: SpacySpan, paragraph: str, title: str | None, list_item: bool = False) -> bool:
    """A title, a breadcrumb trail or a heading: a whole short paragraph with no closing punctuation (not an item
    of a list, which is parsed alone)."""
    text = sent.text.strip()
    if " » " in text or (title and text == title.strip()):
        return True
    # a sentence's closing mark may sit before its footnote markers: "... in 1965.[18]" is a sentence
    closed = text[:end_before_markers(text, 0, len(text))].rstrip().endswith((".", "!", "?", "”", '"'))
    return not list_item and text == paragraph.strip() and not closed and len(sent) <= HEADING_WORDS


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
