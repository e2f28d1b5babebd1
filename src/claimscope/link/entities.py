"""Entities across documents: one person, organisation, place or event named differently in different documents.

Within the analysis, an entity of the pack is one id in every document (its aliases: MEK, MKO, PMOI ...) and any
other name is one id per (type, name). What is left is uncertain, so it is *proposed*, never merged silently:

- ``same-name``: the same name once accents, apostrophes, hyphens and "the" are set aside, under two ids
  (often two types NER gave the same name);
- ``pack-alias``: a name the analysis did not tie to the pack matches a pack entity's name or alias that way;
- ``ambiguous``: a shared name (e.g. "Rajavi") marked ambiguous: the reviewer can say which candidate it is;
- ``short-name``: a one-word person name that is the first or last name of exactly one person in the dossier;
- ``acronym``: a name in capitals that spells the initials of another entity's name.

A reviewer merges two entities or keeps them apart; decisions are stored (``entity_decisions``), kept through
re-analysis (ids are stable: they come from the pack or from the name) and applied wherever the dossier's
entities are read: ``EntityMap.canonical`` gives each id the entity it now belongs to.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select

from claimscope.errors import Conflict, InputError, NotFound
from claimscope.grade import counted
from claimscope.model import written_name
from claimscope.pack import Pack
from claimscope.store import Store
from claimscope.store import schema as t

DECISIONS = ("merge", "keep-apart")
MINOR_WORDS = {"of", "the", "and", "for", "in", "on", "de", "e"}


@dataclass(frozen=True)
class EntityInfo:
    id: str
    name: str
    type: str
    ambiguous: tuple[str, ...]
    documents: int
    mentions: int
    from_pack: bool


@dataclass(frozen=True)
class Proposal:
    entity: str  # the one to fold ...
    into: str  # ... into this one (the pack's entity, or the one named more often)
    rule: str
    strength: str  # "likely" or "possible"
    reason: str

    def to_json(self, names: Mapping[str, str] | None = None) -> dict[str, str | None]:
        """The proposal; with ``names`` (entity id -> name), the two entities' names too."""
        data: dict[str, str | None] = {"entity": self.entity, "into": self.into, "rule": self.rule,
                                       "strength": self.strength, "reason": self.reason}
        if names is not None:
            data.update(entity_name=names.get(self.entity), into_name=names.get(self.into))
        return data


@dataclass
class EntityMap:
    """Reviewers' merges applied: every entity id of the dossier -> the id of the entity it belongs to."""

    canonical: dict[str, str] = field(default_factory=dict)

    def of(self, entity_id: str) -> str:
        return self.canonical.get(entity_id, entity_id)

    def members(self, entity_id: str) -> list[str]:
        root = self.of(entity_id)
        return sorted({root, *(e for e, c in self.canonical.items() if c == root)})


