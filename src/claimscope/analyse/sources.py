"""Sources: the evidence a document points to, from its own reference list and from noun phrases in its text
("the Country Reports on Terrorism published annually by the US State Department", "testimonies from former
members", "a court session held on September 23rd"). Kinds, heads and public/not-public wording are data
(``data/sources.yaml``).

Specificity says whether a reader could find the source from what is given: *specific* when a title and a
publisher or author are named; *partial* when some of title, publisher, author or date is; *vague* otherwise.
A named series with its publisher ("Country Reports on Terrorism, US Department of State") is specific: the series
is what the text points to, and it can be retrieved. A reference that describes documents instead of naming them
("Reports of Human Rights Watch on the MEK, Human Rights Watch") has a publisher but no title: partial.

An attribution ("According to the U.S. State Department, ...") is a source of kind *attribution*: the claim leans
on the word of whom it names, though no document is named. A source phrase that points at the document's own text
("the following concurrent resolution") is not a source. Footnote markers ("[18]") whose reference list is not in
the text are not sources either, as nothing can be retrieved from them; ``SourceFinder.notes`` says so.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimscope.analyse import lexicon
from claimscope.analyse.nlp import text_of
from claimscope.analyse.timex import normalize
from claimscope.model import Entity, Reference, Source, Span, TimeExpression, make_id

# The kinds of source the design names, and "attribution" (someone's word, no document: the grade knows it);
# anything else is "unknown".
KINDS = {"official report", "NGO report", "testimony", "intelligence", "court record", "news", "academic",
         "attribution", "unknown"}
QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
LIST_MARK = re.compile(r"^\s*(\d{1,3}[.)]|\[\d{1,3}\]|[-*•·])\s+")
NUMBER = re.compile(r"^\s*\[?(\d{1,3})[.)\]]")
FOOTNOTE = re.compile(r"\[(\d{1,3})\]")  # a footnote marker in the text: "...the report.[14]"
# any footnote marker: numbered, or a named note as Wikipedia's are ("[lower-alpha 3]", "[note 2]"); not an
# editorial "[sic]"
MARKER = re.compile(r"\[(?:\d{1,3}|[a-z]+(?:-[a-z]+)? (?:\d{1,3}|[a-z]))\]")


@dataclass(frozen=True)
class SourceLexicon:
    heads: dict[str, str]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    not_public: tuple[str, ...]
    public: tuple[str, ...]
    open_publishers: tuple[str, ...]
    descriptions: frozenset[str]
    attributions: tuple[tuple[str, ...], ...]
    attribution_holders: frozenset[str]
    itself: frozenset[str]


@functools.cache
def _compiled(overrides_json: str) -> SourceLexicon:
    data = lexicon.load("sources", json.loads(overrides_json))
    kinds = tuple((k, tuple(w.lower() for w in words)) for k, words in data["kinds"].items())
    return SourceLexicon(dict(data["heads"]), kinds, tuple(data["not_public"]), tuple(data["public"]),
                         tuple(w.lower() for w in data.get("open_publishers") or ()),
                         frozenset(w.lower() for w in data.get("descriptions") or ()),
                         tuple(tuple(cue.lower().split()) for cue in data.get("attributions") or ()),
                         frozenset(w.lower() for w in data.get("attribution_holders") or ()),
                         frozenset(w.lower() for w in data.get("itself") or ()))


def compiled(overrides: dict | None = None) -> SourceLexicon:
    return _compiled(lexicon.fingerprint(overrides))


@dataclass
class SourceFinder:
    """Collects a document's sources sentence by sentence; ``cited`` maps sentence starts to source ids."""

    doc_id: str
    lex: SourceLexicon
    sources: list[Source] = field(default_factory=list)
    cited: dict[int, list[str]] = field(default_factory=dict)
    numbered: dict[str, str] = field(default_factory=dict)  # "14" -> id of the reference list's item 14
    unresolved: list[str] = field(default_factory=list)  # footnote markers with no reference list item in the text

    def add_references(self, text: str, references: list[Reference], entities: list[Entity]) -> None:
        for ref in references:
            mark = LIST_MARK.match(ref.text)
            body = ref.text[mark.end():] if mark else ref.text
            # "Title, Publisher, 2005": the title first, a date last if there is one, the publisher between
            parts = [p.strip() for p in body.split(",")]
            date = normalize(parts[-1]) if len(parts) > 1 else None
            if date:
                parts = parts[:-1]
            start = ref.start + (mark.end() if mark else 0)
            words = parts[0].lower().split()
            described = len(words) > 2 and words[0] in self.lex.descriptions and words[1] in ("of", "from", "by")
            title = None if described else parts[0]
            source = self._make(body, start, ref.end, title, ", ".join(parts[1:]) or None, date, body.lower(),
                                head_kind="unknown")
            self.sources.append(source)
            number = NUMBER.match(ref.text)
            if number:
                self.numbered[number.group(1)] = source.id

    def add_sentence(self, sent: SpacySpan, offset: int, entities: list[Entity], times: list[TimeExpression]
                     ) -> list[str]:
        """Sources named in one sentence; returns their ids (the sentence's claim cites them)."""
        ids: list[str] = []
        taken: list[tuple[int, int]] = []
        for token in sent:
            kind = self.lex.heads.get(token.lower_)
            if kind is None or token.pos_ != "NOUN" or any(a <= token.i < b for a, b in taken):
                continue
            subject = token if token.dep_ != "conj" else token.head
            if subject.dep_ == "nsubj" and subject.head.lemma_ == "include":
                continue  # "The documents ... include reports from X, ...": the sources are what is included
            if any(c.dep_ in ("amod", "det") and c.lower_ in self.lex.itself for c in token.children):
                continue  # "the following concurrent resolution" is the document itself
            words = _phrase_tokens(token)
            taken.append((words[0].i, words[-1].i + 1))
            start, end = offset + words[0].idx, offset + words[-1].idx + len(words[-1].text)
            phrase = text_of(sent.doc)[start - offset:end - offset]
            quoted = next((q for q in QUOTED.finditer(text_of(sent.doc))
                           if q.start() - 1 <= start - offset < q.end() or start - offset <= q.start() < end - offset),
                          None)
            publisher = _publisher(words, offset, entities)
            date = next((t.when for t in times if start <= t.start and t.end <= end), None)
            source = self._make(phrase, start, end, quoted.group(1) if quoted else None, publisher, date,
                                phrase.lower(), kind, public_context=sent.text.lower())
            ids.append(self._merge(source))
        for source in self._attributions(sent, offset, entities, taken):
            ids.append(self._merge(source))
        for marker in MARKER.finditer(sent.text):  # "[2]" cites item 2 of the page's own numbered list
            at = offset + sent.start_char + marker.start()
            number = FOOTNOTE.fullmatch(marker.group(0))
            source_id = self.numbered.get(number.group(1)) if number else None
            if source_id is None:
                self.unresolved.append(marker.group(0))
            elif source_id not in ids:
                known = next(s for s in self.sources if s.id == source_id)
                known.mentions.append(Span(at, at + len(marker.group(0))))
                ids.append(source_id)
        self.cited[offset + sent.start_char] = ids
        return ids

    def notes(self) -> list[str]:
        """What the reader should know about the sources: footnote markers whose reference list is not in the
        text point to sources that cannot be retrieved from it, so they are not listed."""
        if not self.unresolved:
            return []
        n = len(self.unresolved)
        what = f"{n} footnote markers (such as “{self.unresolved[0]}”) point" if n > 1 else \
            f"A footnote marker (“{self.unresolved[0]}”) points"
        return [f"{what} to a reference list that is not in this text: what they cite cannot be retrieved from "
                "it, so they are not listed as sources."]

    def _attributions(self, sent: SpacySpan, offset: int, entities: list[Entity], taken: list[tuple[int, int]]
                      ) -> list[Source]:
        """"According to the U.S. State Department, ...": the holder's word is the source (no document named)."""
        found = []
        for token in sent:
            cue = next((c for c in self.lex.attributions
                        if token.i + len(c) <= sent.end
                        and tuple(t.lower_ for t in sent.doc[token.i:token.i + len(c)]) == c), None)
            if cue is None:
                continue
            prep = sent.doc[token.i + len(cue) - 1]
            holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if holder is None or holder.pos_ == "PRON" or any(a <= holder.i < b for a, b in taken):
                continue  # "according to a 2005 report": the report is the source, found as such
            # the holder's name, without its article or what follows it ("..., the MEK, which ...")
            words = [t for t in holder.subtree
                     if t.i <= holder.i and not (t.i == holder.left_edge.i and t.dep_ == "det")]
            start, end = offset + words[0].idx, offset + holder.idx + len(holder.text)
            at = offset + holder.idx
            named = next((e for e in entities if e.type in ("Organization", "Person")
                          and any(m.start <= at < m.end for m in e.mentions)), None)
            if named is None and holder.lower_ not in self.lex.attribution_holders:
                continue  # "according to the plan": not someone's word
            text = text_of(sent.doc)[start - offset:end - offset]
            found.append(Source(id=make_id("s", self.doc_id, start, end), text=text, kind="attribution",
                                specificity="partial" if named else "vague", publisher=named.name if named else None,
                                mentions=[Span(start, end)]))
            taken.append((words[0].i, holder.i + 1))
        return found

    def _make(self, text: str, start: int, end: int, title: str | None, publisher: str | None, date: str | None,
              context: str, head_kind: str = "document", public_context: str = "") -> Source:
        kind = next((k for k, words in self.lex.kinds if any(_has(context, w) for w in words)), None)
        context = f"{context} {public_context}"
        kind = kind or ("official report" if head_kind == "report" and publisher else head_kind)
        kind = kind if kind in KINDS else "unknown"
        given = [bool(title), bool(publisher), bool(date)]
        specificity = "specific" if title and publisher else "partial" if any(given) else "vague"
        public: bool | None = None
        if any(p in context for p in self.lex.not_public):
            public = False
        elif any(p in context for p in self.lex.public) or (kind == "official report" and title):
            public = True
        elif kind in ("official report", "NGO report") and any(
                _has(f"{publisher or ''} {text}".lower(), p) for p in self.lex.open_publishers):
            public = True  # a report of a publisher that publishes its reports openly
        return Source(id=make_id("s", self.doc_id, start, end), text=text, kind=kind,
                      specificity=specificity, title=title or None, publisher=publisher, date=date,  # type: ignore[arg-type]
                      public=public, mentions=[Span(start, end)])

    def _merge(self, source: Source) -> str:
        """A source already listed (same title as a reference, or the same holder's word) gains a mention instead of
        a twin."""
        for known in self.sources:
            if source.kind == known.kind == "attribution" and source.publisher and known.publisher == source.publisher:
                known.mentions.append(source.mentions[0])
                return known.id
            if source.title and known.title and _norm(source.title) == _norm(known.title):
                known.mentions.append(source.mentions[0])
                known.publisher = known.publisher or source.publisher
                known.date = known.date or source.date
                if known.public is None:
                    known.public = source.public
                return known.id
        self.sources.append(source)
        return source.id


