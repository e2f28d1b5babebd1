"""Stored links: adding a document scores only the pairs it makes with the claims already in the dossier.

A link's score is a function of its two claims alone (``similarity.link_score``), so a link found when a document is
added stays true when others follow: the dossier keeps each claim's terms and vector (``link_views``; the vector
ranks the claims that may state a proposition, ``suggest``) and its links (``claim_links``), and a new document's
claims are compared with the stored terms exactly as ``cluster.candidate_pairs`` compares a dossier's
(``cluster.cross_pairs``). The stored links are then the same whatever order documents came in (a test adds them in
two orders). When the link settings, word weights, pair model, sentence encoder or pack change, ``version`` changes
and every document's links are made again, once.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import delete, func, select

from claimscope.analyse import lexicon
from claimscope.grade import OPPOSING
from claimscope.link import pairs as pair_model
from claimscope.link import vectors
from claimscope.link.cluster import MIN_TERMS, cross_pairs
from claimscope.link.similarity import ClaimView, scored_pairs, settings, with_vectors
from claimscope.link.weights import FILE as WEIGHTS_FILE
from claimscope.link.words import TERMS_FORMAT
from claimscope.model import Audit
from claimscope.pack import Pack
from claimscope.store import Store
from claimscope.store import schema as t


@dataclass(frozen=True)
class Update:
    document: str
    claims: int  # its claims that can link
    scored: int  # pairs scored exactly (the others were ruled out by their terms)
    links: int  # links kept


# Which claims link: every kind. Assessments were left out until session 21, so the denials in them ("The MEK
# leaders deny their cooperation with Saddam Hussein primarily because ...") never reached a proposition; they
# now link, and grading keeps them out of the support (``grade``). Changing this changes ``version``.
LINKED = "every claim kind"


@functools.cache
def _settings_digest() -> str:
    models = resources.files("claimscope") / "models"
    weights = b"".join((models / name).read_bytes() for name in (WEIGHTS_FILE, pair_model.FILES[0], vectors.FILES[0]))
    key = json.dumps([lexicon.load("link"), LINKED, TERMS_FORMAT], sort_keys=True,
                     ensure_ascii=False).encode("utf-8") + weights
    return hashlib.sha256(key).hexdigest()[:16]


def version(pack: Pack | None) -> str:
    """What stored views and links depend on: the link settings, the word weights, the models and the pack."""
    return f"{_settings_digest()}+{pack.digest if pack else 'none'}"


def update(store: Store, doc_id: str, pack: Pack | None, audit: Audit | None = None) -> Update:
    """Store the document's claim terms and its links with every other stored claim (replacing its own).
    ``audit``: the document's audit as just saved, when the caller has it (else it is read back)."""
    current = version(pack)
    audit = audit or store.audit(doc_id)
    views = with_vectors([ClaimView.of(c.id, doc_id, c.text, c.entities, pack) for c in audit.claims])
    with store.session() as s, s.begin():
        s.execute(delete(t.LinkViewRow).where(t.LinkViewRow.document_id == doc_id))
        s.execute(delete(t.ClaimLinkRow).where((t.ClaimLinkRow.doc_a == doc_id) | (t.ClaimLinkRow.doc_b == doc_id)))
        stored = _views(s, current)
        pairs = [(views[x], stored[y]) for x, y in cross_pairs(views, stored)] + own_pairs(audit, views)
        threshold = settings().threshold
        kept = 0
        for (x, y), value in zip(pairs, scored_pairs(pairs), strict=True):
            if value >= threshold:
                a, b = sorted((x, y), key=lambda v: v.id)
                s.add(t.ClaimLinkRow(claim_a=a.id, claim_b=b.id, doc_a=a.document, doc_b=b.document, score=value))
                kept += 1
        s.add_all(t.LinkViewRow(claim_id=v.id, document_id=doc_id, terms=sorted(v.words),
                                vector=vectors.to_bytes(v.vector), version=current) for v in views)
    return Update(doc_id, len(views), len(pairs), kept)


def own_pairs(audit: Audit, views: list[ClaimView]) -> list[tuple[ClaimView, ClaimView]]:
    """Pairs within the document, each of a claim in which someone other than the author denies or disputes
    ("The MEK leaders deny their cooperation with Saddam Hussein ...") and another of its claims: a document that
    asserts something and reports its denial puts the two in one proposition (``cluster.groups`` attaches the
    denial to its partner's group), so the denial is on the stance map."""
    denials = {c.id for c in audit.claims
               if any(s.stance in OPPOSING and s.holder != "author" for s in c.stances)}
    usable = [v for v in views if len(v.words) >= MIN_TERMS]
    return [(d, v) for d in usable if d.id in denials for v in usable
            if v.id != d.id and not (v.id in denials and v.id < d.id)]  # two denials: once


def _views(session, current: str) -> list[ClaimView]:  # type: ignore[no-untyped-def]
    return [ClaimView(r.claim_id, r.document_id, frozenset(r.terms), frozenset(), text, vectors.from_bytes(r.vector))
            for r, text in session.execute(select(t.LinkViewRow, t.ClaimRow.text)
                                           .join(t.ClaimRow, t.ClaimRow.id == t.LinkViewRow.claim_id)
                                           .where(t.LinkViewRow.version == current))]


def stored_views(store: Store, pack: Pack | None) -> list[ClaimView]:
    """Every claim's stored terms and vector (as ``ensure`` left them), with its document and text."""
    with store.session() as s:
        return _views(s, version(pack))


def _state(store: Store, current: str) -> tuple[set[str], int, set[str]]:
    """(documents linked at ``current``, stored views of another version, documents with claims)."""
    with store.session() as s:
        linked = set(s.scalars(select(t.LinkViewRow.document_id).where(t.LinkViewRow.version == current)
                               .distinct()))
        stale = s.scalar(select(func.count()).select_from(t.LinkViewRow).where(t.LinkViewRow.version != current))
        with_claims = set(s.scalars(select(t.ClaimRow.document_id).distinct()))
    return linked, stale or 0, with_claims


def outdated(store: Store, pack: Pack | None) -> bool:
    """Whether ``ensure`` would store anything: a read-only server cannot, so it asks first."""
    linked, stale, with_claims = _state(store, version(pack))
    return bool(stale or with_claims - linked)


def ensure(store: Store, pack: Pack | None) -> list[Update]:
    """Bring the stored links up to date: documents stored without them (or with another version) get theirs,
    one after the other. Nothing to do when every document was linked as it was added."""
    linked, stale, with_claims = _state(store, version(pack))
    if stale:  # settings, weights or pack changed: every stored link may be wrong
        with store.session() as s, s.begin():
            s.execute(delete(t.ClaimLinkRow))
            s.execute(delete(t.LinkViewRow))
        linked = set()
    return [update(store, doc, pack) for doc in sorted(with_claims - linked)]


def stored_links(store: Store) -> list[tuple[str, str, float]]:
    with store.session() as s:
        return sorted((r.claim_a, r.claim_b, r.score) for r in s.scalars(select(t.ClaimLinkRow)))
