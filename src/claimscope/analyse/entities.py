"""Entities: mentions from the NER model, corrected and linked by the dossier pack.

The cascade, in order (a later step never overrides an earlier one on the same words):
1. Pack names (gazetteer aliases, groups such as "the Rajavis", named periods), longest match first.
2. Coordinated first names sharing a surname ("Massoud and Maryam Rajavi" names two people).
3. NER entities that overlap no pack name, grouped by type and spelling ("the Iran-Iraq War" = "Iran-Iraq War").
   An infobox label run into its value is cut off ("Date1 March" -> "1 March", then dropped as a value, not a
   name); a lone common noun ("the Department", "the Premier's office") and a word the tokenizer left run
   together ("RESOLUTIONTo") are not names (data/entities.yaml).
An alias two pack entities share ("Rajavi") is resolved from words near it (each entity's `context`), then from
the document's title, then from the names the document used before it: when only one of its candidates was named
earlier ("Massoud Rajavi ... Rajavi", "the Islamic Republic of Iran (IRI)"), the alias is that one. Failing all
three, it is marked ambiguous with its candidates, never silently guessed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from dataclasses import dataclass, field

from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimscope.analyse import lexicon
from claimscope.analyse import nlp as nlp_module
from claimscope.model import AMBIGUOUS, Entity, EntityType, Mention, make_id
from claimscope.pack import Pack

NER_TYPES: dict[str, EntityType] = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
    "EVENT": "Event", "NORP": "Group", "LAW": "Other", "WORK_OF_ART": "Other", "PRODUCT": "Other",
}
LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
TRAILING = re.compile(r"(['’]s?|\s*[-–—,;:.])$")
NUMBER_REACH = 40  # characters either side of a mention searched for a document number around it
CONTEXT_WINDOW = 12  # tokens either side of a shared alias that may hold a context word
RUN_TOGETHER = re.compile("|".join(nlp_module.RUN_TOGETHER))  # where the tokenizer split words a page ran together
# A word the tokenizer leaves joined: capitals run into a short capitalised word ("RESOLUTIONTo"), not a plural
# acronym ("NGOs", "UNHCRs").
STILL_JOINED = re.compile(rf"[{ALPHA_UPPER}]{{2,}}[{ALPHA_UPPER}](?!s$)[{ALPHA_LOWER}]+")


@dataclass(frozen=True)
class NameRules:
    common_nouns: frozenset[str]  # a one-word mention that is one of these is a common noun, not a name
    place_nouns: frozenset[str]  # a name before one of these is a place ("the Tigris-Euphrates marshes")
    document_number: re.Pattern[str] | None  # a mention inside a bill's number ("S. CON. RES. 42") is no name
    beliefs: frozenset[str]  # a religion or an ideology ("Islam", "Marxism") is typed Other, not Organization


@functools.cache
def _name_rules(overrides_json: str) -> NameRules:
    data = lexicon.load("entities", json.loads(overrides_json))
    number = data.get("document_number")
    return NameRules(frozenset(w.lower() for w in data.get("common_nouns") or ()),
                     frozenset(w.lower() for w in data.get("place_nouns") or ()),
                     re.compile(number) if number else None,
                     frozenset(w.lower() for w in data.get("beliefs") or ()))


def name_rules(overrides: dict | None = None) -> NameRules:
    """data/entities.yaml's rules, with a dossier pack's ``lexicon: {entities: ...}`` applied."""
    return _name_rules(lexicon.fingerprint(overrides))


def trim(text: str, start: int) -> tuple[str, int, int]:
    """A mention's words without a leading article or a trailing possessive, with its offsets."""
    end = start + len(text)
    lead = LEADING.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end():]
    tail = TRAILING.search(text)
    if tail and tail.start() > 0:
        end -= len(text) - tail.start()
        text = text[:tail.start()]
    return text, start, end


def normalize_name(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("–", "-")).strip().lower()


def pack_entity_id(pack_id: str) -> str:
    return make_id("e", "pack", pack_id)


def pack_names(pack: Pack | None) -> dict[str, str]:
    """The name of each entity and period of a pack by the id it has in audits (an ambiguous mention's candidates
    are named so even where the document never names them)."""
    if pack is None:
        return {}
    return {pack_entity_id(x.id): x.name for x in (*pack.entities, *pack.periods)}


