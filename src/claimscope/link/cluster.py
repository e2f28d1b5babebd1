"""Propositions: claims linked across documents when they state the same thing.

Every pair of claims (from different documents) that can reach the threshold is found exactly, without scoring
all pairs: the score is at most the weighted cosine of the claims' terms, and two claims whose cosine reaches the
threshold t must share a term from the "prefix" of each, its rarest terms up to the point where the rest weighs
less than t (prefix filtering, as in Bayardo, Ma and Srikant's All-Pairs). Each claim is indexed under its prefix
terms and looked up under all its terms; each candidate is scored exactly (``similarity.score``, a function of the
two claims alone) and kept at or above the threshold. Propositions are the connected components of the kept links.
Nothing depends on the order claims arrive or on which other claims are there, so the propositions do not depend
on the order documents were added, and a link found when a document is added stays the same when others follow.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from claimscope.link.similarity import ClaimView, score, settings, term_weight

MIN_TERMS = 3  # a claim with fewer terms than this says too little to link


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


def candidate_pairs(views: list[ClaimView]) -> set[tuple[int, int]]:
    """The pairs (i, j), i < j, of claims from different documents whose cosine may reach the threshold.

    A claim is indexed under its prefix terms. Each claim x then looks up all its terms and adds, for each claim y
    indexed under one, their part of the cosine; what the lookup cannot see (terms of y's suffix) adds at most the
    norm of that suffix, so a pair is kept when the sum found plus that bound reaches the threshold."""
    threshold = settings().threshold * 0.999  # a margin for rounding
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    units: list[dict[str, float]] = []
    suffix: list[float] = []
    for i, view in enumerate(views):
        total = sum(term_weight(w) for w in view.words)
        units.append({w: math.sqrt(term_weight(w) / total) for w in view.words} if total else {})
        head, rest = prefix(view.words, threshold) if len(view.words) >= MIN_TERMS else ([], 1.0)
        suffix.append(rest)
        for w in head:
            index[w].append((i, units[i][w]))
    pairs: set[tuple[int, int]] = set()
    for x, view in enumerate(views):
        if len(view.words) < MIN_TERMS:
            continue
        found: dict[int, float] = defaultdict(float)
        for w, u in units[x].items():
            for y, v in index.get(w, ()):
                if y > x:
                    found[y] += u * v
        doc = view.document
        pairs.update((x, y) for y, value in found.items()
                     if value + suffix[y] >= threshold and views[y].document != doc)
    return pairs


def links(views: list[ClaimView]) -> list[tuple[str, str, float]]:
    """The pairs of claims (from different documents) that state the same thing, with their score."""
    threshold = settings().threshold
    found = []
    for i, j in candidate_pairs(views):
        value = score(views[i], views[j])
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
