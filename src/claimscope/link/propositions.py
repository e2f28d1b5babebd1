"""Propositions of a dossier: claims linked across documents, the stance map (every document and holder with
its stance, the document's side where known) and the grade of the support (what it rests on: ``link.support``);
reviewers' merge and detach decisions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from claimscope import grade as grading
from claimscope.analyse.claims import cut_off
from claimscope.dates import UNPLACED, bounds, overlap
from claimscope.errors import ClaimscopeError, InputError, NotFound
from claimscope.grade import OPPOSING, Grade
from claimscope.link import index, support
from claimscope.link.cluster import MERGE, groups
from claimscope.link.figures import differences, outnumbered
from claimscope.link.suggest import Home, Suggestion, homes, suggestions
from claimscope.link.support import attributed, document_as_source, facts_of, holder_name, side_label, side_of
from claimscope.model import Claim, Source, Stance, make_id
from claimscope.pack import Pack
from claimscope.store import Store
from claimscope.store.review import Review

SCHEMA = "claimscope.propositions/1"
CUT_MARK = " [the document's text stops here]"
REVIEWED = 2 * MERGE  # a reviewer's merge: a join, as any link of MERGE or more, told apart from a score of 1


@dataclass
class Member:
    document: str
    title: str | None
    publisher: str | None
    side: str
    claim: Claim
    sources: list[Source]
    link: float | None = None  # its strongest link to another claim of it (1: by a merge alone)
    merged: bool = False  # a reviewer's merge joined it to the proposition
    side_name: str = ""  # the side as a reader reads it (``side_label``)
    published: str | None = None  # the document's date (EDTF)
    url: str | None = None  # the document's address
    elsewhere: list[Source] = field(default_factory=list)  # an uncited claim's: what its document cites elsewhere
    cut: bool = False  # the document's text stops inside the claim (an excerpt cut at a length)

    @property
    def words(self) -> str:
        """The claim's words as the stance map quotes them, marked where the document's text stops mid-sentence."""
        return self.claim.text + (CUT_MARK if self.cut else "")

    def to_json(self, names: dict[str, str]) -> dict[str, Any]:
        return {"document": self.document, "title": self.title, "publisher": self.publisher, "side": self.side,
                "claim": self.claim.id, "kind": self.claim.kind, "text": self.claim.text,
                "when": self.claim.when,
                "start": self.claim.start, "end": self.claim.end, "link": self.link, "cut": self.cut,
                "stances": [{"holder": s.holder, "holder_text": s.holder_text,
                             "holder_name": holder_name(s, names),
                             "stance": s.stance, "cue": s.cue} for s in self.claim.stances]}


@dataclass
class Proposition:
    id: str
    members: list[Member]
    grade: Grade
    names: dict[str, str] = field(default_factory=dict)

    @functools.cached_property  # read by every view and by dates(); its figures and dates take a regex pass each
    def text(self) -> str:
        """A representative wording: the most check-worthy claim that states it with no one denying it (the stance
        map reads each stance against this wording), not as a judgement, and that reads on its own (not one that
        starts with a pronoun, "They also assisted ...", nor one with the footnote marks of its page, "...
        group,"[18]"); where the claims differ on a figure or a date, one that gives the one most documents give."""
        differing = differences((m.document, m.claim.text) for m in self.members)
        dated = support.date_differences((m.document, m.claim) for m in self.members)
        return max(self.members, key=lambda m: (
            not any(s.stance in OPPOSING for s in m.claim.stances), not grading.judgement(m.claim),
            not outnumbered(m.claim.text, differing), not support.date_outnumbered(m.claim, dated),
            _reads_alone(m.claim.text), m.claim.checkworthiness, -len(m.claim.text))).claim.text

    @property
    def documents(self) -> list[str]:
        return sorted({m.document for m in self.members})

    def who(self, stance: Stance) -> str:
        return holder_name(stance, self.names)

    def tally(self) -> list[tuple[str, int]]:
        """How many stances of each kind its stance map holds, in the map's order of kinds ("3 asserts, 1 denies")."""
        counts = Counter(s.stance for m in self.members for s in m.claim.stances)
        return [(kind, counts[kind]) for kind in grading.STANCES if counts[kind]]

    def holds(self, claim_id: str) -> bool:
        return any(m.claim.id == claim_id for m in self.members)

    @property
    def contested(self) -> bool:
        return any(s.stance in OPPOSING for m in self.members for s in m.claim.stances)

    def dates(self) -> tuple[str | None, str | None]:
        """The earliest and latest time it speaks of, from the first start to the last end (by EDTF bounds, not by
        spelling: "1980-09-22/1988-08-20" ends after "1986"). Only the time its wording (``text``) gives and the
        times of other claims that overlap it count; when its wording gives none, the times that claims of two
        documents agree on. A time one claim gives for another part of what it says (a compound claim's other
        decade, the war a judgement mentions in passing) does not widen it."""
        placed = [m for m in self.members if m.claim.when and bounds(m.claim.when)[0] != UNPLACED]
        headline = next((m for m in placed if m.claim.text == self.text), None)
        if headline:
            whens = {m.claim.when for m in placed if overlap(m.claim.when, headline.claim.when)}
        else:
            whens = {m.claim.when for m in placed
                     if any(o.document != m.document and overlap(m.claim.when, o.claim.when) for o in placed)}
        if not whens:
            return None, None
        return min(whens, key=lambda w: bounds(w)), max(whens, key=lambda w: bounds(w)[::-1])

    def stated(self) -> tuple[str | None, str | None, int]:
        """The dates (as published) of the first and the last of its documents that have one, and how many of its
        documents have none."""
        dates = {m.document: m.published for m in self.members}
        published = sorted({d for d in dates.values() if d and bounds(d)[0] != UNPLACED}, key=bounds)
        undated = sum(1 for d in dates.values() if not d or bounds(d)[0] == UNPLACED)
        return (published[0], published[-1], undated) if published else (None, None, undated)

    def times(self) -> list[tuple[str, str, str | None, str]]:
        """What the stance map's heading says of time, as (label, first, last or None when the same, a note):
        ("speaks of", "1991", None, ""), ("documents dated", "1996-01-11", "2012-09-28", " (1 undated)")."""
        (earliest, latest), (first, last, undated) = self.dates(), self.stated()
        open_ended = bool(earliest and re.search(r"^(\.\.)?/|/(\.\.)?$", earliest))  # "the time until 1978"
        return [(label, a, b if b != a else None, note) for label, a, b, note in (
            ("speaks of the time" if open_ended else "speaks of", earliest, latest, ""),
            ("documents dated", first, last, f" ({undated} undated)" if undated else "")) if a]

    def to_json(self) -> dict[str, Any]:
        earliest, latest = self.dates()
        first, last, _ = self.stated()
        return {"id": self.id, "text": self.text, "documents": self.documents, "contested": self.contested,
                "earliest": earliest, "latest": latest, "first_stated": first, "last_stated": last,
                "claims": [m.to_json(self.names) for m in self.members], "grade": self.grade.to_json()}