def _has(context: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", context) is not None


def _norm(title: str) -> str:
    return re.sub(r"\W+", " ", title.lower()).strip()


def _phrase_tokens(head: Token) -> list[Token]:
    """The head noun with its modifiers and attached phrases ("reports from the US Department of State")."""
    keep = {"det", "amod", "compound", "nummod", "poss", "prep", "pobj", "acl", "agent", "advmod", "npadvmod",
            "quantmod", "nmod", "punct", "cc", "conj", "case", "dobj", "pcomp", "appos"}
    words = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ not in keep or (t.dep_ == "conj" and t.head.i == head.i):
            continue
        words.append(t)
        stack.extend(t.children)
    words.sort(key=lambda t: t.i)
    # keep a contiguous run around the head, without dangling punctuation or conjunctions at either end
    run = [t for t in words if abs(t.i - head.i) <= len(words)]
    while run and (run[0].is_punct or run[0].dep_ in ("det", "cc")) and run[0].i != head.i:
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].dep_ == "cc") and run[-1].i != head.i:
        run = run[:-1]
    contiguous = [run[0]]
    for t in run[1:]:
        if t.i != contiguous[-1].i + 1:
            if t.i > head.i:
                break
            contiguous = [t]
            continue
        contiguous.append(t)
    return contiguous


def _publisher(words: list[Token], offset: int, entities: list[Entity]) -> str | None:
    """The organisation a source phrase names as its maker: the object of "by", "from" or "of" when that
    object is itself an organisation ("reports from the US Department of State"; not "testimonies from
    former MEK members", whose makers are the members)."""
    inside = {t.i for t in words}
    for t in words:
        if t.lower_ not in ("by", "from", "of"):
            continue
        obj = next((c for c in t.children if c.dep_ == "pobj" and c.i in inside), None)
        if obj is None:
            continue
        at = offset + obj.idx
        for entity in entities:
            if entity.type == "Organization" and any(m.start <= at < m.end for m in entity.mentions):
                return entity.name
    return None
