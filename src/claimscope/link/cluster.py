"""Propositions: claims linked across documents when they state the same thing.

Candidate pairs come from MinHash banding over each claim's content words and entity ids: a pair is a candidate
when some band of their signatures agrees, a property of the pair alone. Each candidate is scored exactly
(``similarity.score``) and kept at or above the threshold; propositions are the connected components of the kept
links. Nothing depends on the order claims arrive, so the propositions do not depend on the order documents were
added. Signatures use fixed hash functions (crc32 of the word, then fixed affine maps), so runs agree.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from claimscope.link.similarity import ClaimView, idf_of, score, settings

PRIME = (1 << 61) - 1
MIN_FEATURES = 3  # a claim with fewer content words and entities than this says too little to link


def _hash_functions(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20261128)  # fixed: the same signatures on every machine and run
    return (rng.integers(1, 1 << 31, size=n, dtype=np.int64), rng.integers(0, 1 << 31, size=n, dtype=np.int64))


def signature(features: Iterable[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    h = np.fromiter((zlib.crc32(f.encode("utf-8")) for f in features), dtype=np.int64)
    return ((a[:, None] * h[None, :] + b[:, None]) % PRIME).min(axis=1)


def candidate_pairs(views: list[ClaimView]) -> set[tuple[int, int]]:
    s = settings()
    a, b = _hash_functions(s.hashes)
    rows = s.hashes // s.bands
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, view in enumerate(views):
        features = view.words | {f"entity:{e}" for e in view.entities}
        if len(features) < MIN_FEATURES:
            continue
        sig = signature(sorted(features), a, b)
        for band in range(s.bands):
            buckets[(band, sig[band * rows:(band + 1) * rows].tobytes())].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if views[members[x]].document != views[members[y]].document:
                    pairs.add((members[x], members[y]))
    return pairs


def links(views: list[ClaimView]) -> list[tuple[str, str, float]]:
    """The pairs of claims (from different documents) that state the same thing, with their score."""
    threshold = settings().threshold
    idf = idf_of(v.words for v in views)  # a function of the whole set of claims, not of their order
    found = []
    for i, j in candidate_pairs(views):
        value = score(views[i], views[j], idf)
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
