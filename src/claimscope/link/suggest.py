"""Claims that may state a proposition without being linked to it, for a reviewer to add.

Linking finds about half of the pairs of claims that readers call the same proposition (benchmarks/README.md), so
a reviewer needs the near misses: the claims of the dossier that belong to no proposition, ranked by the cosine
of their terms with the proposition's claims (``similarity.cosine``, the best over its claims), each with the
terms they share as its reason. Nothing is added until a reviewer says so (a "merge" decision, which linking then
respects). A claim a reviewer took out of a proposition is not suggested again. The other way round, a claim in
no proposition gets the propositions it may state (``homes``), ranked alike. Pure: the caller gives the stored
terms.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from claimscope.link.similarity import ClaimView, cosine, term_weight
from claimscope.link.words import ENTITY, NUMBER, SYNONYM
from claimscope.pack import Pack

LIMIT = 5
FLOOR = 0.15  # under this the claims share a common word or two, not what the proposition says
SHOWN_TERMS = 5


@dataclass(frozen=True)
class Suggestion:
    claim: str
    document: str
    text: str
    score: float
    shared: list[str]  # the shared terms, readable, the rarest first

    def reason(self) -> str:
        return "shares " + ", ".join(self.shared)


@dataclass(frozen=True)
class Home:
    """A proposition a claim in none may state."""
    proposition: str
    score: float
    shared: list[str]

    def reason(self) -> str:
        return "shares " + ", ".join(self.shared)


def suggestions(members: Collection[str], views: Iterable[ClaimView], taken: Collection[str] = (),
                pack: Pack | None = None, limit: int = LIMIT) -> list[Suggestion]:
    """The claims of ``views`` most alike to the proposition whose claims are ``members``, best first, leaving out
    ``taken`` (claims already in a proposition, or taken out of one by a reviewer)."""
    views = list(views)
    own = [v for v in views if v.id in members]
    said = frozenset().union(*(m.words for m in own))
    found = []
    for view in views:
        if view.id in members or view.id in taken or not view.words & said:
            continue
        score, best = nearest(own, view)
        if score >= FLOOR:
            found.append(Suggestion(view.id, view.document, view.text, score, shared(best, view, pack)))
    return sorted(found, key=lambda s: (-s.score, s.claim))[:limit]


def homes(view: ClaimView, groups: Mapping[str, Collection[ClaimView]], pack: Pack | None = None,
          limit: int = 3) -> list[Home]:
    """The propositions (``groups``: each one's claims) that a claim in none may state, best first."""
    found = []
    for prop_id, members in groups.items():
        if any(view.words & m.words for m in members):
            score, best = nearest(members, view)
            if score >= FLOOR:
                found.append(Home(prop_id, score, shared(best, view, pack)))
    return sorted(found, key=lambda h: (-h.score, h.proposition))[:limit]


def nearest(members: Iterable[ClaimView], view: ClaimView) -> tuple[float, ClaimView]:
    """The cosine of ``view``'s terms with the nearest of ``members``, and that member."""
    score, _, best = max((cosine(m.words, view.words), m.id, m) for m in members)
    return round(score, 4), best


def shared(a: ClaimView, b: ClaimView, pack: Pack | None) -> list[str]:
    """The terms two claims share, readable, the rarest first (worked out only for what is offered)."""
    return [readable(w, pack) for w in sorted(a.words & b.words, key=lambda w: (-term_weight(w), w))[:SHOWN_TERMS]]


def readable(term: str, pack: Pack | None) -> str:
    """A term as a reader would write it: a pack entity by its name, a synonym group or a figure without its mark."""
    if term.startswith(ENTITY) and pack is not None:
        names = {e.id: e.name for e in (*pack.entities, *pack.periods)}
        return names.get(term[1:], term[1:])
    return term.lstrip(ENTITY + SYNONYM + NUMBER)
