"""Reads across the dossier for the web pages and the API: counts, contested claims, an entity's mentions
and company, the timeline, the sources. Each returns plain data; nothing here writes."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, literal_column, or_, select

from claimscope.dates import OPEN_START, Day, bounds
from claimscope.errors import NotFound
from claimscope.model import Source, written_name
from claimscope.pack import name_key
from claimscope.store import schema as t
from claimscope.store.repository import Store
from claimscope.store.review import Hidden

SNIPPET = 80  # characters of context either side of a mention


@dataclass(frozen=True, slots=True)
class ClaimRef:
    id: str
    document_id: str
    title: str | None
    text: str
    kind: str
    opposing: int  # stances that deny or dispute it
    opposed_by: tuple[tuple[str, str, str], ...] = ()  # (holder's words, stance, cue) of those stances, where known


@dataclass(frozen=True, slots=True)
class SourceRef:
    document_id: str
    title: str | None  # the document's
    number: int  # its place in the document's source list: the document page's anchor #source-N
    source: Source


def title_key(title: str) -> str:
    """A title as a reader looks it up in a list: after its leading quotes and punctuation (“The MEK”, 'Camp'),
    its accents and case set aside (Étude files with etude)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    return re.sub(r"^[\W_]+", "", plain).casefold()


def sources(store: Store) -> list[SourceRef]:
    """Every source of the dossier, document by document, numbered as on the document's page."""
    query = (select(t.SourceRow, t.DocumentRow.title).join(t.DocumentRow, t.DocumentRow.id == t.SourceRow.document_id)
             .order_by(t.DocumentRow.ingested_at, t.DocumentRow.id, literal_column("sources.rowid")))
    with store.session() as s:
        rows = s.execute(query).all()
    found: list[SourceRef] = []
    for x, title in rows:
        number = found[-1].number + 1 if found and found[-1].document_id == x.document_id else 1
        found.append(SourceRef(x.document_id, title, number, Source(
            id=x.id, text=x.text, kind=x.kind, specificity=x.specificity, title=x.title, publisher=x.publisher,
            date=x.date, public=x.public)))
    return found


def entity_index(store: Store, canonical: dict[str, str] | None = None) -> tuple[dict[str, set[str]], dict[str, str]]:
    """The entities each document names (``canonical``: reviewers' merges applied), and every entity's name."""
    canonical = canonical or {}
    with store.session() as s:
        pairs = s.execute(select(t.MentionRow.document_id, t.MentionRow.entity_id).distinct()).all()
        names = dict(s.execute(select(t.EntityRow.id, t.EntityRow.name)).all())
    by_document: dict[str, set[str]] = {d.id: set() for d in store.documents()}
    for doc, entity in pairs:
        by_document.setdefault(doc, set()).add(canonical.get(entity, entity))
    return by_document, names


def stats(store: Store, hidden: Hidden | None = None) -> dict[str, object]:
    """The dossier's counts, less what reviewers rejected (``Review.hidden``)."""
    hidden = hidden or Hidden()
    with store.session() as s:
        def count(table: type[t.Base]) -> int:
            return int(s.scalar(select(func.count()).select_from(table)) or 0)

        flags = Counter(dict(s.execute(select(t.FlagRow.kind, func.count()).group_by(t.FlagRow.kind)).all()))
        flags.subtract(hidden.flags)
        return {"documents": count(t.DocumentRow), "claims": count(t.ClaimRow) - len(hidden.claims),
                "sources": count(t.SourceRow) - len(hidden.sources), "entities": count(t.EntityRow),
                "flags": count(t.FlagRow) - sum(hidden.flags.values()), "flags_by_kind": +flags}


