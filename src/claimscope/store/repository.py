"""The dossier store: write an Audit in one transaction, read it back, list, remove.

A document is keyed by the sha256 of its normalized text: saving it again changes nothing unless the
analysis that made it is newer, in which case its analysis rows are replaced (same transaction).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Select, bindparam, delete, exists, func, literal_column, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimscope.errors import ClaimscopeError, NotFound
from claimscope.model import (
    Audit,
    Claim,
    Document,
    Entity,
    Flag,
    Mention,
    Reference,
    Sentence,
    Source,
    Span,
    Stance,
    TimeExpression,
    make_id,
)
from claimscope.store import schema as t
from claimscope.store.database import connect

SaveStatus = Literal["added", "updated", "unchanged"]
METADATA = ("title", "url", "publisher", "published", "perspective", "license")  # what a source says of itself
ANALYSIS_TABLES = (t.MentionRow, t.ClaimRow, t.SourceRow, t.FlagRow, t.TimeExpressionRow, t.CitationRow,
                   t.LinkViewRow)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    perspective: str | None
    language: str | None
    source_kind: str
    words: int
    claims: int
    ingested_at: str
    breadcrumbs: tuple[str, ...] = ()

    @property
    def topic(self) -> str | None:
        """Where the document sits on its site, from its breadcrumbs ("Home" and its own title left out)."""
        crumbs = [c for c in self.breadcrumbs if c.lower() != "home" and c != self.title]
        return " › ".join(crumbs) or None


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _by_prefix(*columns: Any) -> Select[Any]:
    return select(*columns).where(t.DocumentRow.id.like(bindparam("prefix"), escape="\\")).limit(2)


@functools.cache
def _id_query() -> Select[Any]:
    return _by_prefix(t.DocumentRow.id)


@functools.cache
def _stamp_query() -> Select[Any]:
    """A document's id, what its metadata says and its newest note, decision and correction (built once: the web app
    asks on every request)."""
    d = t.DocumentRow
    latest = [select(func.max(row.id)).where(row.document_id == d.id).scalar_subquery()
              for row in (t.NoteRow, t.DecisionRow, t.EditRow)]
    return _by_prefix(d.id, d.analysed_at, d.title, d.published, d.publisher, d.perspective, *latest)


ID_HINT = "the ids are listed by 'claimscope documents', or at /documents on the web"


class Store:
    def __init__(self, path: Path):
        self.path = path
        self.engine = connect(path)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # -- writing ---------------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:  # Core, not a Session: the web app reads the pack setting per request
            return conn.execute(select(t.DossierSetting.value).where(t.DossierSetting.key == key)).scalar()

    def set_setting(self, key: str, value: str | None) -> None:
        with self.session() as s, s.begin():
            row = s.get(t.DossierSetting, key)
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(t.DossierSetting(key=key, value=value))
            else:
                row.value = value

    def save(self, audit: Audit, replace: bool = False) -> SaveStatus:
        """Write ``audit`` and its document in one transaction: on any failure nothing of it is left.
        A document already stored by the same analysis is left alone unless ``replace``."""
        try:
            return self._save(audit, replace)
        except IntegrityError:  # another writer stored the same document between this one's read and its write
            return self._save(audit, replace)  # which now finds it stored

    def _save(self, audit: Audit, replace: bool) -> SaveStatus:
        doc = audit.document
        with self.session() as s, s.begin():
            row = s.get(t.DocumentRow, doc.id)
            if row is not None and row.analysis_version == audit.analysis_version and not replace:
                return "unchanged"
            status: SaveStatus = "updated" if row is not None else "added"
            if doc.original is not None and s.get(t.OriginalRow, doc.original.sha256) is None:
                s.add(t.OriginalRow(**asdict(doc.original)))
                s.flush()  # no ORM relationship orders these inserts; the document refers to it
            if row is None:
                row = t.DocumentRow(id=doc.id, ingested_at=now())
                s.add(row)
            else:
                for table in ANALYSIS_TABLES:
                    s.execute(delete(table).where(table.document_id == doc.id))
                s.execute(delete(t.ClaimLinkRow).where((t.ClaimLinkRow.doc_a == doc.id)
                                                       | (t.ClaimLinkRow.doc_b == doc.id)))
            self._write_document(row, audit)
            # readers' corrections of the metadata outlive re-analysis
            for edit in s.scalars(select(t.EditRow).where(t.EditRow.document_id == doc.id).order_by(t.EditRow.id)):
                setattr(row, edit.field, edit.new)
            s.flush()
            self._write_analysis(s, audit)
            self._prune_entities(s)
        return status

    @staticmethod
    def _write_document(row: t.DocumentRow, audit: Audit) -> None:
        doc = audit.document
        for name in ("sha256", "title", "url", "publisher", "published", "perspective", "license", "language",
                     "source_kind", "text", "breadcrumbs", "links"):
            setattr(row, name, getattr(doc, name))
        row.pages = [list(p) for p in doc.pages]
        row.references = [asdict(r) for r in doc.references]
        row.original_sha256 = doc.original.sha256 if doc.original else None
        row.paragraphs = [[p.start, p.end] for p in audit.paragraphs]
        row.sentences = [[x.start, x.end, x.paragraph] for x in audit.sentences]
        row.notes = list(audit.notes)
        row.analysis_version = audit.analysis_version
        row.analysed_at = now()

    @staticmethod
    def _write_analysis(s: Session, audit: Audit) -> None:
        doc_id = audit.document.id
        for entity in audit.entities:
            erow = s.get(t.EntityRow, entity.id)
            if erow is None:
                s.add(t.EntityRow(id=entity.id, name=entity.name, type=entity.type, aliases=list(entity.aliases),
                                  wikidata=entity.wikidata, ambiguous=list(entity.ambiguous)))
            else:
                erow.aliases = sorted(set(erow.aliases) | set(entity.aliases) - {erow.name})
            s.add_all(t.MentionRow(id=make_id("m", doc_id, entity.id, m.start, m.end), document_id=doc_id,
                                   entity_id=entity.id, start=m.start, end=m.end, text=m.text, label=m.label)
                      for m in entity.mentions)
        for src in audit.sources:
            s.add(t.SourceRow(id=src.id, document_id=doc_id, text=src.text, title=src.title,
                              publisher=src.publisher, date=src.date, kind=src.kind,
                              specificity=src.specificity, public=src.public,
                              mentions=[asdict(m) for m in src.mentions]))
        s.add_all(t.FlagRow(document_id=doc_id, **asdict(f)) for f in audit.flags)
        s.add_all(t.TimeExpressionRow(id=make_id("t", doc_id, x.start, x.end), document_id=doc_id, **asdict(x))
                  for x in audit.timeline)
        s.flush()
        sources = {src.id: src for src in audit.sources}
        for claim in audit.claims:
            s.add(t.ClaimRow(id=claim.id, document_id=doc_id, start=claim.start, end=claim.end, text=claim.text,
                             checkworthiness=claim.checkworthiness, kind=claim.kind, when=claim.when,
                             entities=list(claim.entities), flags=list(claim.flags)))
            s.flush()
            s.add_all(t.StanceRow(id=make_id("st", claim.id, x.start, x.end, x.holder, x.stance),
                                  claim_id=claim.id, **asdict(x)) for x in claim.stances)
            for source_id in claim.citations:
                span = next((m for m in sources[source_id].mentions
                             if claim.start <= m.start and m.end <= claim.end), Span(claim.start, claim.end))
                s.add(t.CitationRow(id=make_id("c", claim.id, source_id), document_id=doc_id,
                                    claim_id=claim.id, source_id=source_id, start=span.start, end=span.end))

    @staticmethod
    def _prune_entities(s: Session) -> None:
        s.flush()
        mentioned = exists().where(t.MentionRow.entity_id == t.EntityRow.id)
        s.execute(delete(t.EntityRow).where(~mentioned))

    def metadata_as_read(self, doc_id: str) -> dict[str, str | None]:
        """A stored document's metadata as its source gave it: readers' corrections taken back."""
        with self.session() as s:
            row = s.get_one(t.DocumentRow, doc_id)
            read = {name: getattr(row, name) for name in METADATA}
            for edit in s.scalars(select(t.EditRow).where(t.EditRow.document_id == doc_id)
                                  .order_by(t.EditRow.id.desc())):
                read[edit.field] = edit.old  # the earliest edit of a field says what was there before any
        return read

    def stored_status(self, doc_id: str, analysis_version: str) -> SaveStatus:
        """What ``save`` would do with this document: "unchanged" lets a caller skip the analysis."""
        with self.session() as s:
            version = s.scalar(select(t.DocumentRow.analysis_version).where(t.DocumentRow.id == doc_id))
        if version is None:
            return "added"
        return "unchanged" if version == analysis_version else "updated"

    def outdated(self, analysis_version: str) -> dict[str, str]:
        """The documents whose stored audit another analysis made (an older claimscope, another pack): id ->
        the analysis version that made it."""
        query = select(t.DocumentRow.id, t.DocumentRow.analysis_version).where(
            t.DocumentRow.analysis_version != analysis_version)
        with self.session() as s:
            return {doc_id: version for doc_id, version in s.execute(query)}

    def document_count(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(t.DocumentRow)) or 0)

    def dossier_stamp(self) -> tuple[object, ...]:
        """Changes whenever a document is added, removed or re-analysed, a reader corrects a document's details
        (its publisher, side and date feed the grades), or a reviewer links or unlinks claims, merges entities or
        rejects or restores an item: a cache key for dossier-wide views."""
        with self.engine.connect() as conn:
            return tuple(conn.execute(text("SELECT count(*), max(analysed_at), group_concat(id), "
                                           "(SELECT max(id) FROM link_decisions), "
                                           "(SELECT max(id) FROM decisions), "
                                           "(SELECT max(id) FROM entity_decisions), "
                                           "(SELECT max(id) FROM edits) FROM "
                                           "(SELECT id, analysed_at FROM documents ORDER BY id)")).one())

    def stamp(self, doc_id: str) -> tuple[object, ...]:
        """Changes whenever the document's analysis, notes, decisions or corrections change: a cache key. One query
        (a page asks for it on every request)."""
        return self._one(doc_id, _stamp_query())

    def remove(self, doc_id: str) -> DocumentSummary:
        summary = self.document(doc_id)
        with self.session() as s, s.begin():
            if s.execute(delete(t.DocumentRow).where(t.DocumentRow.id == summary.id)).rowcount == 0:
                # another request removed it between the read above and this delete: say so, as a second would
                raise NotFound(doc_id, "no such document in this dossier", ID_HINT)
            self._prune_entities(s)
            # Keep an original only while a document still points to it.
            used = exists().where(t.DocumentRow.original_sha256 == t.OriginalRow.sha256)
            s.execute(delete(t.OriginalRow).where(~used))
        return summary

    # -- reading ---------------------------------------------------------------------------------------

    def resolve(self, doc_id: str) -> str:
        """The full id of the one document whose id starts with ``doc_id`` (at least 4 characters)."""
        return self._one(doc_id, _id_query())[0]

    def _one(self, doc_id: str, query: Select[Any]) -> tuple[Any, ...]:
        """The row of ``query`` for the one document whose id starts with ``doc_id`` (the query's ``prefix``);
        NotFound or ambiguous otherwise."""
        needle = doc_id.strip().lower()
        if len(needle) < 4:
            raise NotFound(doc_id if doc_id.strip() else repr(doc_id), "a document id needs at least 4 characters",
                           ID_HINT)
        prefix = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"  # characters, not LIKE's
        with self.engine.connect() as conn:
            rows = conn.execute(query, {"prefix": prefix}).all()
        if not rows:
            # not the file's path: the web app shows this message to anyone who asks
            raise NotFound(doc_id, "no such document in this dossier", ID_HINT)
        if len(rows) > 1:
            raise ClaimscopeError(doc_id, "matches more than one document", "give more characters of the id")
        return tuple(rows[0])

    def read_from_same_place(self, doc_id: str, unless: tuple[str, ...] = ()) -> list[str]:
        """The other documents whose original was read from where ``doc_id``'s was (a file's path, a URL), unless
        that place is one of ``unless``."""
        with self.engine.connect() as conn:
            place = conn.execute(select(t.OriginalRow.location).join(
                t.DocumentRow, t.DocumentRow.original_sha256 == t.OriginalRow.sha256)
                .where(t.DocumentRow.id == doc_id)).scalar()
            if place is None or place in unless:
                return []
            return list(conn.execute(
                select(t.DocumentRow.id).join(t.OriginalRow, t.OriginalRow.sha256 == t.DocumentRow.original_sha256)
                .where(t.OriginalRow.location == place, t.DocumentRow.id != doc_id)
                .order_by(t.DocumentRow.ingested_at)).scalars())

    def documents(self) -> list[DocumentSummary]:
        claims = (select(t.ClaimRow.document_id, func.count().label("n"))
                  .group_by(t.ClaimRow.document_id).subquery())
        query = (select(t.DocumentRow, func.coalesce(claims.c.n, 0))
                 .outerjoin(claims, claims.c.document_id == t.DocumentRow.id)
                 .order_by(t.DocumentRow.ingested_at, t.DocumentRow.id))
        with self.session() as s:
            return [self._summary(row, n) for row, n in s.execute(query)]

    def document(self, doc_id: str) -> DocumentSummary:
        full = self.resolve(doc_id)
        return next(d for d in self.documents() if d.id == full)

    @staticmethod
    def _summary(row: t.DocumentRow, claims: int) -> DocumentSummary:
        return DocumentSummary(id=row.id, title=row.title, publisher=row.publisher, published=row.published,
                               perspective=row.perspective, language=row.language, source_kind=row.source_kind,
                               words=len(row.text.split()), claims=claims, ingested_at=row.ingested_at,
                               breadcrumbs=tuple(row.breadcrumbs))

    def audit(self, doc_id: str) -> Audit:
        full = self.resolve(doc_id)
        with self.session() as s:
            row = s.get_one(t.DocumentRow, full)
            doc = Document(id=row.id, sha256=row.sha256, text=row.text, title=row.title, url=row.url,
                           publisher=row.publisher, published=row.published, perspective=row.perspective,
                           license=row.license, language=row.language, breadcrumbs=list(row.breadcrumbs),
                           links=list(row.links), pages=[(a, b) for a, b in row.pages],
                           references=[Reference(**r) for r in row.references], source_kind=row.source_kind)
            audit = Audit(document=doc, analysis_version=row.analysis_version,
                          paragraphs=[Span(a, b) for a, b in row.paragraphs],
                          sentences=[Sentence(a, b, p) for a, b, p in row.sentences], notes=list(row.notes))
            audit.entities = self._entities(s, full)
            audit.sources = [Source(id=x.id, text=x.text, kind=x.kind, specificity=x.specificity,  # type: ignore[arg-type]
                                    title=x.title, publisher=x.publisher, date=x.date, public=x.public,
                                    mentions=[Span(**m) for m in x.mentions])
                             for x in s.scalars(select(t.SourceRow).where(t.SourceRow.document_id == full)
                                                .order_by(literal_column("sources.rowid")))]  # as they were found
            audit.flags = [Flag(id=x.id, kind=x.kind, text=x.text, start=x.start, end=x.end, note=x.note)
                           for x in s.scalars(select(t.FlagRow).where(t.FlagRow.document_id == full)
                                              .order_by(t.FlagRow.start))]
            audit.timeline = [TimeExpression(text=x.text, when=x.when, start=x.start, end=x.end,
                                             entities=list(x.entities))
                              for x in s.scalars(select(t.TimeExpressionRow)
                                                 .where(t.TimeExpressionRow.document_id == full)
                                                 .order_by(t.TimeExpressionRow.start))]
            audit.claims = self._claims(s, full)
        return audit

    @staticmethod
    def _entities(s: Session, doc_id: str) -> list[Entity]:
        entities: dict[str, Entity] = {}
        query = (select(t.MentionRow, t.EntityRow).join(t.EntityRow)
                 .where(t.MentionRow.document_id == doc_id).order_by(t.MentionRow.start))
        for m, e in s.execute(query):
            entity = entities.setdefault(e.id, Entity(id=e.id, name=e.name, type=e.type,  # type: ignore[arg-type]
                                                      aliases=list(e.aliases), wikidata=e.wikidata,
                                                      ambiguous=list(e.ambiguous)))
            entity.mentions.append(Mention(m.start, m.end, m.text, m.label))
        return sorted(entities.values(), key=lambda e: (-len(e.mentions), e.name))

    @staticmethod
    def _claims(s: Session, doc_id: str) -> list[Claim]:
        rows = s.scalars(select(t.ClaimRow).where(t.ClaimRow.document_id == doc_id).order_by(t.ClaimRow.start)).all()
        # all the document's stances and citations in two queries, not two per claim
        stances: dict[str, list[Stance]] = {}
        for st in s.scalars(select(t.StanceRow).join(t.ClaimRow).where(t.ClaimRow.document_id == doc_id)
                            .order_by(t.StanceRow.start)):
            stances.setdefault(st.claim_id, []).append(Stance(  # type: ignore[arg-type]
                holder=st.holder, holder_text=st.holder_text, stance=st.stance, cue=st.cue, start=st.start,
                end=st.end))
        citations: dict[str, list[str]] = {}
        for claim_id, source_id in s.execute(select(t.CitationRow.claim_id, t.CitationRow.source_id)
                                             .where(t.CitationRow.document_id == doc_id)):
            citations.setdefault(claim_id, []).append(source_id)
        return [Claim(id=x.id, text=x.text, start=x.start, end=x.end, checkworthiness=x.checkworthiness,
                      kind=x.kind, stances=stances.get(x.id, []), entities=list(x.entities), when=x.when,
                      citations=citations.get(x.id, []), flags=list(x.flags)) for x in rows]