@dataclass
class Gazetteer:
    """A pack compiled for matching: alias -> candidate entity ids, and two phrase matchers."""

    pack: Pack
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # normalized alias -> pack ids
    exact: PhraseMatcher | None = None  # all-capital aliases (MEK, NCRI): case matters
    folded: PhraseMatcher | None = None  # everything else, case-insensitive
    first_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (first, surname) -> person id


@functools.cache
def gazetteer(pack: Pack) -> Gazetteer:
    nlp = nlp_module.load()
    gaz = Gazetteer(pack, exact=PhraseMatcher(nlp.vocab, attr="ORTH"), folded=PhraseMatcher(nlp.vocab, attr="LOWER"))
    names: dict[str, set[str]] = {}
    for e in pack.entities:
        for alias in (e.name, *e.aliases):
            names.setdefault(alias, set()).add(e.id)
        parts = e.name.split()
        if e.type == "Person" and len(parts) >= 2:
            gaz.first_names[(parts[0].lower(), parts[-1].lower())] = e.id
    for p in pack.periods:
        for alias in (p.name, *p.aliases):
            names.setdefault(alias, set()).add(p.id)
    for g in pack.groups:
        names.setdefault(g.alias, set()).update(g.members)
    group_aliases = {normalize_name(g.alias) for g in pack.groups}
    for alias, ids in names.items():
        key = normalize_name(alias)
        merged = set(gaz.candidates.get(key, ())) | ids
        # a group alias names all its members at once; any other shared alias is ambiguous
        gaz.candidates[key] = tuple(sorted(merged))
        if key in group_aliases:
            gaz.candidates[key] = ("group",) + gaz.candidates[key]
        variants = {alias, alias.replace("'", "’"), alias.replace("’", "'"), alias.replace("–", "-")}
        target = gaz.exact if alias.isupper() and len(alias) <= 6 else gaz.folded
        target.add(key, [nlp.make_doc(v) for v in sorted(variants)])
    return gaz


@dataclass
class Found:
    start: int
    end: int
    text: str
    ids: tuple[str, ...]  # pack ids (several: a group or an ambiguous alias); empty for NER entities
    etype: str = ""
    label: str = ""
    group: bool = False


def pack_mentions(doc: Doc, offset: int, gaz: Gazetteer) -> list[Found]:
    spans = []
    for matcher in (gaz.exact, gaz.folded):
        for match_id, s, e in matcher(doc):  # type: ignore[misc]
            spans.append(SpacySpan(doc, s, e, label=match_id))
    found = coordinated_names(doc, offset, gaz)  # before single names: "Massoud" here is not ambiguous
    for span in _longest_first(spans):
        start, end = offset + span.start_char, offset + span.end_char
        if any(f.start < end and start < f.end for f in found):
            continue
        ids = gaz.candidates[doc.vocab.strings[span.label]]
        group = ids[:1] == ("group",)
        found.append(Found(start, end, span.text, ids[1:] if group else ids, label="pack", group=group))
    return sorted(found, key=lambda f: f.start)


def coordinated_names(doc: Doc, offset: int, gaz: Gazetteer) -> list[Found]:
    """"Massoud and Maryam Rajavi": the first name before "and" takes the surname after it."""
    found = []
    for t in doc[:-3]:
        first, conj, second, surname = doc[t.i], doc[t.i + 1], doc[t.i + 2], doc[t.i + 3]
        if conj.lower_ not in ("and", "&"):
            continue
        person = gaz.first_names.get((first.lower_, surname.lower_))
        if person and gaz.first_names.get((second.lower_, surname.lower_)):
            start = offset + first.idx
            found.append(Found(start, start + len(first.text), first.text, (person,), label="pack"))
    return found


