"""Notes, review decisions and metadata corrections: what readers add to a dossier.

Each is anchored by the item's kind, position and quoted words rather than by its id alone, so it survives
re-analysis: after the analysis changes, a note follows the item found at the same words (the same span, or
else the nearest span with the same quote); one whose words are gone is kept and shown on the document.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from sqlalchemy import select

from claimscope.dates import parse as parse_date
from claimscope.errors import Conflict, InputError, NotFound
from claimscope.model import Audit, Claim, stance_id
from claimscope.store import schema as t
from claimscope.store.repository import Store, now

TargetKind = Literal["claim", "stance", "source", "flag", "document"]
Decision = Literal["confirmed", "rejected", "restored"]
TARGET_KINDS = ("claim", "stance", "source", "flag", "document")
DECISIONS = ("confirmed", "rejected", "restored")
EDITABLE = ("title", "published", "publisher", "perspective")
MAX_FIELD = {"title": 300, "published": 64, "publisher": 300, "perspective": 100}  # as a new document's
STANCE_QUOTE = "|"  # a stance is anchored to "holder|stance|cue" (its words alone would not tell two stances apart)


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: str
    id: str
    start: int
    end: int
    quote: str


def anchors(audit: Audit) -> dict[str, Anchor]:
    """Every reviewable item of an audit by id, with the words it is anchored to."""
    text = audit.document.text
    found = {audit.document.id: Anchor("document", audit.document.id, 0, 0, audit.document.title or "")}
    for c in audit.claims:
        found[c.id] = Anchor("claim", c.id, c.start, c.end, c.text)
        for i, s in enumerate(c.stances):
            sid = stance_id(c.id, i)
            found[sid] = Anchor("stance", sid, s.start, s.end, STANCE_QUOTE.join((s.holder_text, s.stance, s.cue)))
    for s in audit.sources:
        first = s.mentions[0] if s.mentions else None
        found[s.id] = Anchor("source", s.id, first.start if first else 0, first.end if first else 0,
                             text[first.start:first.end] if first else s.text)
    for f in audit.flags:
        found[f.id] = Anchor("flag", f.id, f.start, f.end, f.text)
    return found


def _match(row: t.NoteRow | t.DecisionRow, current: dict[str, Anchor]) -> str | None:
    """The id of the current item a note or decision belongs to, or None if its words are gone."""
    same_kind = [a for a in current.values() if a.kind == row.target_kind]
    exact = [a for a in same_kind if (a.start, a.end, a.quote) == (row.start, row.end, row.quote)]
    if exact:
        return exact[0].id
    quoted = [a for a in same_kind if a.quote == row.quote]
    return min(quoted, key=lambda a: abs(a.start - row.start)).id if quoted else None


@dataclass
class Hidden:
    """The items reviewers rejected in a dossier: claims, sources, flags by kind, and per claim the number of its
    denying or disputing stances rejected."""
    claims: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    flags: Counter[str] = field(default_factory=Counter)
    opposing: Counter[str] = field(default_factory=Counter)


def without_rejected(audit: Audit, rejected: set[str]) -> Audit:
    """The audit as reports show it: a copy without the claims, stances, sources and flags reviewers rejected
    (the store keeps them, and a "restored" decision brings them back)."""
    if not rejected:
        return audit
    claims = [replace(c, stances=[s for i, s in enumerate(c.stances) if stance_id(c.id, i) not in rejected])
              for c in audit.claims if c.id not in rejected]
    return replace(audit, claims=claims, sources=[s for s in audit.sources if s.id not in rejected],
                   flags=[f for f in audit.flags if f.id not in rejected])


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    target: str | None  # the current item's id; None when its words are gone
    target_kind: str
    quote: str
    author: str
    text: str
    created_at: str

    @property
    def words(self) -> str:
        """What the note is on, for a reader: a stance's anchor "holder|stance|cue" reads "holder stance (“cue”)"."""
        parts = self.quote.split(STANCE_QUOTE)
        if self.target_kind == "stance" and len(parts) == 3:
            holder, stance, cue = parts
            return f"{holder} {stance} (“{cue}”)"
        return self.quote


def refuse_invisible(name: str, value: str) -> None:
    """Metadata a reader gives is shown in lists and pages: a control or invisible formatting character (a
    right-to-left override reverses what follows it) is refused."""
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        raise InputError(name, "has control or invisible formatting characters")


