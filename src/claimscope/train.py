"""Train the check-worthiness model on ClaimBuster's crowdsourced labels (``claimscope train checkworthiness``).

Needs the optional extra ``train`` (scikit-learn). Reproducible: the dev split is fixed by debate in a committed
file (``tests/data/claimbuster_dev_split.json``; made from its seed when absent), every random step has a fixed
seed, and the TF-IDF + logistic regression baseline runs in the same script on the same split. Hyper-parameters
(C) and the threshold are chosen by cross-validation grouped by debate *inside the training debates*; the dev
debates are only used to report scores. The shipped model is trained on the training debates alone, so its dev
score can be reproduced from the split file (tests/test_checkworthiness.py does).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimscope.analyse import checkworthiness as cw

SPLIT_SEED = 20261128
DEV_FRACTION = 0.2
CSV_NAME = "datasets/crowdsourced.csv"
DEFAULT_SPLIT = Path("tests/data/claimbuster_dev_split.json")
ARTICLES_NAME = "article_sentences.json"
C_GRID = (2.0, 4.0, 8.0, 16.0)
MODEL_C_GRID = (1.0, 2.0, 4.0)
FOLDS = 4
AUGMENT = 3000  # training sentences sampled for heading and number-fragment negatives


@dataclass(frozen=True)
class Row:
    sentence_id: int
    text: str
    file_id: str
    verdict: int


def read_crowdsourced(data_dir: Path) -> list[Row]:
    path = data_dir / CSV_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found (--data is the ClaimBuster folder that holds {CSV_NAME})")
    with path.open(encoding="utf-8", newline="") as fh:
        return [Row(int(r["Sentence_id"]), r["Text"], r["File_id"], int(r["Verdict"])) for r in csv.DictReader(fh)]


def make_split(file_ids: list[str], seed: int = SPLIT_SEED, fraction: float = DEV_FRACTION) -> dict[str, object]:
    ids = sorted(set(file_ids))
    order = np.random.default_rng(seed).permutation(len(ids))
    n_dev = round(len(ids) * fraction)
    dev = sorted(ids[i] for i in order[:n_dev])
    return {"dataset": "ClaimBuster crowdsourced.csv (File_id = debate)", "seed": seed, "dev_fraction": fraction,
            "rule": "sorted File_ids, numpy.random.default_rng(seed).permutation, the first round(n*fraction) are dev",
            "dev": dev, "train": [i for i in ids if i not in dev]}


def load_split(path: Path, rows: list[Row]) -> dict:
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    split = make_split([r.file_id for r in rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
    return split


def article_sentences(corpus: Path, labels: Path) -> list[tuple[str, int]]:
    """The hand-labelled article sentences (file, sha256 of the ingested text, offsets, label), read from the
    corpus; empty when either is missing or a file changed since it was labelled."""
    from claimscope.ingest.text import normalize_text, sha256_text, split_front_matter

    if not labels.is_file():
        return []
    out: list[tuple[str, int]] = []
    for doc in json.loads(labels.read_text(encoding="utf-8"))["documents"]:
        for folder in sorted(p for p in corpus.glob("*") if p.is_dir()):
            if (folder / doc["file"]).is_file():
                text = normalize_text(split_front_matter((folder / doc["file"]).read_text(encoding="utf-8"))[1])
                if sha256_text(text) == doc["sha256"]:
                    out.extend((text[a:b], label) for a, b, label in doc["sentences"])
                break
    return out


def prf(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = int(np.sum(pred & y))
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(y.sum()), 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4)}


def best_threshold(y: np.ndarray, prob: np.ndarray) -> float:
    grid = np.round(np.arange(0.2, 0.71, 0.01), 2)
    return float(max(grid, key=lambda t: (prf(y, prob >= t)["f1"], -abs(t - 0.5))))


def hashed_matrix(texts: list[str], settings: cw.Settings):  # -> scipy.sparse.csr_matrix of raw counts
    from scipy.sparse import csr_matrix

    feats = [cw.featurize(t, settings) for t in texts]
    indptr = np.cumsum([0] + [len(i) for i, _ in feats])
    idx = np.concatenate([i for i, _ in feats]) if feats else np.zeros(0, np.int64)
    val = np.concatenate([v for _, v in feats]) if feats else np.zeros(0, np.float32)
    return csr_matrix((val, idx, indptr), shape=(len(texts), 1 << settings.bits), dtype=np.float32)


def tfidf(counts, idf: np.ndarray, settings: cw.Settings):
    from sklearn.preprocessing import normalize

    x = counts.copy()
    if settings.sublinear_tf:
        x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf[None, :]).tocsr()
    return normalize(x, norm="l2", copy=False)


def fit_idf(counts) -> np.ndarray:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)


Fitter = Callable[[list[str], np.ndarray, float], Callable[[list[str]], np.ndarray]]


def fragments(texts: list[str], n: int = AUGMENT, seed: int = 0) -> list[str]:
    """Negatives for what debates lack and articles have: headings and table cells. From a seeded sample of
    training sentences: their first 1-6 words without closing punctuation ("Collaboration with Saddam"),
    and a number with the word after it ("300,000", "5,000 killed")."""
    rng = np.random.default_rng(seed)
    out: list[str] = []
    for i in rng.choice(len(texts), size=min(n, len(texts)), replace=False):
        words = texts[i].split()
        if not words:
            continue
        out.append(" ".join(words[:int(rng.integers(1, 7))]).rstrip(".,;:!?\"'”’-"))
        nums = [j for j, w in enumerate(words) if any(ch.isdigit() for ch in w)]
        if nums:
            j = nums[int(rng.integers(len(nums)))]
            out.append(" ".join(words[j:j + int(rng.integers(1, 3))]).rstrip(".,;:!?\"'”’-"))
    return [t for t in out if t]


def fit_hashed(texts: list[str], y: np.ndarray, c: float, settings: cw.Settings | None = None) -> tuple:
    from sklearn.linear_model import LogisticRegression

    settings = settings or cw.Settings()
    extra = fragments(texts)
    texts, y = texts + extra, np.concatenate([y, np.zeros(len(extra), dtype=bool)])
    counts = hashed_matrix(texts, settings)
    idf = fit_idf(counts)
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0)
    clf.fit(tfidf(counts, idf, settings), y)
    weights = clf.coef_[0].astype(np.float32)
    return settings, weights, idf, float(clf.intercept_[0])


def hashed_fitter(texts: list[str], y: np.ndarray, c: float) -> Callable[[list[str]], np.ndarray]:
    settings, weights, idf, bias = fit_hashed(texts, y, c)
    model = cw.Model(settings, weights.astype(np.float16).astype(np.float32),
                     idf.astype(np.float16).astype(np.float32), bias, 0.5, {})
    return model.predict


def baseline_fitter(texts: list[str], y: np.ndarray, c: float) -> Callable[[list[str]], np.ndarray]:
    """The field's baseline: TF-IDF (word 1-2 grams, sublinear tf) + logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                         LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0))
    pipe.fit(texts, y)
    return lambda xs: pipe.predict_proba(xs)[:, 1]