def contested_claims(store: Store, limit: int = 10, hidden: Hidden | None = None) -> list[ClaimRef]:
    """Claims that someone denies or disputes, the most opposed first (without what reviewers rejected)."""
    hidden = hidden or Hidden()
    opposing = (select(t.StanceRow.claim_id, func.count().label("n"))
                .where(t.StanceRow.stance.in_(("denies", "disputes"))).group_by(t.StanceRow.claim_id).subquery())
    query = (select(t.ClaimRow, t.DocumentRow.title, opposing.c.n).join(opposing, opposing.c.claim_id == t.ClaimRow.id)
             .join(t.DocumentRow, t.DocumentRow.id == t.ClaimRow.document_id)
             .order_by(opposing.c.n.desc(), t.ClaimRow.checkworthiness.desc(), t.ClaimRow.id)
             .limit(limit + len(hidden.claims) + len(hidden.opposing)))
    by: dict[str, list[tuple[str, str, str]]] = {}
    with store.session() as s:
        rows = [(c, title, n - hidden.opposing[c.id]) for c, title, n in s.execute(query) if c.id not in hidden.claims]
        rows = sorted((r for r in rows if r[2] > 0), key=lambda r: (-r[2], -r[0].checkworthiness, r[0].id))[:limit]
        for claim_id, *stance in s.execute(  # who denies each, with the words that say so (what the denial is of)
                select(t.StanceRow.claim_id, t.StanceRow.holder_text, t.StanceRow.stance, t.StanceRow.cue)
                .where(t.StanceRow.claim_id.in_([c.id for c, _, _ in rows]),
                       t.StanceRow.stance.in_(("denies", "disputes"))).order_by(t.StanceRow.start)):
            by.setdefault(claim_id, []).append(tuple(stance))
    # where a reviewer rejected one of its denials, which one is not known here: the count alone is shown
    return [ClaimRef(c.id, c.document_id, title, c.text, c.kind, n,
                     () if hidden.opposing[c.id] else tuple(by.get(c.id, ()))) for c, title, n in rows]


def claim_ids(store: Store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(t.ClaimRow.id)))


def claim_document(store: Store, claim_id: str) -> str:
    with store.session() as s:
        doc_id = s.scalar(select(t.ClaimRow.document_id).where(t.ClaimRow.id == claim_id))
    if doc_id is None:
        raise NotFound(claim_id, "no such claim in this dossier")
    return doc_id


@dataclass(frozen=True, slots=True)
class EntityPage:
    id: str
    name: str
    type: str
    aliases: list[str]
    wikidata: str | None
    ambiguous: list[str]
    mentions: list[dict[str, object]]  # document, title, start, end, text, before, after
    claims: list[ClaimRef]
    company: list[tuple[str, str, int]]  # (entity id, name, claims shared)


def paragraph_at(paragraphs: list, offset: int) -> int:
    """The index of the paragraph holding a character offset (the document page's anchor ``#p<index>``)."""
    return max(0, bisect.bisect_right([start for start, _ in paragraphs], offset) - 1)


def entity(store: Store, entity_id: str, limit: int = 200, merged: list[str] | None = None) -> EntityPage:
    """An entity's page; ``merged``: the ids a reviewer merged into it, whose mentions and claims it gathers."""
    ids = sorted({entity_id, *(merged or [])})
    with store.session() as s:
        row = s.get(t.EntityRow, entity_id)
        if row is None:
            raise NotFound(entity_id, "no such entity in this dossier")
        mentions = []
        query = (select(t.MentionRow, t.DocumentRow.title, t.DocumentRow.text, t.DocumentRow.paragraphs)
                 .join(t.DocumentRow, t.DocumentRow.id == t.MentionRow.document_id)
                 .where(t.MentionRow.entity_id.in_(ids)).order_by(t.MentionRow.document_id, t.MentionRow.start)
                 .limit(limit))
        for m, title, text, paragraphs in s.execute(query):
            mentions.append({"document": m.document_id, "title": title, "start": m.start, "end": m.end,
                             "paragraph": paragraph_at(paragraphs, m.start),
                             "text": m.text, **around(text, m.start, m.end, SNIPPET)})
        names_an_id = or_(*(cast(t.ClaimRow.entities, String).like(f'%"{i}"%') for i in ids))
        rows = s.execute(select(t.ClaimRow, t.DocumentRow.title)
                         .join(t.DocumentRow, t.DocumentRow.id == t.ClaimRow.document_id)
                         .where(names_an_id).order_by(t.ClaimRow.checkworthiness.desc()).limit(limit)).all()
        claims = [ClaimRef(c.id, c.document_id, title, c.text, c.kind, 0) for c, title in rows]
        together = Counter(other for c, _ in rows for other in set(c.entities) if other not in ids)
        names = dict(s.execute(select(t.EntityRow.id, t.EntityRow.name)
                               .where(t.EntityRow.id.in_(list(together)))).all()) if together else {}
        company = [(eid, names[eid], n) for eid, n in together.most_common(12) if eid in names]
        aliases = list(row.aliases)
        if merged:
            others = s.execute(select(t.EntityRow.name, t.EntityRow.aliases).where(t.EntityRow.id.in_(merged))).all()
            # a merged ambiguous entity's name is the words the texts wrote ("Rajavi"), not "Rajavi (ambiguous)"
            written = [written_name(a) for name, more in others for a in (name, *more)]
            aliases += [a for a in dict.fromkeys(written) if a != row.name and a not in aliases]
        return EntityPage(row.id, row.name, row.type, aliases, row.wikidata, list(row.ambiguous),
                          mentions, claims, company)