def _longest_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    chosen: list[SpacySpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def ner_mentions(doc: Doc, offset: int, taken: list[Found], rules: NameRules | None = None) -> list[Found]:
    rules = rules or name_rules()
    found = []
    for ent in doc.ents:
        etype = NER_TYPES.get(ent.label_)
        if etype is None:
            continue  # dates, numbers and quantities are not entities (time expressions are found apart)
        words = after_label(ent)
        if words is None or any(STILL_JOINED.fullmatch(t.text) for t in words):
            continue
        text, start, end = trim(words.text, offset + words.start_char)
        if not any(ch.isalpha() for ch in text) or "\n" in text or "»" in text:
            continue
        if text.lower() in rules.common_nouns:
            continue  # "the Department does not overlook ...": a common noun standing for a name said before
        if any(start < f.end and f.start < end for f in taken):
            continue  # the pack has named these words already
        if rules.document_number and in_document_number(words, rules.document_number):
            continue
        if etype != "Place" and names_a_place(words, rules.place_nouns):
            etype = "Place"
        if text.lower() in rules.beliefs:
            etype = "Other"
        found.append(Found(start, end, text, (), etype=etype, label=ent.label_))
    return found


def in_document_number(words: SpacySpan, pattern: re.Pattern[str]) -> bool:
    """Whether the words lie inside a bill's or a document's number ("CON" in "S. CON. RES. 42")."""
    text, start, end = nlp_module.text_of(words.doc), words.start_char, words.end_char
    near = pattern.finditer(text, max(0, start - NUMBER_REACH), end + NUMBER_REACH)
    return any(m.start() <= start and end <= m.end() for m in near)


def names_a_place(words: SpacySpan, place_nouns: frozenset[str]) -> bool:
    """Whether a noun of places follows the name, through names joined to it by hyphens ("Tigris" in "the
    Tigris-Euphrates marshes")."""
    doc, i = words.doc, words.end
    while i + 1 < len(doc) and doc[i].text in ("-", "–") and not doc[i - 1].whitespace_ and doc[i + 1].is_title:
        i += 2
    return i < len(doc) and doc[i].lower_ in place_nouns


def after_label(ent: SpacySpan) -> SpacySpan | None:
    """The words after the last place in ``ent`` where a page ran a label into its value ("Date1 March" ->
    "1 March"); None when the value starts with a number (a date or a figure the NER mislabelled, not a name)."""
    doc, text = ent.doc, nlp_module.text_of(ent.doc)
    cut = ent.start
    for token in ent[:-1]:
        if not token.whitespace_ and RUN_TOGETHER.match(text, doc[token.i + 1].idx):
            cut = token.i + 1
    if cut == ent.start:
        return ent
    return None if doc[cut].like_num or doc[cut].is_digit else doc[cut:ent.end]


def resolve(found: Found, doc: Doc, offset: int, gaz: Gazetteer, title: str) -> tuple[str, ...]:
    """The pack ids a mention refers to: all of a group's members, or the one candidate context points to."""
    if found.group or len(found.ids) <= 1:
        return found.ids
    local = doc.char_span(found.start - offset, found.end - offset, alignment_mode="expand")
    assert local is not None
    window = {t.lower_ for t in doc[max(0, local.start - CONTEXT_WINDOW):local.end + CONTEXT_WINDOW]}
    scores = {pid: len(window & {c.lower() for c in (gaz.pack.entity(pid).context if gaz.pack.entity(pid) else ())})
              for pid in found.ids}
    best = max(scores.values())
    if best and list(scores.values()).count(best) == 1:
        return (max(scores, key=scores.__getitem__),)
    titled = [pid for pid in found.ids if _named_in(pid, gaz, title)]
    return (titled[0],) if len(titled) == 1 else found.ids


def _named_in(pack_id: str, gaz: Gazetteer, title: str) -> bool:
    entity = gaz.pack.entity(pack_id)
    return entity is not None and normalize_name(entity.name) in normalize_name(title)


class EntityCollector:
    """Gathers mentions paragraph by paragraph, then builds the document's entities."""

    def __init__(self, pack: Pack | None, title: str | None, cut: int | None = None):
        self.gaz = gazetteer(pack) if pack else None
        self.cut = cut  # where the last word of a text cut off mid-sentence starts: no NER name reaches into it
        self.rules = name_rules(pack.lexicon if pack else None)
        self.title = title or ""
        self.entities: dict[str, Entity] = {}
        # every mention by its start, so the mentions inside a sentence are found without scanning them all (a
        # text of 3,000 lines that name the MEK each made every claim read 3,000 mentions)
        self._starts: list[int] = []
        self._rows: list[tuple[int, Entity, Mention]] = []  # (the order mentions came in, entity, mention)
        self._seen: set[tuple[str, int, int]] = set()
        self._position: dict[str, int] = {}
        self._named: set[str] = set()  # the pack ids the document has named so far, each by a mention of it alone

    def add(self, doc: Doc, offset: int) -> None:
        found = pack_mentions(doc, offset, self.gaz) if self.gaz else []
        for f in found:  # in the order of the text
            ids = resolve(f, doc, offset, self.gaz, self.title)  # type: ignore[arg-type]
            earlier = [pid for pid in ids if pid in self._named]
            if len(ids) > 1 and not f.group and len(earlier) == 1:
                ids = (earlier[0],)  # "Massoud Rajavi ... Rajavi": the one of its candidates named before
            if len(ids) > 1 and not f.group:
                self._mention(self._ambiguous(f.text, ids), f)
            else:
                self._named.update(ids if not f.group else ())
                for pid in ids:
                    self._mention(self._pack_entity(pid), f)
        for f in ner_mentions(doc, offset, found, self.rules):
            if self.cut is not None and f.end > self.cut:
                continue  # "the Nationa": a name cut short
            key = (f.etype, normalize_name(f.text))
            entity = self.entities.get(make_id("e", *key))
            if entity is None:
                entity = self.entities[make_id("e", *key)] = Entity(id=make_id("e", *key), name=f.text,
                                                                    type=f.etype)  # type: ignore[arg-type]
            self._mention(entity, f)

    def _pack_entity(self, pack_id: str) -> Entity:
        eid = pack_entity_id(pack_id)
        if eid not in self.entities:
            assert self.gaz is not None
            e = self.gaz.pack.entity(pack_id)
            if e is not None:
                self.entities[eid] = Entity(eid, e.name, e.type, list(e.aliases), e.wikidata)  # type: ignore[arg-type]
            else:
                period = next(p for p in self.gaz.pack.periods if p.id == pack_id)
                self.entities[eid] = Entity(eid, period.name, "Event", list(period.aliases))
        return self.entities[eid]

    def _ambiguous(self, text: str, ids: tuple[str, ...]) -> Entity:
        eid = make_id("e", "ambiguous", *ids)
        if eid not in self.entities:
            candidates = [self._pack_entity(pid) for pid in ids]
            types = {c.type for c in candidates}
            self.entities[eid] = Entity(eid, text + AMBIGUOUS, types.pop() if len(types) == 1 else "Other",
                                        ambiguous=[c.id for c in candidates])
        return self.entities[eid]

    def _mention(self, entity: Entity, f: Found) -> None:
        if f.text != entity.name and f.text not in entity.aliases and not entity.ambiguous \
                and (entity.id, f.start, f.end) not in self._seen:
            entity.aliases.append(f.text)
        self.mention(entity, Mention(f.start, f.end, f.text, f.label))

    def mention(self, entity: Entity, mention: Mention) -> None:
        """Add a mention to an entity of this document (once for the same words)."""
        key = (entity.id, mention.start, mention.end)
        if key in self._seen:
            return
        self._seen.add(key)
        self.entities.setdefault(entity.id, entity)
        entity.mentions.append(mention)
        at = bisect.bisect_right(self._starts, mention.start)
        self._starts.insert(at, mention.start)
        self._rows.insert(at, (len(self._seen), entity, mention))

    def within(self, start: int, end: int) -> list[tuple[Entity, Mention]]:
        """The mentions whose words lie in ``start``..``end``, as a scan of ``entities`` would list them: entity by
        entity in the order they were found, each entity's mentions in the order they came."""
        for eid in itertools.islice(self.entities, len(self._position), None):  # entities are only ever added
            self._position[eid] = len(self._position)
        rows = self._rows[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]
        inside = sorted((self._position[e.id], n, e, m) for n, e, m in rows if m.end <= end)
        return [(e, m) for _, _, e, m in inside]

    def result(self) -> list[Entity]:
        entities = [e for e in self.entities.values() if e.mentions]
        for e in entities:
            e.mentions.sort(key=lambda m: m.start)
        return sorted(entities, key=lambda e: (-len(e.mentions), e.name))