# first words that lean on the sentences before: pronouns, and connectives ("Since then, ...", "However, ...")
LEANING = re.compile(r"(?i)^\W*(?:they|it|he|she|this|these|those|its|their|his|her|such|also|since then|then|"
                     r"however|moreover|furthermore|additionally|in addition|conversely|thus|therefore)\b")
FOOTNOTE = re.compile(r"\[(?:\d+|[a-z][a-z -]*\d*)\]")  # [18], [lower-alpha 3]


def _reads_alone(text: str) -> bool:
    return not LEANING.match(text) and not FOOTNOTE.search(text)


def named_by(prop_id: str, given: str) -> bool:
    """Whether ``given`` names the proposition: its id or the id's first characters, with or without "p-"."""
    given = given.strip()
    return prop_id.startswith(given) or prop_id.startswith("p-" + given)


def one(found: list[Proposition], given: str, claims: Iterable[str] = ()) -> Proposition:
    """The proposition ``given`` names (its id or first characters), refused as ``Store.resolve`` refuses a document
    id: when it is empty, names none, or names more than one. An old id is refused with the id its proposition has
    now, or with the claim it was named by (one of ``claims``) when that claim is in none."""
    hint = "see `claimscope propositions` for the ids"
    if not given.strip():
        raise NotFound(repr(given), "a proposition id is needed", hint)
    matches = [p for p in found if named_by(p.id, given)]
    if not matches:
        # the claims the id (or its first characters) was named by: one, or it says nothing
        named = [c for c in claims if named_by(make_id("p", c), given)]
        now = holding(found, set(named)) if len(named) == 1 else None
        if now:
            hint = f"it is {now.id} now: the claim it was named by is there"
        elif len(named) == 1:
            hint = f"the claim it was named by, {named[0]}, is in no proposition now"
        raise NotFound(given, "no such proposition in this dossier", hint)
    if len(matches) > 1:
        raise ClaimscopeError(given, "matches more than one proposition",
                              "give more characters of the id: " + ", ".join(p.id for p in matches[:4])
                              + (", ..." if len(matches) > 4 else ""))
    return matches[0]


