"""Analysis: Document (+ dossier pack) -> Audit. Pure: no database, no network, deterministic.

The steps, each its own module, run per paragraph on one spaCy parse:
segment (paragraphs; sentences from the parser) -> entities (NER + pack) -> time (EDTF) -> flags (words to
watch) -> sources (reference list + inline) -> claims (check-worthiness, kind) -> stances (who asserts or denies).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimscope.analyse import checkworthiness, lexicon
from claimscope.analyse import claims as claims_module
from claimscope.analyse import nlp as nlp_module
from claimscope.analyse import sources as sources_module
from claimscope.analyse import stances as stances_module
from claimscope.analyse.entities import EntityCollector
from claimscope.analyse.flags import find_flags, load_lexicon
from claimscope.analyse.segment import paragraphs
from claimscope.analyse.timex import claim_when, find_times
from claimscope.analyse.turns import Transcript, Turn, spoken
from claimscope.model import Audit, Claim, Document, Entity, Mention, Sentence, make_id
from claimscope.pack import Pack

ANALYSIS_RELEASE = "0.15"  # 0.15: asides hold no stance; "are fabricated", "the lie that" deny; "I say" once
ENGLISH_ONLY = "claimscope's analysis covers English only for now: this document ({lang}) is stored and " \
               "searchable, but its sentences, entities and claims are not analysed."
CUT_OFF = "This text stops in the middle of a sentence (“… {words}”): it is probably an excerpt, and what the " \
          "whole document says is not in this audit."
NO_TEXT_LAYER = "PDF pages with no text (blank, or scanned without a text layer): {pages}. If they are scans, " \
                "nothing on them is read: run OCR on the PDF (e.g. ocrmypdf) and add it again."
GUESSED_CHARSET = "This file is not UTF-8 and names no encoding: it was read as {charset} (Western European). " \
                  "If letters look wrong, convert it to UTF-8 (iconv -f ENCODING -t UTF-8) and add it again."
PIECE = 100_000  # characters parsed at once, at most (see ``pieces``)


def analysis_version(pack: Pack | None = None) -> str:
    """The release, the model, the lexicons' digest and the pack's: a change in any means re-analysis."""
    version = (f"{ANALYSIS_RELEASE}+{nlp_module.model_version()}+cw.{checkworthiness.meta()['version']}"
               f"+lex.{lexicon.digest()}")
    return f"{version}+pack.{pack.name}.{pack.digest}" if pack else version


def with_side(document: Document, pack: Pack | None) -> Document:
    """The document with the side the pack gives its publisher, unless it names its own perspective."""
    if pack and not document.perspective:
        return replace(document, perspective=pack.side_of_publisher(document.publisher, document.url))
    return document


def analyse(document: Document, pack: Pack | None = None) -> Audit:
    return next(analyse_many([document], pack))


def analyse_many(documents: Iterable[Document], pack: Pack | None = None, batch_size: int = 64) -> Iterator[Audit]:
    """Audits in the order of ``documents``; each document's paragraphs go through spaCy as one batch."""
    nlp = nlp_module.load()
    version = analysis_version(pack)
    overrides = pack.lexicon if pack else None
    flag_lexicon = load_lexicon((overrides or {}).get("flags"))
    claim_model = claims_module.model(overrides)
    stance_lexicon = stances_module.compiled(overrides)
    source_lexicon = sources_module.compiled(overrides)
    for document in documents:
        document = with_side(document, pack)
        audit = Audit(document=document, analysis_version=version, paragraphs=paragraphs(document.text))
        if document.original is not None and document.original.charset:
            audit.notes.append(GUESSED_CHARSET.format(charset=document.original.charset.capitalize()))
        blank = [str(n) for n, (start, end) in enumerate(document.pages, 1) if start == end]
        if blank and len(blank) < len(document.pages):  # a PDF with no text at all is refused when it is read
            audit.notes.append(NO_TEXT_LAYER.format(pages=", ".join(blank)))
        if document.language != "en":
            audit.notes.append(ENGLISH_ONLY.format(lang=document.language))
            yield audit
            continue
        skipped = claims_module.navigation(document.text, claim_model)  # a site's menu and path: never read
        listed = claims_module.bullets(document.text, skipped)  # nor a list item's bullet: each item parsed alone
        unread, items = sorted(skipped + listed), {end for _, end in listed}
        texts = ((document.text[a:b], (a, i)) for i, p in enumerate(audit.paragraphs)
                 for start, end in outside(p.start, p.end, unread)
                 for a, b in pieces(document.text, start, end, PIECE))
        parsed = [(doc, a, i) for doc, (a, i) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size)]
        cut = claims_module.cut_off(document.text)
        if cut is not None:
            audit.notes.append(CUT_OFF.format(words=document.text[max(0, cut - 40):].strip().split(maxsplit=1)[-1]))
        collector = EntityCollector(pack, document.title, cut)
        dates: list[tuple[int, int]] = []
        for doc, offset, _ in parsed:
            collector.add(doc, offset)
            dates.extend((offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ in ("DATE",))
        audit.timeline = [t for t in find_times(document.text, dates, anchor=document.published,
                                                periods=pack.periods if pack else ())
                          if not any(a <= t.start < b for a, b in skipped)]
        audit.flags = find_flags(document.id, document.text, flag_lexicon)
        finder = sources_module.SourceFinder(document.id, source_lexicon)
        transcript = Transcript(document.text)
        speakers: dict[str, str] = {}  # a speaker's name -> entity, resolved once however many turns it takes
        for turn in transcript.turns:
            if turn.name not in speakers:
                speakers[turn.name] = _speaker(collector, turn)
            collector.mention(collector.entities[speakers[turn.name]], Mention(
                turn.start, turn.label_end, document.text[turn.start:turn.label_end], "speaker"))
        entities = collector.result()
        finder.add_references(document.text, document.references, entities)
        in_references = [(r.start, r.end) for r in document.references]
        for doc, offset, i in parsed:
            for sent in doc.sents:
                sentence = _sentence(sent, offset, i)
                if sentence is None:
                    continue
                audit.sentences.append(sentence)
                if any(a <= sentence.start < b for a, b in in_references):
                    continue  # the reference list is read as sources, not as claims
                if claims_module.is_heading(sent, nlp_module.text_of(doc), document.title, offset in items):
                    continue  # headings, titles and breadcrumbs are neither claims nor sources
                cited = finder.add_sentence(sent, offset, entities, audit.timeline)
                claim = _claim(audit, sent, sentence, cited, collector, claim_model, stance_lexicon)
                if claim is not None:
                    if (turn := transcript.at(claim.start)) is not None:  # a speaker's words, not the author's
                        claim.stances = spoken(claim.stances, speakers[turn.name], turn)
                    audit.claims.append(claim)
        audit.entities = collector.result()
        audit.sources = finder.sources
        audit.notes.extend(finder.notes())
        _link_timeline(audit, collector)
        yield audit


class _Span(Protocol):
    start: int
    end: int


Spanned = TypeVar("Spanned", bound=_Span)


def pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """A paragraph as spans spaCy parses one at a time: whole when it is under ``limit`` characters, else cut at
    line ends, or failing those at spaces (a 1.8 MB text of single-newline lines is one paragraph; spaCy refuses
    texts over its ``max_length`` of 1,000,000 characters, and its memory grows with the length)."""
    while end - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut + 1 if cut >= 0 else start + limit
        yield start, cut
        start = cut
    yield start, end


def outside(start: int, end: int, skipped: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The parts of ``start``..``end`` outside the ``skipped`` spans (sorted, disjoint; found by bisection, since a
    long list has a bullet a line)."""
    for a, b in skipped[max(0, bisect.bisect_right(skipped, (start,)) - 1):]:
        if a >= end:
            break
        if start < b:
            if start < a:
                yield start, a
            start = max(start, b)
    if start < end:
        yield start, end


def _sentence(sent: SpacySpan, offset: int, paragraph: int) -> Sentence | None:
    text = sent.text.strip()
    if not text:
        return None
    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return Sentence(start, start + len(text), paragraph)


def _claim(audit: Audit, sent: SpacySpan, sentence: Sentence, cited: list[str], collector: EntityCollector,
           model: claims_module.ClaimModel, lexicon: stances_module.StanceLexicon) -> Claim | None:
    end = claims_module.end_before_markers(audit.document.text, sentence.start, sentence.end)
    text = audit.document.text[sentence.start:end]
    # A statement needs a verb: a verbless line (an infobox cell, a bill's run-together heading, "2016-07-06") is
    # structure, however its words would score, so it is not scored at all; so is an unpunctuated list item or
    # infobox field with no finite verb.
    if claims_module.is_furniture(text, model) or not any(t.pos_ in ("VERB", "AUX") for t in sent) \
            or claims_module.is_fragment(sent, text) or claims_module.is_prescription(sent, model):
        return None
    offset = sentence.start - (sent.start_char + (len(sent.text) - len(sent.text.lstrip())))

    def holder_of(start: int, end: int, words: str, head: Token) -> str:
        return _holder(collector, start, end, words, offset + head.idx, head.lower_, lexicon.roles)

    stances = stances_module.find_stances(sent, offset, lexicon, holder_of)
    mentioned = _entities_within(collector, sentence.start, sentence.end)
    kind = claims_module.kind(sent, model)
    # The trained model scores check-worthiness. An assessment is kept whatever its score, so that a judgement or
    # an imputed motive can be flagged (it is never graded as fact).
    score = float(checkworthiness.predict([text])[0])
    if score < checkworthiness.threshold() and kind != "assessment":
        return None
    when = claim_when(audit.document.text, sent, offset, inside(audit.timeline, sentence.start, sentence.end))
    flags = [f.id for f in inside(audit.flags, sentence.start, sentence.end)]
    return Claim(id=make_id("cl", audit.document.id, sentence.start, end), text=text,
                 start=sentence.start, end=end, checkworthiness=round(score, 4),
                 kind=kind, stances=stances, entities=mentioned, when=when,
                 citations=cited, flags=flags)


def _entities_within(collector: EntityCollector, start: int, end: int) -> list[str]:
    return list(dict.fromkeys(e.id for e, _ in collector.within(start, end)))


def _holder(collector: EntityCollector, start: int, end: int, words: str, head_start: int, head_word: str,
            roles: frozenset[str]) -> str:
    """The entity a stance holder's words name: the entity at the phrase's head word, or the organisation of
    a role noun ("the MEK leaders" -> the MEK; not "former MEK members"), else a Group entity for the phrase;
    a bare pronoun stays "unknown"."""
    inside = collector.within(start, end)
    at_head = [e for e, m in inside if m.start <= head_start < m.end]
    if at_head:
        return at_head[0].id
    if head_word in roles and "former" not in words.lower() and len({e.id for e, _ in inside}) == 1:
        return inside[0][0].id
    if head_word in ("it", "they", "he", "she", "them", "this", "that"):
        return "unknown"
    eid = make_id("e", "Group", words.lower())
    collector.mention(collector.entities.get(eid) or Entity(eid, words, "Group"), Mention(start, end, words, "holder"))
    return eid


def _speaker(collector: EntityCollector, turn: Turn) -> str:
    """The entity a transcript's speaker label names: the one person of the document with that last name
    ("CLINTON" -> Hillary Clinton), else a person of the label's own name ("Mr. Newman")."""
    people = {e.id for e in collector.entities.values() if e.type == "Person" and not e.name.isupper()
              and e.name.split()[-1].lower() == turn.last_name}  # a name in the text, not the label read by NER
    if len(people) == 1:
        return people.pop()
    eid = make_id("e", "Person", turn.name.lower())
    collector.entities.setdefault(eid, Entity(eid, turn.name, "Person"))
    return eid


def inside(items: Sequence[Spanned], start: int, end: int) -> list[Spanned]:
    """The items (sorted by start, as the timeline and the flags are) whose words lie in ``start``..``end``."""
    first = bisect.bisect_left(items, start, key=lambda x: x.start)
    last = bisect.bisect_left(items, end, lo=first, key=lambda x: x.start)
    return [x for x in items[first:last] if x.end <= end]


def _link_timeline(audit: Audit, collector: EntityCollector) -> None:
    """Each time expression names the entities mentioned in its sentence (in the order of ``audit.entities``)."""
    order = {e.id: i for i, e in enumerate(audit.entities)}
    starts = [s.start for s in audit.sentences]
    for t in audit.timeline:
        at = bisect.bisect_right(starts, t.start) - 1
        if at < 0 or t.start >= audit.sentences[at].end:
            continue
        sentence = audit.sentences[at]
        found = {e.id for e, _ in collector.within(sentence.start, sentence.end) if e.id in order}
        t.entities = sorted(found, key=order.__getitem__)


def score_sentences(texts: Iterable[str], pack: Pack | None = None, batch_size: int = 256, with_kind: bool = True,
                    threshold: float | None = None) -> Iterator[tuple[float, str | None]]:
    """(check-worthiness, kind) of each text read as one sentence: the detector the audit uses, without the rest
    of the audit. The kind needs a spaCy parse, so it is given only for the sentences at or above the threshold
    (None for the others, and for all with ``with_kind=False``)."""
    items = [t.strip() for t in texts]
    scores = [s if text else 0.0 for s, text in zip(checkworthiness.predict(items) if items else [], items,
                                                      strict=True)]
    limit = checkworthiness.threshold() if threshold is None else threshold
    model = claims_module.model(pack.lexicon if pack else None)
    kinds: dict[int, str] = {}
    if with_kind:
        chosen = [i for i, s in enumerate(scores) if s >= limit]
        # a "sentence" of a megabyte is no sentence; its kind is read from its start (spaCy's length limit)
        for i, doc in zip(chosen, nlp_module.load().pipe((items[i][:PIECE] for i in chosen), batch_size=batch_size),
                          strict=True):
            kinds[i] = claims_module.kind(doc[:], model) if len(doc) else "event"
    for i, s in enumerate(scores):
        yield round(float(s), 4), kinds.get(i)
