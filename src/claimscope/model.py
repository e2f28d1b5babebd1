"""The domain vocabulary (DESIGN.md), declared once and used by every layer.

Everything extracted from a Document carries character offsets into ``Document.text`` (Python string
indices), so each finding can be traced back to the exact words. Ids are derived from content
(``make_id``): analysing the same text again yields the same ids.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

AUDIT_SCHEMA = "claimscope.audit/1"

EntityType = Literal["Person", "Organization", "Place", "Event", "Group", "Other"]
StanceKind = Literal["asserts", "denies", "disputes", "reports", "testifies"]


def make_id(prefix: str, *parts: object) -> str:
    """A short stable id from content, e.g. ``make_id("m", doc_id, 10, 24)`` -> ``m-3f2a...``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Reference:
    """An item of a document's own "Sources"/"References" list, as offsets into its text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Original:
    """The bytes that were read, so an audit can always be traced to what was read."""

    sha256: str
    content: bytes
    media_type: str
    location: str  # a path, a URL or "-" for stdin
    retrieved_at: str  # ISO 8601, UTC

    @property
    def charset(self) -> str | None:
        """The charset named in the media type: ingest names one only when it had to guess (Windows-1252)."""
        _, _, rest = self.media_type.partition("charset=")
        return rest.split(";")[0].strip() or None


@dataclass(slots=True)
class Document:
    id: str
    sha256: str  # of the normalized text
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # EDTF
    perspective: str | None = None
    license: str | None = None
    language: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    source_kind: str = "text"  # text | markdown | html | pdf
    original: Original | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str = ""  # the NER label or the rule that found it


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # for a name several entities share: their ids


AMBIGUOUS = " (ambiguous)"  # marks the name of an entity that stands for a name several entities share


def written_name(name: str) -> str:
    """An entity's name as the texts write it, without the mark of an ambiguous one ("Rajavi (ambiguous)")."""
    return name.removesuffix(AMBIGUOUS)


def stance_id(claim_id: str, index: int) -> str:
    """A stance's id: its claim's and its place among the claim's stances (reviewers' notes and decisions name it)."""
    return f"{claim_id}/stance-{index}"


@dataclass(slots=True)
class Stance:
    holder: str  # an entity id, "author", or "unknown" (a pronoun the analysis did not resolve)
    holder_text: str
    stance: StanceKind
    cue: str
    start: int
    end: int


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    start: int
    end: int
    checkworthiness: float
    kind: str
    stances: list[Stance] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    when: str | None = None
    citations: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The claim as the audit JSON gives it: its stances with their ids."""
        return {**asdict(self), "stances": [{"id": stance_id(self.id, i), **asdict(x)}
                                            for i, x in enumerate(self.stances)]}


@dataclass(slots=True)
class Source:
    id: str
    text: str
    kind: str
    specificity: Literal["specific", "partial", "vague"]
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    public: bool | None = None
    mentions: list[Span] = field(default_factory=list)

    def label(self) -> str:
        """How a reader is shown it: its title (else its words) and its publisher, unless the title names the
        publisher already ("Reports of Human Rights Watch on the MEK", not "... — Human Rights Watch" again)."""
        name = self.title or self.text
        if self.publisher and not re.search(rf"(?i)(?<!\w){re.escape(self.publisher)}(?!\w)", name):
            return f"{name} — {self.publisher}"
        return name


@dataclass(slots=True)
class Flag:
    id: str
    kind: str
    text: str
    start: int
    end: int
    note: str = ""


@dataclass(slots=True)
class TimeExpression:
    text: str
    when: str  # EDTF
    start: int
    end: int
    entities: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Audit.paragraphs


@dataclass(slots=True)
class Audit:
    """What the analysis found in one Document."""

    document: Document
    analysis_version: str
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    timeline: list[TimeExpression] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "analysis covers English only"

    def summary(self) -> dict[str, Any]:
        flags_by_kind: dict[str, int] = {}
        for flag in self.flags:
            flags_by_kind[flag.kind] = flags_by_kind.get(flag.kind, 0) + 1
        specific = {s.id for s in self.sources if s.specificity == "specific"}
        return {
            "paragraphs": len(self.paragraphs),
            "sentences": len(self.sentences),
            "words": len(self.document.text.split()),
            "claims": len(self.claims),
            "entities": len(self.entities),
            "mentions": sum(len(e.mentions) for e in self.entities),
            "sources": len(self.sources),
            "claims_with_specific_source": sum(1 for c in self.claims if specific & set(c.citations)),
            "denied_claims": sum(1 for c in self.claims if any(s.stance == "denies" for s in c.stances)),
            "disputed_claims": sum(1 for c in self.claims if any(s.stance == "disputes" for s in c.stances)),
            "flags": flags_by_kind,
            "notes": list(self.notes),
        }

    def to_json(self) -> dict[str, Any]:
        """The public audit JSON, schema ``claimscope.audit/1`` (schemas/audit.schema.json)."""
        doc = self.document
        return {
            "schema": AUDIT_SCHEMA,
            "document": {
                "id": doc.id,
                "title": doc.title,
                "url": doc.url,
                "publisher": doc.publisher,
                "published": doc.published,
                "perspective": doc.perspective,
                "license": doc.license,
                "language": doc.language,
                "breadcrumbs": list(doc.breadcrumbs),
                "links": list(doc.links),
                "pages": [list(p) for p in doc.pages],
                "references": [asdict(r) for r in doc.references],
                "sha256": doc.sha256,
                "analysis_version": self.analysis_version,
                "text": doc.text,
            },
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "sentences": [asdict(s) for s in self.sentences],
            "claims": [c.to_json() for c in self.claims],
            "entities": [asdict(e) for e in self.entities],
            "sources": [asdict(s) for s in self.sources],
            "flags": [asdict(f) for f in self.flags],
            "timeline": [asdict(t) for t in self.timeline],
            "summary": self.summary(),
        }