def tune(fitter: Fitter, texts: list[str], y: np.ndarray, groups: list[str], grid: tuple[float, ...],
         log: Callable[[str], None]) -> tuple[float, float, float]:
    """(C, threshold, out-of-fold F1) by cross-validation grouped by debate over the training debates."""
    from sklearn.model_selection import GroupKFold

    best = (grid[0], 0.5, -1.0)
    for c in grid:
        oof = np.zeros(len(texts))
        for tr, te in GroupKFold(n_splits=FOLDS).split(texts, y, groups):
            predict = fitter([texts[i] for i in tr], y[tr], c)
            oof[te] = predict([texts[i] for i in te])
        t = best_threshold(y, oof)
        f1 = prf(y, oof >= t)["f1"]
        log(f"    C={c:<5g} cv F1={f1:.4f} at threshold {t:.2f}")
        if f1 > best[2]:
            best = (c, t, f1)
    return best


def train_checkworthiness(data_dir: Path, out_dir: Path, split_path: Path = DEFAULT_SPLIT,
                          log: Callable[[str], None] = print) -> dict:
    rows = read_crowdsourced(data_dir)
    split = load_split(split_path, rows)
    dev_ids = set(split["dev"])
    train = [r for r in rows if r.file_id not in dev_ids]
    dev = [r for r in rows if r.file_id in dev_ids]
    x_tr, x_dev = [r.text for r in train], [r.text for r in dev]
    y_tr = np.array([r.verdict == 1 for r in train])
    y_dev = np.array([r.verdict == 1 for r in dev])
    groups = [r.file_id for r in train]
    log(f"split {split_path}: {len(split['train'])} train debates ({len(train)} sentences), "
        f"{len(dev_ids)} dev debates ({len(dev)} sentences); check-worthy: {y_tr.mean():.3f} / {y_dev.mean():.3f}")
    results: dict[str, dict] = {}
    predictors = []
    candidates = (("baseline: TF-IDF word 1-2 + LR", baseline_fitter, C_GRID),
                  ("model: hashed word+char n-grams + cues + fragments + LR", hashed_fitter, MODEL_C_GRID))
    for name, fitter, grid in candidates:
        log(f"{name}: choosing C and threshold by {FOLDS}-fold CV grouped by debate on the training debates")
        c, t, cv_f1 = tune(fitter, x_tr, y_tr, groups, grid, log)
        predictors.append(fitter(x_tr, y_tr, c))
        prob = predictors[-1](x_dev)
        scores = {"C": c, "threshold": t, "cv_f1": cv_f1, "dev": prf(y_dev, prob >= t),
                  "dev_at_0.5": prf(y_dev, prob >= 0.5)}
        results[name] = scores
        log(f"  dev F1={scores['dev']['f1']:.4f} P={scores['dev']['precision']:.4f} R={scores['dev']['recall']:.4f}"
            f" (C={c:g}, threshold {t:.2f})")
    base, ours = results.values()
    settings, weights, idf, bias = fit_hashed(x_tr, y_tr, ours["C"])
    meta = {
        "name": "claimscope check-worthiness", "version": dt.date.today().isoformat(),
        "trained": dt.date.today().isoformat(),
        "model": "logistic regression over hashed (crc32) word 1-2 grams, char 2-5 grams within words and surface "
                 "cues, sublinear TF x IDF, L2-normalised; numpy inference",
        "training_data": "ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020; CC BY 4.0), training debates only, "
                         "plus heading and number fragments cut from them as negatives",
        "label": "Verdict 1 (check-worthy factual sentence) vs 0 and -1",
        "split": {"file": "tests/data/claimbuster_dev_split.json", "seed": split["seed"], "dev": split["dev"],
                  "train_sentences": len(train), "dev_sentences": len(dev)},
        "C": ours["C"], "threshold_rule": f"best out-of-fold F1 in {FOLDS}-fold CV grouped by debate (train only)",
        "scores": {"dev": ours["dev"], "dev_at_0.5": ours["dev_at_0.5"], "cv_f1": ours["cv_f1"],
                   "baseline_dev": base["dev"], "baseline_threshold": base["threshold"], "baseline_C": base["C"]},
    }
    articles = article_sentences(data_dir.parent.parent / "corpus", split_path.parent / ARTICLES_NAME)
    if articles:
        y_art = np.array([label == 1 for _, label in articles])
        meta["scores"]["baseline_articles"] = prf(y_art, predictors[0]([t for t, _ in articles]) >= base["threshold"])
        meta["scores"]["articles"] = prf(y_art, predictors[1]([t for t, _ in articles]) >= ours["threshold"])
        meta["scores"]["articles"]["sentences"] = len(articles)
        log(f"articles ({len(articles)} hand-labelled sentences): "
            f"baseline F1={meta['scores']['baseline_articles']['f1']:.4f}, "
            f"model F1={meta['scores']['articles']['f1']:.4f}")
    paths = cw.save(out_dir, settings, weights, idf, bias, ours["threshold"], meta)
    shipped = cw.load_path(out_dir)
    f1 = prf(y_dev, shipped.predict(x_dev) >= shipped.threshold)
    log(f"wrote {', '.join(str(p) for p in paths)} ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB); "
        f"shipped model dev F1={f1['f1']:.4f}")
    return meta
