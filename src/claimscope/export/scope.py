"""What an export covers: one document's audit, one proposition in its documents, or the whole dossier with its
propositions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimscope.model import Audit, Flag
from claimscope.pack import Pack
from claimscope.store import Store

if TYPE_CHECKING:  # imported when an export is made: linking loads more than an export of one document needs
    from claimscope.link.propositions import Proposition


@dataclass
class Scope:
    audits: list[Audit]
    propositions: list = field(default_factory=list)  # claimscope.link.propositions.Proposition
    rejected: set[str] = field(default_factory=set)  # items reviewers rejected: left out of every export
    whole_dossier: bool = False
    canonical: dict[str, str] = field(default_factory=dict)  # entity id -> the entity a reviewer merged it into
    pack: Pack | None = None  # the dossier's pack: its names for publishers ("U.S. Department of State")
    proposition: Proposition | None = None  # what an export of one proposition is of

    @property
    def title(self) -> str | None:
        """What a report is of: the proposition's wording, or the one document's title; None for a dossier."""
        if self.proposition is not None:
            return self.proposition.text
        return self.audits[0].document.title or "Document" if len(self.audits) == 1 and not self.whole_dossier \
            else None

    @property
    def claims(self) -> int:
        """How many claims the export is about: a proposition's own, not every claim of its documents."""
        if self.proposition is not None:
            return len(self.proposition.members)
        return sum(len(a.claims) for a in self.audits)

    @property
    def partial_note(self) -> str | None:
        """What a proposition's export covers of its documents: said, since only some of its parts are narrowed."""
        return ("The claims and the flagged wording are this proposition's; the sources and the timeline are those "
                "of its documents as a whole.") if self.proposition is not None else None

    def flagged(self) -> list[tuple[Audit, Flag]]:
        """The flagged wording the export reports: for a proposition, only that inside its claims."""
        spans = {(m.document, m.claim.start, m.claim.end) for m in self.proposition.members} \
            if self.proposition is not None else None
        return [(a, f) for a in self.audits for f in a.flags if spans is None or any(
            doc == a.document.id and start <= f.start and f.end <= end for doc, start, end in spans)]

    @classmethod
    def of(cls, store: Store, pack: Pack | None, document: str | None = None, proposition: str | None = None
           ) -> Scope:
        """One document, one proposition (with the documents it appears in), or the whole dossier."""
        from claimscope.errors import InputError
        from claimscope.link.entities import entity_map
        from claimscope.link.propositions import build, one
        from claimscope.store.queries import claim_ids
        from claimscope.store.review import Review, without_rejected

        if document is not None and proposition is not None:  # which would the export be of?
            raise InputError(f"{document} / {proposition}", "an export is of a document or of a proposition",
                             "give one of them, not both")
        # an empty or ambiguous id is refused, not read as "the whole dossier" or as its first match
        chosen = one(build(store, pack), proposition, claim_ids(store)) if proposition is not None else None
        ids = [store.resolve(document)] if document is not None else chosen.documents if chosen else \
            [d.id for d in store.documents()]
        review = Review(store)
        stored = [store.audit(i) for i in ids]
        rejected = set().union(*(review.rejected(a) for a in stored)) if stored else set()
        audits = [without_rejected(a, rejected) for a in stored]  # a rejected item stays in the store, unreported
        propositions = [chosen] if chosen else build(store, pack)
        if document is not None:
            propositions = [p for p in propositions if ids[0] in p.documents]
        return cls(audits, propositions, rejected, whole_dossier=document is None and chosen is None,
                   canonical=entity_map(store)[0].canonical, pack=pack, proposition=chosen)
