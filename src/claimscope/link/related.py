"""Related: for a claim or a document, the propositions and documents a reader would want next, each with the
reason in words ("names the same people and groups: MEK, Saddam Hussein"; "shares 2 propositions").

Relatedness is counted over the dossier's entities, each weighted by how rare it is in the dossier (an entity
every document names, such as the dossier's subject, says little), over shared propositions, and over shared
years. It is pure: the caller gives the dossier's entities per document and its propositions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from claimscope.grade import counted
from claimscope.link.propositions import Proposition

LIMIT = 5
MIN_SCORE = 0.1  # below this two documents share only the names every document of the dossier uses


@dataclass(frozen=True)
class Related:
    kind: str  # "proposition" or "document"
    id: str
    title: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "score": round(self.score, 3),
                "reasons": self.reasons}


def weights(sets: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each entity over the given sets (documents or propositions)."""
    counts: Counter[str] = Counter()
    n = 0
    for items in sets:
        counts.update(set(items))
        n += 1
    return {e: math.log((n + 1) / c) for e, c in counts.items()}


def overlap(a: set[str], b: set[str], idf: Mapping[str, float]) -> tuple[float, list[str]]:
    """How much of the smaller set the other names too, each entity weighted by its rarity (a weighted overlap
    coefficient: a short claim inside a long document still scores), and the shared entities, rarest first."""
    shared = sorted(a & b, key=lambda e: (-idf.get(e, 0.0), e))
    if not shared:
        return 0.0, []
    smaller = min(sum(idf.get(e, 0.0) for e in a), sum(idf.get(e, 0.0) for e in b))
    return (sum(idf.get(e, 0.0) for e in shared) / smaller if smaller else 0.0), shared


def _names(ids: list[str], names: Mapping[str, str], at_most: int = 4) -> str:
    shown = [names.get(i, i) for i in ids[:at_most]]
    more = len(ids) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def entities_of(p: Proposition, canonical: Mapping[str, str] | None = None) -> set[str]:
    """The entities a proposition's claims name (``canonical``: reviewers' merges applied)."""
    canonical = canonical or {}
    return {canonical.get(e, e) for m in p.members for e in m.claim.entities}


def years_of(whens: Iterable[str | None]) -> set[str]:
    return {y for w in whens if w for y in re.findall(r"\d{4}", w)}


def for_claim(claim_id: str, entities: Iterable[str], when: str | None, propositions: list[Proposition],
              names: Mapping[str, str], limit: int = LIMIT,
              canonical: Mapping[str, str] | None = None) -> list[Related]:
    """The propositions most related to a claim, its own proposition left out (the page shows it apart);
    ``canonical`` applies reviewers' entity merges (an entity id -> the entity it was merged into)."""
    canonical = canonical or {}
    mine = {canonical.get(e, e) for e in entities}
    years = years_of([when])
    others = [p for p in propositions if not p.holds(claim_id)]
    named = {p.id: entities_of(p, canonical) for p in propositions}
    idf = weights(named.values())
    found = []
    for p in others:
        value, shared = overlap(mine, named[p.id], idf)
        same_years = sorted(years & years_of(m.claim.when for m in p.members))
        if len(shared) + bool(same_years) < 2:  # one common name alone relates everything to everything
            continue
        value = 0.8 * value + 0.2 * bool(same_years)
        reasons = [f"names the same {'entity' if len(shared) == 1 else 'entities'}: {_names(shared, names)}"] \
            if shared else []
        if same_years:
            reasons.append(f"about the same time ({', '.join(same_years)})")
        found.append(Related("proposition", p.id, p.text, value, reasons))
    return sorted(found, key=lambda r: (-r.score, r.id))[:limit]


def for_document(doc_id: str, entities_by_document: Mapping[str, set[str]], titles: Mapping[str, str],
                 propositions: list[Proposition], names: Mapping[str, str], limit: int = LIMIT) -> list[Related]:
    """The documents most related to a document: the propositions they share, then the entities they both name."""
    idf = weights(entities_by_document.values())
    mine = entities_by_document.get(doc_id, set())
    shared_props = Counter(d for p in propositions if doc_id in p.documents for d in p.documents if d != doc_id)
    found = []
    for other, entities in entities_by_document.items():
        if other == doc_id:
            continue
        value, shared = overlap(mine, entities, idf)
        props = shared_props.get(other, 0)
        value = min(1.0, value + 0.25 * props)
        if value < MIN_SCORE:
            continue
        reasons = [f"shares {counted(props, 'proposition')}"] if props else []
        if shared:
            reasons.append(f"names {len(shared)} of the same entities, the rarest: {_names(shared, names, 3)}")
        found.append(Related("document", other, titles.get(other) or other, value, reasons))
    return sorted(found, key=lambda r: (-r.score, r.id))[:limit]