class Review:
    """Reads and writes what readers add; every write is one transaction and names who and when."""

    def __init__(self, store: Store):
        self.store = store

    def _anchor(self, audit: Audit, target_id: str) -> Anchor:
        found = anchors(audit).get(target_id)
        if found is None:
            raise NotFound(target_id, f"no such item in document {audit.document.id}")
        return found

    @staticmethod
    def _author(author: str) -> str:
        author = " ".join(author.split())
        if not author or len(author) > 100:
            raise InputError("author", "give your name (1 to 100 characters)")
        return author

    def add_note(self, doc_id: str, target_id: str, author: str, text: str) -> Note:
        audit = self.store.audit(doc_id)
        anchor = self._anchor(audit, target_id)
        text = text.strip()
        if not text or len(text) > 10_000:
            raise InputError("note", "a note needs 1 to 10,000 characters")
        row = t.NoteRow(document_id=audit.document.id, target_kind=anchor.kind, target_id=anchor.id,
                        start=anchor.start, end=anchor.end, quote=anchor.quote, author=self._author(author),
                        text=text, created_at=now())
        with self.store.session() as s, s.begin():
            s.add(row)
        return Note(row.id, anchor.id, anchor.kind, anchor.quote, row.author, row.text, row.created_at)

    def notes(self, audit: Audit) -> list[Note]:
        current = anchors(audit)
        with self.store.session() as s:
            rows = s.scalars(select(t.NoteRow).where(t.NoteRow.document_id == audit.document.id)
                             .order_by(t.NoteRow.id)).all()
        return [Note(r.id, _match(r, current), r.target_kind, r.quote, r.author, r.text, r.created_at) for r in rows]

    def decide(self, doc_id: str, target_id: str, decision: str, author: str) -> None:
        if decision not in DECISIONS:
            raise InputError("decision", f"must be one of {', '.join(DECISIONS)}")
        audit = self.store.audit(doc_id)
        anchor = self._anchor(audit, target_id)
        if anchor.kind == "document":
            raise InputError(target_id, "a document is removed, not rejected")
        history = self.decisions(audit).get(anchor.id, [])
        rejected = bool(history) and history[-1][0] == "rejected"
        if decision == "rejected" and rejected:
            raise Conflict(target_id, "is already rejected")
        if decision == "restored" and not rejected:
            raise Conflict(target_id, "is not rejected: there is nothing to restore")
        author = self._author(author)
        if decision == "confirmed" and history and history[-1][:2] == (decision, author):
            return  # confirmed by them already (a second click): recorded once
        with self.store.session() as s, s.begin():
            s.add(t.DecisionRow(document_id=audit.document.id, target_kind=anchor.kind, target_id=anchor.id,
                                start=anchor.start, end=anchor.end, quote=anchor.quote, decision=decision,
                                author=author, created_at=now()))

    def decisions(self, audit: Audit) -> dict[str, list[tuple[str, str, str]]]:
        """For each current item with decisions: [(decision, author, when), ...], oldest first."""
        current = anchors(audit)
        history: dict[str, list[tuple[str, str, str]]] = {}
        with self.store.session() as s:
            rows = s.scalars(select(t.DecisionRow).where(t.DecisionRow.document_id == audit.document.id)
                             .order_by(t.DecisionRow.id)).all()
        for r in rows:
            target = _match(r, current)
            if target:
                history.setdefault(target, []).append((r.decision, r.author, r.created_at))
        return history

    def rejected(self, audit: Audit) -> set[str]:
        return {item for item, h in self.decisions(audit).items() if h[-1][0] == "rejected"}

    def reviewed(self, audit: Audit) -> Audit:
        """The audit without what reviewers rejected (``without_rejected``)."""
        return without_rejected(audit, self.rejected(audit))

    def hidden(self) -> Hidden:
        """What reviewers rejected across the dossier, for counts made in SQL over every row."""
        found = Hidden()
        with self.store.session() as s:
            reviewed = list(s.scalars(select(t.DecisionRow.document_id).distinct()))
        def opposing(claim: Claim) -> int:
            return sum(s.stance in ("denies", "disputes") for s in claim.stances)

        for doc_id in reviewed:  # what the reports leave out (``without_rejected``), the one rule for it
            audit = self.store.audit(doc_id)
            shown = self.reviewed(audit)
            kept = {c.id: c for c in shown.claims}
            found.claims.update(c.id for c in audit.claims if c.id not in kept)
            found.opposing.update({c.id: opposing(c) - opposing(kept[c.id]) for c in audit.claims
                                   if c.id in kept and opposing(c) > opposing(kept[c.id])})
            found.sources.update({s.id for s in audit.sources} - {s.id for s in shown.sources})
            flags = {f.id for f in shown.flags}
            found.flags.update(f.kind for f in audit.flags if f.id not in flags)
        return found

    def edit_document(self, doc_id: str, field: str, value: str | None, author: str) -> None:
        self.correct(doc_id, {field: value}, author)

    def correct(self, doc_id: str, changes: dict[str, str | None], author: str) -> None:
        """Correct a document's metadata: every field is checked first, then all are written in one transaction,
        so a refused correction changes nothing."""
        cleaned: dict[str, str | None] = {}
        for name, value in changes.items():
            if name not in EDITABLE:
                raise InputError(name or "field", f"only these can be corrected: {', '.join(EDITABLE)}")
            value = (value or "").strip() or None
            if value is None and name == "title":  # an empty box erased it, and the pages showed the hex id
                raise InputError(name, "cannot be emptied: give the corrected title")
            if value is not None and len(value) > MAX_FIELD[name]:
                raise InputError(name, f"give at most {MAX_FIELD[name]} characters (not {len(value):,})")
            if value is not None:
                refuse_invisible(name, value)
            if name == "published" and value is not None:
                try:
                    parse_date(value)
                except ValueError:
                    raise InputError(value, "is not an EDTF date (e.g. 2005-04, 2016-07-06, 198X or 1985/1988)"
                                     ) from None
            cleaned[name] = value
        author = self._author(author)
        full = self.store.resolve(doc_id)
        with self.store.session() as s, s.begin():
            row = s.get_one(t.DocumentRow, full)
            for name, value in cleaned.items():
                if getattr(row, name) == value:
                    continue  # the value it has: nothing to record ("set published to 2016-07-07 (was 2016-07-07)")
                s.add(t.EditRow(document_id=full, field=name, old=getattr(row, name), new=value, author=author,
                                created_at=now()))
                setattr(row, name, value)

    def edits(self, doc_id: str) -> list[t.EditRow]:
        with self.store.session() as s:
            return list(s.scalars(select(t.EditRow).where(t.EditRow.document_id == doc_id).order_by(t.EditRow.id)))