def fold(name: str) -> str:
    """A name with accents, apostrophes, punctuation, a leading "the" and a possessive set aside."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s*\(ambiguous\)$", "", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in MINOR_WORDS).upper()


def entities(store: Store, pack: Pack | None) -> list[EntityInfo]:
    from claimscope.analyse.entities import pack_entity_id

    pack_ids = {pack_entity_id(e.id) for e in pack.entities} if pack else set()
    counts = (select(t.MentionRow.entity_id, func.count(func.distinct(t.MentionRow.document_id)).label("docs"),
                     func.count().label("n")).group_by(t.MentionRow.entity_id).subquery())
    with store.session() as s:
        rows = s.execute(select(t.EntityRow, counts.c.docs, counts.c.n)
                         .join(counts, counts.c.entity_id == t.EntityRow.id)).all()
    return [EntityInfo(r.id, r.name, r.type, tuple(r.ambiguous), docs, n, r.id in pack_ids) for r, docs, n in rows]


def overview(found: list[EntityInfo], merged: EntityMap, by_document: Mapping[str, set[str]]
             ) -> list[dict[str, object]]:
    """One row per entity of the dossier, reviewers' merges applied (``by_document``: the entities each document
    names, merges applied), most mentioned first: id, name, type, documents, mentions and the ids merged into it."""
    groups: dict[str, list[EntityInfo]] = defaultdict(list)
    for e in found:
        groups[merged.of(e.id)].append(e)
    documents = Counter(e for named in by_document.values() for e in named)
    rows: list[dict[str, object]] = []
    for root, group in groups.items():
        head = next((e for e in group if e.id == root), group[0])
        rows.append({"id": root, "name": head.name if head.id == root else root, "type": head.type,
                     "documents": documents[root], "mentions": sum(e.mentions for e in group),
                     "merged": sorted(e.id for e in group if e.id != root)})
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))  # type: ignore[operator]


def propose(found: list[EntityInfo], pack: Pack | None, merged: EntityMap | None = None,
            kept_apart: set[frozenset[str]] | None = None) -> list[Proposal]:
    """Candidate merges among the dossier's entities, minus those already made or refused."""
    from claimscope.analyse.entities import pack_entity_id

    merged = merged or EntityMap()
    kept_apart = kept_apart or set()
    by_id = {e.id: e for e in found}
    out: dict[frozenset[str], Proposal] = {}

    def offer(a: EntityInfo, b: EntityInfo, rule: str, strength: str, reason: str) -> None:
        key = frozenset((a.id, b.id))
        if a.id == b.id or key in out or key in kept_apart or merged.of(a.id) == merged.of(b.id):
            return
        if merged.of(a.id) != a.id or merged.of(b.id) != b.id:  # already merged into another: decided
            return
        entity, into = sorted((a, b), key=lambda e: (e.from_pack, not e.ambiguous, e.mentions, e.name))
        out[key] = Proposal(entity.id, into.id, rule, strength, reason)

    by_fold: dict[str, list[EntityInfo]] = defaultdict(list)
    for e in found:
        if not e.ambiguous:
            by_fold[fold(e.name)].append(e)
    for group in by_fold.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                offer(a, b, "same-name", "likely", f"the same name, “{a.name}” ({a.type}) and “{b.name}” ({b.type})")
    pack_names: dict[str, list[tuple[str, str]]] = defaultdict(list)  # folded name -> (pack entity, its name)
    for p in pack.entities if pack else ():
        for n in dict.fromkeys((p.name, *p.aliases)):
            pack_names[fold(n)].append((p.id, n))
    for candidate in (e for e in found if not e.from_pack and not e.ambiguous):
        for pack_id, written in pack_names.get(fold(candidate.name), ()):
            target = by_id.get(pack_entity_id(pack_id))
            if target is not None:
                offer(candidate, target, "pack-alias", "likely",
                      f"“{candidate.name}” is written as the pack's name “{written}” for {target.name} once "
                      "accents and punctuation are set aside")
    for e in found:
        for candidate in (by_id[c] for c in e.ambiguous if c in by_id):
            offer(e, candidate, "ambiguous", "possible",
                  f"“{written_name(e.name)}” could be {len(e.ambiguous)} entities; a merge applies "
                  + (f"to all its {counted(e.mentions, 'mention')} in {counted(e.documents, 'document')}, so check "
                     f"they all mean {candidate.name}" if e.mentions > 1 else
                     f"to its one mention, so check it means {candidate.name}"))
    people = [e for e in found if e.type == "Person" and not e.ambiguous]
    for short in (p for p in people if len(p.name.split()) == 1):
        full = [p for p in people if len(p.name.split()) > 1 and fold(short.name) in
                (fold(p.name.split()[0]), fold(p.name.split()[-1]))]
        if len(full) == 1:
            offer(short, full[0], "short-name", "possible",
                  f"“{short.name}” is part of the name of {full[0].name}, the only such person in the dossier")
    for short in (e for e in found if re.fullmatch(r"[A-Z]{2,6}", e.name)):
        spelled = [e for e in found if e.id != short.id and len(e.name.split()) > 1 and initials(e.name) == short.name
                   and e.type == short.type]
        if len(spelled) == 1:
            offer(short, spelled[0], "acronym", "possible",
                  f"“{short.name}” spells the initials of {spelled[0].name}")
    return sorted(out.values(), key=lambda p: (p.strength != "likely", p.rule, p.entity))


