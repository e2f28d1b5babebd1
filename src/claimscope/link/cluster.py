"""Propositions: claims linked across documents when they state the same thing.

Every pair of claims (from different documents) that can reach the threshold is found exactly, without scoring
all pairs: the score is at most the weighted cosine of the claims' terms, and two claims whose cosine reaches the
threshold t must share a term from the "prefix" of each, its rarest terms up to the point where the rest weighs
less than t (prefix filtering, as in Bayardo, Ma and Srikant's All-Pairs). Each claim is indexed under its prefix
terms and looked up under all its terms; each candidate is scored exactly (``similarity.score``, a function of the
two claims alone) and kept at or above the threshold. A link found when a document is added stays the same when
others follow.

Propositions are groups of linked claims (``groups``), not the connected components of the links: components chain
(a links to b, b to c, c to d, and a and d say different things), and on 20,000 debate sentences the largest
component held 5,424 claims. ``groups`` is average-link agglomeration on the links: it joins two groups only while
their claims, taken two by two across documents, score ``GROUP_AVERAGE`` on average, a pair with no link counting
0. Nothing depends on the order claims arrive, so the propositions do not depend on the order documents were added.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from claimscope.link.similarity import ClaimView, scored_pairs, settings, term_weight

MIN_TERMS = 3  # a claim with fewer terms than this says too little to link
# Two groups of claims join while the average score of their pairs of claims from different documents (0 for a pair
# with no link) reaches this. Chosen on the dev half of tests/data/claim_pairs.json (the best mean F1 of "same
# group" against "same proposition", with the pairs' own documents and with each sentence its own document; the
# grid 0.04..0.35; benchmarks/bench_cluster.py reports the test half). With the pair model (2026-11-29) dev F1 is
# flat from 0.04 to 0.12 (0.72 to 0.71, `bench_cluster.py --choose-average`) and lower averages let longer chains
# join in a large dossier, so it stays 0.12. Below half the link threshold, so a claim
# linked to either claim of a linked pair can join them; a path of links a-b-c-d joins only if its middle link
# scores 4 x 0.12 = 0.48 or more, and no path of six claims can be one group.
GROUP_AVERAGE = 0.12
MERGE = 1.0  # a link this strong is a join, not a score: a reviewer's merge (or two claims with the same terms)


def prefix(words: frozenset[str], threshold: float) -> tuple[list[str], float]:
    """The claim's rarest terms, up to where the norm of the remaining ones (the suffix) falls below the threshold
    (the claim's term vector has norm 1), and the norm of that suffix."""
    ordered = sorted(words, key=lambda w: (-term_weight(w), w))
    total = sum(term_weight(w) for w in ordered)
    rest, cut = 0.0, len(ordered)
    while cut > 0 and math.sqrt((rest + term_weight(ordered[cut - 1])) / total) < threshold:
        cut -= 1
        rest += term_weight(ordered[cut])
    return ordered[:cut], math.sqrt(rest / total)


def unit_weights(words: frozenset[str]) -> dict[str, float]:
    """Each term's part of the claim's unit term vector (weighted by ``term_weight``)."""
    total = sum(term_weight(w) for w in words)
    return {w: math.sqrt(term_weight(w) / total) for w in words} if total else {}


class PrefixIndex:
    """Claims indexed under their prefix terms. A probe claim looks up all its terms and adds, for each claim y
    indexed under one, their part of the cosine; what the lookup cannot see (terms of y's suffix) adds at most the
    norm of that suffix, so y is a candidate when the sum found plus that bound reaches the threshold."""

    def __init__(self, views: list[ClaimView]):
        self.views = views
        self.threshold = settings().pair_floor * 0.999  # the pairs the model may read; a margin for rounding
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.suffix: list[float] = []
        for i, view in enumerate(views):
            head, rest = prefix(view.words, self.threshold) if len(view.words) >= MIN_TERMS else ([], 1.0)
            self.suffix.append(rest)
            units = unit_weights(view.words)
            for w in head:
                self.index[w].append((i, units[w]))

    def probe(self, view: ClaimView, after: int = -1) -> list[int]:
        """The indexed claims (above position ``after``), from other documents, that may reach the threshold."""
        if len(view.words) < MIN_TERMS:
            return []
        found: dict[int, float] = defaultdict(float)
        for w, u in unit_weights(view.words).items():
            for y, v in self.index.get(w, ()):
                if y > after:
                    found[y] += u * v
        return [y for y, value in sorted(found.items())
                if value + self.suffix[y] >= self.threshold and self.views[y].document != view.document]


def candidate_pairs(views: list[ClaimView]) -> set[tuple[int, int]]:
    """The pairs (i, j), i < j, of claims from different documents whose cosine may reach the pair model's floor."""
    index = PrefixIndex(views)
    return {(x, y) for x, view in enumerate(views) for y in index.probe(view, after=x)}


def links(views: list[ClaimView]) -> list[tuple[str, str, float]]:
    """The pairs of claims (from different documents) that state the same thing, with their score."""
    threshold = settings().threshold
    found = []
    candidates = sorted(candidate_pairs(views))
    for (i, j), value in zip(candidates, scored_pairs([(views[i], views[j]) for i, j in candidates]), strict=True):
        if value >= threshold:
            a, b = sorted((views[i].id, views[j].id))
            found.append((a, b, value))
    return sorted(found)


def components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find), each sorted, listed by their first member."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in parent:
        groups[find(i)].append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def groups(documents: Mapping[str, str], scored: Iterable[tuple[str, str, float]],
           average: float = GROUP_AVERAGE) -> list[list[str]]:
    """The claims (``documents``: claim id -> its document id) in groups that state one thing, each sorted, listed
    by their first member.

    Average-link agglomeration on the links (a, b, score): every claim starts alone, and the two linked groups with
    the highest average score over their pairs of claims from different documents (a pair with no link counts 0;
    claims of one document are never scored against each other, so those pairs do not count) join, again and
    again, while that average reaches ``average``. Ties go to the groups with the smallest ids, so the groups are a
    function of the claims, their documents and the links, never of the order they come in. A link scoring
    ``MERGE`` or more (a reviewer's merge) takes no part in the averages: it joins the two claims' groups at the
    end, whatever they are. Links naming an unknown claim are ignored, as are links within one document (the
    linker never makes them) unless they are joins."""
    best: dict[tuple[str, str], float] = {}
    joins: list[tuple[str, str]] = []
    for a, b, value in scored:
        if a == b or a not in documents or b not in documents:
            continue
        if value >= MERGE:
            joins.append((a, b))
        elif documents[a] != documents[b]:
            key = (a, b) if a < b else (b, a)
            best[key] = max(value, best.get(key, value))
    members = {c: [c] for c in documents}  # a group is keyed by its smallest claim id
    docs = {c: Counter((d,)) for c, d in documents.items()}
    sums: dict[str, dict[str, float]] = defaultdict(dict)  # group -> linked group -> sum of link scores
    for (a, b), value in best.items():
        sums[a][b] = sums[b][a] = value

    def mean(x: str, y: str) -> float:
        small, large = sorted((docs[x], docs[y]), key=len)
        pairs = len(members[x]) * len(members[y]) - sum(n * large[d] for d, n in small.items())
        return sums[x][y] / pairs

    version = dict.fromkeys(documents, 0)
    heap = [(-value, a, b, 0, 0) for (a, b), value in best.items()]
    heapq.heapify(heap)
    while heap:
        negative, x, y, vx, vy = heapq.heappop(heap)
        if version.get(x) != vx or version.get(y) != vy:
            continue  # one of the two has grown (or joined another) since this entry was made
        if -negative < average:
            break
        members[x] += members.pop(y)
        docs[x] += docs.pop(y)
        del version[y]
        version[x] += 1
        linked = sums.pop(y)
        del linked[x], sums[x][y]
        for other, value in linked.items():
            sums[x][other] = sums[x].get(other, 0.0) + value
            del sums[other][y]
        for other, value in sums[x].items():
            sums[other][x] = value
            a, b = (x, other) if x < other else (other, x)
            heapq.heappush(heap, (-mean(x, other), a, b, version[a], version[b]))
    if not joins:
        return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
    owner = {c: key for key, group in members.items() for c in group}
    joined = components(members, ((owner[a], owner[b]) for a, b in joins))
    return sorted((sorted(c for key in part for c in members[key]) for part in joined), key=lambda g: g[0])