def renamed(found: list[Proposition], prop_id: str) -> Proposition | None:
    """The proposition an old id leads to. A proposition is named by its first claim, so a claim that joins it (a
    new document, a reviewer's merge) or leaves it renames it: the old id leads to the one its claim is in now."""
    return next((p for p in found for m in p.members if make_id("p", m.claim.id) == prop_id), None)


def holding(found: list[Proposition], claims: set[str]) -> Proposition | None:
    """The proposition that holds most of ``claims`` (what the rest of a proposition forms after a reviewer took a
    claim out of it), if any does."""
    held = [(len(claims & {m.claim.id for m in p.members}), p) for p in found]
    return max((h for h in held if h[0]), key=lambda h: h[0], default=(0, None))[1]


def strongest_links(grouped: list[list[str]], edges: list[tuple[str, str, float]]
                    ) -> tuple[dict[str, float], set[str]]:
    """Each grouped claim's strongest scored link to another claim of its group (one pass over the links): how
    closely it is tied to its proposition, so a reader sees which claims only just made it; and the claims a
    reviewer's merge joined to their group (``REVIEWED`` links), whatever their scores."""
    owner = {c: i for i, group in enumerate(grouped) for c in group}
    best: dict[str, float] = {}
    merged: set[str] = set()
    for a, b, value in edges:
        if a != b and a in owner and owner[a] == owner.get(b):
            for c in (a, b):
                if value >= REVIEWED:
                    merged.add(c)
                else:
                    best[c] = max(min(value, MERGE), best.get(c, 0.0))
    return best, merged


def link_label(member: Member) -> str:
    """How the stance map shows a claim's tie: its score, and "merged" where a reviewer joined it."""
    score = None if member.link is None or (member.merged and member.link >= MERGE) else f"{member.link:.2f}"
    return ", ".join(part for part in (score, "merged" if member.merged else None) if part)


def link_note() -> str:
    from claimscope.link.similarity import settings

    return (f"the claim's strongest link score to another claim of the proposition (claims link from "
            f"{settings().threshold:.2f}, 1 at most; 'merged' is a reviewer's decision)")


def apply_decisions(store: Store, edges: list[tuple[str, str, float]], members: dict[str, Any]
                    ) -> list[tuple[str, str, float]]:
    """Reviewers' decisions, in the order made: a "detach" drops the links the clustering found for a claim,
    a "merge" adds a link of score ``REVIEWED`` between two claims, which joins their groups whole. Decisions
    naming a claim that is gone are ignored."""
    for decision, a, b in decisions(store):
        if a not in members or (b is not None and b not in members):
            continue
        if decision == "detach":
            edges = [e for e in edges if a not in e[:2]]
        elif decision == "merge" and b is not None:
            edges.append((a, b, REVIEWED))
    return edges


def decisions(store: Store) -> list[tuple[str, str, str | None]]:
    from sqlalchemy import select

    from claimscope.store.schema import LinkDecisionRow

    with store.session() as s:
        return [(r.decision, r.claim_a, r.claim_b)
                for r in s.scalars(select(LinkDecisionRow).order_by(LinkDecisionRow.id))]


