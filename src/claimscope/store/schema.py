"""Database tables for the vocabulary of DESIGN.md (SQLAlchemy 2). Alembic migrations create them.

Rows that belong to one Document (mentions, claims, sources, flags, time expressions) are deleted with it
(``ON DELETE CASCADE``); entities are shared by the dossier and outlive a document while mentioned elsewhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def doc_fk() -> Mapped[str]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class DossierSetting(Base):
    """The dossier's own settings (name, pack, ...), one row each."""

    __tablename__ = "dossier"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OriginalRow(Base):
    """The bytes that were read, with where and when, so an audit can be traced to what was read."""

    __tablename__ = "originals"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(Text)
    retrieved_at: Mapped[str] = mapped_column(String(32))


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    perspective: Mapped[str | None] = mapped_column(String(100))
    license: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    source_kind: Mapped[str] = mapped_column(String(16))
    original_sha256: Mapped[str | None] = mapped_column(ForeignKey("originals.sha256"), index=True)
    text: Mapped[str] = mapped_column(Text)
    breadcrumbs: Mapped[list[Any]] = mapped_column(default=list)
    links: Mapped[list[Any]] = mapped_column(default=list)
    pages: Mapped[list[Any]] = mapped_column(default=list)
    references: Mapped[list[Any]] = mapped_column(default=list)
    paragraphs: Mapped[list[Any]] = mapped_column(default=list)
    sentences: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[list[Any]] = mapped_column(default=list)
    analysis_version: Mapped[str] = mapped_column(String(100))
    ingested_at: Mapped[str] = mapped_column(String(32))
    analysed_at: Mapped[str] = mapped_column(String(32))


class EntityRow(Base):
    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    wikidata: Mapped[str | None] = mapped_column(String(32))
    ambiguous: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")  # candidate entity ids


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    checkworthiness: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(16))
    when: Mapped[str | None] = mapped_column(String(64))
    entities: Mapped[list[Any]] = mapped_column(default=list)
    flags: Mapped[list[Any]] = mapped_column(default=list)


class StanceRow(Base):
    __tablename__ = "stances"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    holder: Mapped[str] = mapped_column(String(32))  # an entity id or "author"
    holder_text: Mapped[str] = mapped_column(Text)
    stance: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    specificity: Mapped[str] = mapped_column(String(16))
    public: Mapped[bool | None] = mapped_column(Boolean)
    mentions: Mapped[list[Any]] = mapped_column(default=list)


class CitationRow(Base):
    """The link from a Claim (or, without one, from the Document) to a Source, with the citing words."""

    __tablename__ = "citations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    claim_id: Mapped[str | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class FlagRow(Base):
    __tablename__ = "flags"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class TimeExpressionRow(Base):
    __tablename__ = "time_expressions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    text: Mapped[str] = mapped_column(Text)
    when: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    entities: Mapped[list[Any]] = mapped_column(default=list)


class NoteRow(Base):
    """A reader's note on an extracted item (or the document), anchored by quote and position so that it
    survives re-analysis: it follows the item found at the same words."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = doc_fk()
    target_kind: Mapped[str] = mapped_column(String(16))  # claim | stance | source | flag | document
    target_id: Mapped[str] = mapped_column(String(40))  # the item's id when the note was written
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))


class DecisionRow(Base):
    """A review decision on an extracted item: confirmed, rejected (hidden from reports) or restored.
    The latest decision on an anchor is the one in force; all are kept as the item's history."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = doc_fk()
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(32))


class EditRow(Base):
    """A reader's correction of a document's metadata; applied again after every re-analysis."""

    __tablename__ = "edits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = doc_fk()
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(32))


class LinkDecisionRow(Base):
    """A reviewer's decision on propositions, kept and respected by later clustering: "merge" links two claims
    (and so their propositions); "detach" takes a claim out of whatever proposition it was linked into."""

    __tablename__ = "link_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision: Mapped[str] = mapped_column(String(16))
    # claim ids without a foreign key: re-analysis replaces the claims' rows, the decisions must stay (a claim
    # keeps its id while its words stay where they are); decisions on claims that are gone are ignored
    claim_a: Mapped[str] = mapped_column(String(32), index=True)
    claim_b: Mapped[str | None] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(32))


class EntityDecisionRow(Base):
    """A reviewer's decision on two entities of the dossier: "merge" folds ``entity`` into ``into`` (the same
    person, organisation, place or event); "keep-apart" says they are different (and undoes an earlier merge)."""

    __tablename__ = "entity_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision: Mapped[str] = mapped_column(String(16))
    # entity ids without a foreign key: re-analysis replaces entity rows; ids are stable (pack id or name)
    entity: Mapped[str] = mapped_column(String(32), index=True)
    into: Mapped[str] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(32))


class LinkViewRow(Base):
    """A claim as linking reads it (its terms; and its vector, which ranks the claims that may state a proposition),
    kept so that adding a document scores only the new pairs. ``version`` names the lexicon, word weights, models and
    pack they were made with."""

    __tablename__ = "link_views"
    claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = doc_fk()
    terms: Mapped[list[Any]] = mapped_column(default=list)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float32 (link.vectors.to_bytes)
    version: Mapped[str] = mapped_column(String(64))


class ClaimLinkRow(Base):
    """Two claims of different documents that state the same thing, with their score (a function of the two
    claims alone); propositions are built from these. Gone with either document."""

    __tablename__ = "claim_links"
    claim_a: Mapped[str] = mapped_column(String(32), primary_key=True)
    claim_b: Mapped[str] = mapped_column(String(32), primary_key=True)
    doc_a: Mapped[str] = doc_fk()
    doc_b: Mapped[str] = doc_fk()
    score: Mapped[float] = mapped_column(Float)
