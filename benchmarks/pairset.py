"""The labelled claim pairs (`tests/data/claim_pairs.json`) and the measures taken on them.

Reading the set (each pair's two spans cut from documents checked against their sha256), its dev and test halves and
its first annotator's labels; precision, recall and F1 at a threshold, the dev rule that chooses a threshold (the
highest recall at precision >= TARGET_P, else the best F1), recall at a precision and average precision. Shared by
bench_link.py, pair_features.py, pair_model.py, bench_cluster.py and the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "claim_pairs.json"
DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"
FRESH_PAIRS = ROOT / "tests" / "data" / "claim_pairs_fresh.json"  # a test set only (claim_pairs_fresh.md)
FRESH2_PAIRS = ROOT / "tests" / "data" / "claim_pairs_fresh2.json"  # the second one (claim_pairs_fresh2.md)
FRESH3_PAIRS = ROOT / "tests" / "data" / "claim_pairs_fresh3.json"  # the third, debates only (claim_pairs_fresh3.md)
TARGET_P = 0.8


def read_texts(documents: dict, shared: Path) -> dict[str, str]:
    """The text of each document a pair file names, checked against its sha256."""
    from claimscope.ingest import read_source
    from claimscope.settings import Settings

    texts = {}
    for key, doc in documents.items():
        base = shared if doc.get("root", "shared") == "shared" else PAIRS.parent
        path = base / doc["file"]
        if not path.is_file():
            raise SystemExit(f"bench_link: {path} not found (pass --shared DIR)")
        document = read_source(str(path), Settings())
        if document.sha256 != doc["sha256"]:
            raise SystemExit(f"bench_link: {path} has changed (sha256 {document.sha256[:12]}, "
                             f"expected {doc['sha256'][:12]}); the pairs no longer point at the right words")
        texts[key] = document.text
    return texts


def load_pairs(shared: Path, path: Path = PAIRS) -> tuple[dict, list[str], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = read_texts(data["documents"], shared)
    a = [texts[p["a"]["doc"]][p["a"]["start"]:p["a"]["end"]] for p in data["pairs"]]
    b = [texts[p["b"]["doc"]][p["b"]["start"]:p["b"]["end"]] for p in data["pairs"]]
    return data, a, b


def first_reading(data: dict) -> dict:
    """The pair set with each pair's label as its first annotator gave it, before the second and third readings."""
    def first(p: dict) -> dict:
        label, _, polarity = p["readings"][0].partition("/")
        return {**p, "label": label, "polarity": polarity or None}

    return {**data, "pairs": [first(p) for p in data["pairs"]]}


def halves(data: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dev_ids = set(data["split"]["dev"])
    dev = np.array([p["id"] in dev_ids for p in data["pairs"]])
    gold = np.array([p["label"] == "same" for p in data["pairs"]])
    return dev, ~dev, gold


def prf(scores: np.ndarray, gold: np.ndarray, threshold: float) -> tuple[float, float, float]:
    pred = scores >= threshold
    tp = float(np.sum(pred & gold))
    p = tp / pred.sum() if pred.sum() else 1.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def operating_points(scores: np.ndarray, gold: np.ndarray) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, f1) at every distinct score."""
    return [(float(t), *prf(scores, gold, float(t))) for t in np.unique(scores)]


def choose_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, str]:
    points = operating_points(scores, gold)
    ok = [pt for pt in points if pt[1] >= TARGET_P and pt[2] > 0]
    if ok:
        best = max(ok, key=lambda pt: (pt[2], pt[1]))
        return best[0], f"P>={TARGET_P} on dev"
    best = max(points, key=lambda pt: (pt[3], pt[1]))
    return best[0], "best F1 on dev"


def recall_at_precision(scores: np.ndarray, gold: np.ndarray, target: float = TARGET_P) -> float:
    ok = [r for _, p, r, _ in operating_points(scores, gold) if p >= target]
    return max(ok, default=0.0)


def average_precision(scores: np.ndarray, gold: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(gold, scores))
