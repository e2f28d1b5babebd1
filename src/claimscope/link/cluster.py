"""Propositions: claims linked across documents when they state the same thing.

Every pair of claims (from different documents) that can reach the threshold is found exactly, without scoring
all pairs with the pair model: the terms' score is at most the weighted cosine of the claims' terms, and a pair
under the pair model's floor never links. The cosines of all pairs are the products of the claims' unit term
vectors, computed as sparse matrix products (SciPy) a block of claims at a time; the pairs reaching the floor are
scored exactly (``similarity.scored_pairs``, a function of the two claims alone) and kept at or above the
threshold. A link found when a document is added stays the same when others follow.

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

import numpy as np
from scipy import sparse

from claimscope.link.similarity import ClaimView, scored_pairs, settings, term_weight

MIN_TERMS = 3  # a claim with fewer terms than this says too little to link
# Claims x claims compared by one sparse product: a block of 2,000 claims against 20,000 holds about 2.6 million
# cosines (40 MB) on the debate sentences of bench_cluster.py; larger dossiers take smaller blocks.
BLOCK_PAIRS = 40_000_000
# Two groups of claims join while the average score of their pairs of claims from different documents (0 for a pair
# with no link) reaches this. Chosen on the dev half of tests/data/claim_pairs.json (the best mean F1 of "same
# group" against "same proposition", with the pairs' own documents and with each sentence its own document; the
# grid 0.04..0.35; benchmarks/bench_cluster.py reports the test half). Dev F1 is nearly flat from 0.04 to 0.12
# (`bench_cluster.py --choose-average`: 0.72 to 0.71 with the first pair model, 0.717 to 0.697 with the pruned one)
# and lower averages let longer chains join in a large dossier, so it stays 0.12. About half the link threshold
# (0.2373), so a claim linked at 0.24 or more to either claim of a linked pair can join them; a path of links a-b-c-d
# joins only if its middle link scores 4 x 0.12 = 0.48 or more, and no path of six claims can be one group.
GROUP_AVERAGE = 0.12
MERGE = 1.0  # a link this strong is a join, not a score: a reviewer's merge (or two claims with the same terms)


def unit_weights(words: frozenset[str]) -> dict[str, float]:
    """Each term's part of the claim's unit term vector (weighted by ``term_weight``)."""
    total = sum(term_weight(w) for w in words)
    return {w: math.sqrt(term_weight(w) / total) for w in words} if total else {}


def _unit_rows(views: list[ClaimView], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """The claims' unit term vectors as the rows of a sparse matrix (a claim of fewer than ``MIN_TERMS`` terms gets
    an empty row: it links to nothing); ``vocabulary`` maps terms to columns and grows with new ones."""
    rows, columns, values = [], [], []
    for i, view in enumerate(views):
        if len(view.words) >= MIN_TERMS:
            for w, u in unit_weights(view.words).items():
                rows.append(i)
                columns.append(vocabulary.setdefault(w, len(vocabulary)))
                values.append(u)
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(views), max(len(vocabulary), 1)))


def _pairs_over_floor(left: list[ClaimView], right: list[ClaimView], upper: bool) -> list[tuple[int, int]]:
    """The pairs (i in left, j in right), from different documents, whose terms' cosine reaches the pair model's
    floor (``upper``: left and right are the same list, and only i < j is kept), sorted. The cosines are the
    products of the unit term vectors, computed by sparse matrix products a block of rows at a time."""
    vocabulary: dict[str, int] = {}
    a = _unit_rows(left, vocabulary)
    b = a if upper else _unit_rows(right, vocabulary)
    a.resize((a.shape[0], b.shape[1]))  # right's terms that left lacks add columns
    b_columns = b.T.tocsr()
    documents = {d: n for n, d in enumerate(sorted({v.document for v in left + right}))}
    left_doc = np.array([documents[v.document] for v in left], dtype=np.int64)
    right_doc = np.array([documents[v.document] for v in right], dtype=np.int64)
    floor = settings().pair_floor * 0.999  # a margin for rounding: the exact score decides
    found: list[tuple[int, int]] = []
    block = max(1, BLOCK_PAIRS // max(len(right), 1))
    for start in range(0, a.shape[0], block):
        products = (a[start:start + block] @ b_columns).tocoo()
        i, j = products.row.astype(np.int64) + start, products.col.astype(np.int64)
        keep = (products.data >= floor) & (left_doc[i] != right_doc[j])
        if upper:
            keep &= i < j
        found += zip(i[keep].tolist(), j[keep].tolist(), strict=True)
    return sorted(found)


def candidate_pairs(views: list[ClaimView]) -> set[tuple[int, int]]:
    """The pairs (i, j), i < j, of claims from different documents whose cosine reaches the pair model's floor."""
    return set(_pairs_over_floor(views, views, upper=True))


def cross_pairs(new: list[ClaimView], stored: list[ClaimView]) -> list[tuple[int, int]]:
    """The pairs (new index, stored index), from different documents, whose cosine reaches the pair model's floor."""
    return _pairs_over_floor(new, stored, upper=False)


def links(views: list[ClaimView]) -> list[tuple[str, str, float]]:
    """The pairs of claims (from different documents) that state the same thing, with their score."""
    threshold = settings().threshold
    found = []
    candidates = _pairs_over_floor(views, views, upper=True)  # sorted
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
    end, whatever they are. A link within one document (the linker makes them only for a claim reporting a denial,
    ``index.own_pairs``) takes no part either: after the agglomeration, a claim still alone joins the group of its
    strongest such partner (ties to the smallest id), if that partner is in a group of two or more. Links naming an
    unknown claim are ignored."""
    best: dict[tuple[str, str], float] = {}
    joins: list[tuple[str, str]] = []
    own: dict[str, list[tuple[float, str]]] = defaultdict(list)  # claim -> (-score, partner) within its document
    for a, b, value in scored:
        if a == b or a not in documents or b not in documents:
            continue
        if value >= MERGE:
            joins.append((a, b))
        elif documents[a] != documents[b]:
            key = (a, b) if a < b else (b, a)
            best[key] = max(value, best.get(key, value))
        else:
            own[a].append((-value, b))
            own[b].append((-value, a))
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
    owner = {c: key for key, group in members.items() for c in group}
    partner = {c: min(links)[1] for c, links in own.items()}  # the strongest, ties to the smallest id
    alone = [c for c in sorted(partner) if len(members[owner[c]]) == 1 and len(members[owner[partner[c]]]) > 1]
    for c in alone:  # decided on the groups as agglomerated, so no claim attaches through another
        members[owner[partner[c]]] += members.pop(c)
        owner[c] = owner[partner[c]]
    if not joins:
        return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
    joined = components(members, ((owner[a], owner[b]) for a, b in joins))
    return sorted((sorted(c for key in part for c in members[key]) for part in joined), key=lambda g: g[0])
