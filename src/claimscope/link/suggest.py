"""Claims that may state a proposition without being linked to it, for a reviewer to add.

Linking finds about half of the pairs of claims that readers call the same proposition (benchmarks/README.md), so
a reviewer needs the near misses: the claims of the dossier that belong to no proposition, ranked by how close
they are to the proposition's claims (the best over its claims): half the cosine of the sentence encoder's vectors
(``vectors``), half the cosine of their terms (``similarity.cosine``), each with the terms they share as its reason.
The encoder finds paraphrases that share no word, but it also puts claims about the same thing close to claims that
state it, which is why it ranks for a reviewer and does not link (benchmarks/HISTORY.md, seventeenth session); the
terms keep the claims that name the same people, figures and events first. Nothing is added until a reviewer says so
(a "merge" decision, which linking then respects). A claim a reviewer took out of a proposition is not suggested
again. The other way round, a claim in no proposition gets the propositions it may state (``homes``), ranked alike.
Pure: the caller gives the stored vectors and terms.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass

import numpy as np

from claimscope.link.similarity import ClaimView, cosine, term_weight
from claimscope.link.words import ENTITY, EVENT, NAMED, NUMBER, SYNONYM
from claimscope.pack import Pack

LIMIT = 5
# The vectors' part of the score. Chosen on the dev half of tests/data/claim_pairs.json: of the 26 "same" pairs the
# linker misses, the other claim is among the 5 offered for 18 with the terms alone, 22 with the vectors alone and
# 24 with half of each (the old test half: 21, 29 and 30 of 36; benchmarks/HISTORY.md, seventeenth session).
VECTOR_WEIGHT = 0.5
# Under this two claims are about different things: on tests/data/claim_pairs.json, 95 % of the "same" pairs score
# 0.39 or more, and 95 % of the unrelated ones 0.31 or less.
FLOOR = 0.35
SHOWN_TERMS = 5


def _reason(shared: list[str]) -> str:
    return "shares " + ", ".join(shared) if shared else "close in meaning, no term in common"


@dataclass(frozen=True)
class Suggestion:
    claim: str
    document: str
    text: str
    score: float
    shared: list[str]  # the shared terms, readable, the rarest first

    def reason(self) -> str:
        return _reason(self.shared)

    def to_json(self) -> dict[str, object]:
        """As the API and ``claimscope proposition ID --format json`` give it: its fields and its reason."""
        return {**asdict(self), "reason": self.reason()}


@dataclass(frozen=True)
class Home:
    """A proposition a claim in none may state."""
    proposition: str
    score: float
    shared: list[str]

    def reason(self) -> str:
        return _reason(self.shared)


def suggestions(members: Collection[str], views: Iterable[ClaimView], taken: Collection[str] = (),
                pack: Pack | None = None, limit: int = LIMIT) -> list[Suggestion]:
    """The claims of ``views`` (each with its vector) closest to the proposition whose claims are ``members``, best
    first, leaving out ``taken`` (claims already in a proposition, or taken out of one by a reviewer)."""
    views = list(views)
    own = [v for v in views if v.id in members]
    others = [v for v in views if v.id not in members and v.id not in taken]
    found = [(score, view.id, view, own[j]) for view, (score, j) in zip(others, closest(own, others), strict=True)
             if score >= FLOOR]
    return [Suggestion(view.id, view.document, view.text, score, shared(best, view, pack))
            for score, _, view, best in sorted(found, key=lambda x: (-x[0], x[1]))[:limit]]


def homes(view: ClaimView, groups: Mapping[str, Collection[ClaimView]], pack: Pack | None = None,
          limit: int = 3) -> list[Home]:
    """The propositions (``groups``: each one's claims, with their vectors) that a claim in none may state, best
    first."""
    found = []
    for prop_id, members in groups.items():
        own = list(members)
        [(score, j)] = closest(own, [view])  # 0 for a proposition with no stored claim
        if score >= FLOOR:
            found.append(Home(prop_id, score, shared(own[j], view, pack)))
    return sorted(found, key=lambda h: (-h.score, h.proposition))[:limit]


def closest(members: list[ClaimView], views: list[ClaimView]) -> list[tuple[float, int]]:
    """For each of ``views``, its best score with ``members`` (``VECTOR_WEIGHT`` x the vectors' cosine + the rest x
    the terms' cosine) and which member gives it (the first on a tie). The terms' cosine is worked out only for the
    claims that share a term with the members (it is 0 for the others)."""
    if not members or not views:
        return [(0.0, 0)] * len(views)
    products = VECTOR_WEIGHT * (np.stack([v.vector for v in views]) @ np.stack([m.vector for m in members]).T)
    said = frozenset().union(*(m.words for m in members))
    found = []
    for view, row in zip(views, products, strict=True):
        if view.words & said:
            row = row + (1 - VECTOR_WEIGHT) * np.array([cosine(m.words, view.words) for m in members])
        j = int(np.argmax(row))
        found.append((round(float(row[j]), 4), j))
    return found


def shared(a: ClaimView, b: ClaimView, pack: Pack | None) -> list[str]:
    """The terms two claims share, readable, the rarest first (worked out only for what is offered). An entity that
    neither claim names by a name of its own, only by one it shares with others ("Rajavi": Massoud or Maryam), is
    shown by the words the claims use, not as each entity the name may be."""
    found: list[str] = []
    for w in sorted(a.words & b.words, key=lambda w: (-term_weight(w), w.lstrip("".join(NAMED)), w)):
        name = readable(w, pack)
        if w.startswith(NAMED) and pack is not None and not _named_alone(w[1:], (a.text, b.text), pack):
            name = _shared_name(w[1:], (a.text, b.text), pack) or name
        if name not in found:
            found.append(name)
    return found[:SHOWN_TERMS]


@functools.cache
def _names(pack: Pack) -> dict[str, tuple[list[str], list[str]]]:
    """Each entity's names of its own (no other entity of the pack has them) and the names it shares."""
    owners: dict[str, set[str]] = {}
    for e in (*pack.entities, *pack.periods):
        for n in (e.name, *e.aliases):
            owners.setdefault(n.lower(), set()).add(e.id)
    return {e.id: ([n for n in (e.name, *e.aliases) if len(owners[n.lower()]) == 1],
                   [n for n in (e.name, *e.aliases) if len(owners[n.lower()]) > 1])
            for e in (*pack.entities, *pack.periods)}


def _said(name: str, texts: tuple[str, ...]) -> bool:
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", 0 if name.isupper() else re.IGNORECASE)
    return any(pattern.search(text) for text in texts)


def _named_alone(entity: str, texts: tuple[str, ...], pack: Pack) -> bool:
    own, shared_names = _names(pack).get(entity, ([], []))
    return not shared_names or any(_said(n, texts) for n in own)


def _shared_name(entity: str, texts: tuple[str, ...], pack: Pack) -> str | None:
    return next((n for n in _names(pack).get(entity, ([], []))[1] if _said(n, texts)), None)


def readable(term: str, pack: Pack | None) -> str:
    """A term as a reader would write it: a pack entity by its name, a synonym group or a figure without its mark."""
    if term.startswith(NAMED) and pack is not None:
        names = {e.id: e.name for e in (*pack.entities, *pack.periods)}
        return names.get(term[1:], term[1:])
    return term.lstrip(ENTITY + EVENT + SYNONYM + NUMBER)