def decisions(store: Store) -> list[tuple[str, str, str]]:
    with store.session() as s:
        return [(r.decision, r.entity, r.into)
                for r in s.scalars(select(t.EntityDecisionRow).order_by(t.EntityDecisionRow.id))]


def merged_by(store: Store, ids: list[str]) -> dict[str, tuple[str, str]]:
    """For each of ``ids``, who last merged it with another entity, and when (the day)."""
    with store.session() as s:
        rows = s.scalars(select(t.EntityDecisionRow).where(t.EntityDecisionRow.decision == "merge")
                         .where(t.EntityDecisionRow.entity.in_(ids) | t.EntityDecisionRow.into.in_(ids))
                         .order_by(t.EntityDecisionRow.id)).all()
    return {eid: (r.author, r.created_at[:10]) for r in rows for eid in (r.entity, r.into) if eid in ids}


def entity_map(store: Store) -> tuple[EntityMap, set[frozenset[str]]]:
    """Reviewers' decisions in the order made: a merge joins two entities; keeping two apart undoes any earlier
    merge of the pair. The entity a group is named after is the one never merged into another."""
    merges: dict[frozenset[str], tuple[str, str]] = {}
    apart: set[frozenset[str]] = set()
    for decision, entity, into in decisions(store):
        key = frozenset((entity, into))
        if decision == "merge":
            merges[key] = (entity, into)
            apart.discard(key)
        else:
            merges.pop(key, None)
            apart.add(key)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for entity, into in merges.values():
        a, b = find(entity), find(into)
        if a != b:
            parent[a] = b
    return EntityMap({e: find(e) for e in parent}), apart


@dataclass(frozen=True)
class Review:
    """The dossier's entities, reviewers' merges applied, and the merges still proposed."""

    merged: EntityMap
    entities: list[EntityInfo]
    proposals: list[Proposal]


def review(store: Store, pack: Pack | None) -> Review:
    merged, apart = entity_map(store)
    found = entities(store, pack)
    return Review(merged, found, propose(found, pack, merged, apart))


def decide(store: Store, decision: str, entity: str, into: str, author: str) -> None:
    """Record a reviewer's merge of ``entity`` into ``into``, or that the two are different ("keep-apart")."""
    from claimscope.store.repository import now

    if decision not in DECISIONS:
        raise InputError(decision or "decision", f"unknown decision (choose {' or '.join(DECISIONS)})")
    author = " ".join(author.split())
    if not author or len(author) > 100:
        raise InputError("author", "give your name (1 to 100 characters)")
    if entity == into:
        raise InputError(entity, "an entity cannot be merged with itself" if decision == "merge"
                         else "an entity cannot be kept apart from itself")
    with store.session() as s:
        for eid in (entity, into):
            if s.get(t.EntityRow, eid) is None:
                raise NotFound(eid, "no such entity in this dossier")
    merged, apart = entity_map(store)
    if decision == "merge" and merged.of(entity) == merged.of(into):
        raise Conflict(entity, f"is already merged with {into}")
    if decision == "merge" and merged.of(entity) != entity:  # it would pull its group into another one
        raise Conflict(entity, f"is already merged into {merged.of(entity)}",
                       "keep the two apart first, if that merge was wrong")
    if decision == "keep-apart" and frozenset((entity, into)) in apart:
        raise Conflict(entity, f"is already kept apart from {into}")
    with store.session() as s, s.begin():
        s.add(t.EntityDecisionRow(decision=decision, entity=entity, into=into, author=author, created_at=now()))