def decide(store: Store, decision: str, claim_a: str, claim_b: str | None, author: str) -> None:
    """Record a reviewer's merge (two claims, so their propositions) or detach (a claim out of its proposition)."""
    from sqlalchemy import select

    from claimscope.store.repository import now
    from claimscope.store.schema import ClaimRow, LinkDecisionRow

    if decision not in ("merge", "detach") or (decision == "merge") != (claim_b is not None):
        raise InputError(decision, "a merge names two claims, a detach one")
    if claim_a == claim_b:
        raise InputError(claim_a, "is the same claim: nothing to merge")
    author = " ".join(author.split())
    if not author or len(author) > 100:
        raise InputError("author", "give your name (1 to 100 characters)")
    claims = [c for c in (claim_a, claim_b) if c is not None]
    with store.session() as s:
        known = set(s.scalars(select(ClaimRow.id).where(ClaimRow.id.in_(claims))))
    for claim in claims:
        if claim not in known:
            raise NotFound(claim, "no such claim in this dossier")
    with store.session() as s, s.begin():
        s.add(LinkDecisionRow(decision=decision, claim_a=claim_a, claim_b=claim_b, author=author, created_at=now()))


def build(store: Store, pack: Pack | None = None) -> list[Proposition]:
    """The dossier's propositions (claims linked across at least two documents), most documents first."""
    review = Review(store)
    audits = [review.reviewed(store.audit(d.id)) for d in store.documents()]  # without what reviewers rejected
    members: dict[str, Member] = {}
    names: dict[str, str] = {}
    for audit in audits:
        names.update({e.id: e.name for e in audit.entities})
        side = side_of(audit, pack)
        side_name = side_label(side, pack)
        sources = {s.id: s for s in audit.sources}
        itself = document_as_source(audit)
        cut = cut_off(audit.document.text)
        for claim in audit.claims:
            cited = [sources[c] for c in claim.citations if c in sources]
            members[claim.id] = Member(audit.document.id, audit.document.title, audit.document.publisher, side,
                                       claim, cited or attributed(claim, names) or ([itself] if itself else []),
                                       side_name=side_name, published=audit.document.published,
                                       url=audit.document.url,
                                       elsewhere=[] if cited else audit.sources,
                                       cut=cut is not None and claim.end > cut)
    index.ensure(store, pack)  # links were stored as documents came; only documents stored without them are linked
    edges = apply_decisions(store, index.stored_links(store), members)
    found = []
    shared = [g for g in groups({c: m.document for c, m in members.items()}, edges)
              if len({members[c].document for c in g}) >= 2]
    strongest, merged = strongest_links(shared, edges)
    for group in shared:
        group_members = [replace(members[c], link=strongest.get(c, MERGE if c in merged else None),
                                 merged=c in merged) for c in group]
        # named by its first claim, not by all of them: its address stays while claims join or are taken out
        graded = grading.grade(facts_of(group_members, pack, names))
        found.append(Proposition(make_id("p", min(group)), group_members, graded, names))
    return sorted(found, key=lambda p: (-len(p.documents), -p.contested, p.id))


def suggested(store: Store, pack: Pack | None, prop: Proposition, found: list[Proposition]) -> list[Suggestion]:
    """Claims that may state ``prop`` too, for a reviewer to add (``suggest``): none that is in one of ``found``
    already, that a reviewer rejected, or that a reviewer took out of a proposition."""
    return suggestions({m.claim.id for m in prop.members}, index.stored_views(store, pack), _taken(store, found),
                       pack)


def homes_of(store: Store, pack: Pack | None, claim_id: str, found: list[Proposition]) -> list[Home]:
    """The propositions of ``found`` that a claim may state (``suggest.homes``); none for a claim that is in one,
    that a reviewer rejected, or that a reviewer took out of one."""
    if claim_id in _taken(store, found):
        return []
    views = {v.id: v for v in index.stored_views(store, pack)}
    if claim_id not in views:
        return []  # not linked yet
    groups = {p.id: [views[m.claim.id] for m in p.members if m.claim.id in views] for p in found}
    return homes(views[claim_id], {k: v for k, v in groups.items() if v}, pack)


def _taken(store: Store, found: list[Proposition]) -> set[str]:
    """Claims never offered: those in a proposition, rejected by a reviewer, or taken out of a proposition."""
    taken = {m.claim.id for p in found for m in p.members} | Review(store).hidden().claims
    return taken | {claim for decision, claim, _ in decisions(store) if decision == "detach"}