def documents_holding(store: Store) -> list[str]:
    """The documents in which someone other than the author holds a stance on a claim."""
    with store.session() as s:
        return list(s.scalars(select(t.ClaimRow.document_id).join(t.StanceRow, t.StanceRow.claim_id == t.ClaimRow.id)
                              .where(t.StanceRow.holder != "author").distinct().order_by(t.ClaimRow.document_id)))


def distinct_names(names: Iterable[str], besides: Iterable[str] = (),
                   used: Mapping[str, int] | None = None) -> list[str]:
    """``names`` with those that differ only by apostrophe, case or spacing (People’s, People's; Iranian Government,
    Iranian government) given once, in the spelling the texts use most (``used``), else the first; those that are
    one of ``besides`` (the entity's own name) left out. A reader sees different names, not a list of typography."""
    spellings: dict[str, list[str]] = {}
    for name in names:
        spellings.setdefault(name_key(name), []).append(name)
    left_out = {name_key(b) for b in besides}
    return [max(group, key=lambda n: (used or {}).get(n, 0)) for key, group in spellings.items() if key not in left_out]


def entity_names(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with store.session() as s:
        return dict(s.execute(select(t.EntityRow.id, t.EntityRow.name).where(t.EntityRow.id.in_(ids))).all())


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    when: str
    text: str
    document_id: str
    title: str | None
    start: int
    claim_id: str | None
    claim_text: str | None


def timeline(store: Store) -> list[TimelineEntry]:
    """The dated expressions of the dossier in time order (unknown years last), each with its claim."""
    with store.session() as s:
        times = s.execute(select(t.TimeExpressionRow, t.DocumentRow.title)
                          .join(t.DocumentRow, t.DocumentRow.id == t.TimeExpressionRow.document_id)).all()
        claims = s.execute(select(t.ClaimRow.id, t.ClaimRow.document_id, t.ClaimRow.start, t.ClaimRow.end,
                                  t.ClaimRow.text)).all()
    by_doc: dict[str, list[tuple[str, int, int, str]]] = {}
    for cid, doc, start, end, text in claims:
        by_doc.setdefault(doc, []).append((cid, start, end, text))
    entries = []
    for x, title in times:
        claim = next(((cid, text) for cid, a, b, text in by_doc.get(x.document_id, []) if a <= x.start < b), None)
        entries.append(TimelineEntry(x.when, x.text, x.document_id, title, x.start, claim[0] if claim else None,
                                     claim[1] if claim else None))
    return sorted(entries, key=lambda e: (*placed(e.when), e.document_id, e.start))


def placed(when: str) -> tuple[Day, Day]:
    """Where a date goes on the timeline: by its bounds, and one open at its start ("until 1994") by its end, not
    before every other date."""
    start, end = bounds(when)
    return (end, end) if start == OPEN_START else (start, end)


def around(text: str, start: int, end: int, width: int) -> dict[str, Any]:
    """The text about ``width`` characters before and after ``text[start:end]``, cut between words, never in one,
    and whether it was cut (a page marks a cut with an ellipsis)."""
    begin, stop = max(0, start - width), min(len(text), end + width)
    before, after = text[begin:start], text[end:stop]
    if begin > 0 and not text[begin - 1].isspace():  # it starts inside a word: from the next one
        before = re.sub(r"^\S*", "", before)
    if stop < len(text) and not text[stop].isspace():  # it ends inside a word: at the one before
        after = re.sub(r"\S*$", "", after)
    return {"before": before.lstrip() if begin > 0 else before, "cut_before": begin > 0,
            "after": after.rstrip() if stop < len(text) else after, "cut_after": stop < len(text)}
