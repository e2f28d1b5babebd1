"""Train the check-worthiness model on ClaimBuster's crowdsourced labels (``claimscope train checkworthiness``).

Needs the optional extras ``train`` (scikit-learn, for the baseline) and ``finetune`` (PyTorch and the base model,
see ``transformer``). Reproducible: the dev split is fixed by debate in a committed file
(``tests/data/claimbuster_dev_split.json``; made from its seed when absent), every random step has a fixed seed,
and the TF-IDF + logistic regression baseline runs in the same script on the same split. The model's threshold is
chosen on a few training debates held out of fine-tuning, the baseline's C and threshold by cross-validation
grouped by debate inside the training debates; the dev debates only report scores, against the crowd's labels and
against our readers' labels of a sample of them (``tests/data/claimbuster_dev_readers.json``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimscope.analyse import checkworthiness as cw
from claimscope.train import transformer

SPLIT_SEED = 20261128
DEV_FRACTION = 0.2
CSV_NAME = "datasets/crowdsourced.csv"
DEFAULT_SPLIT = Path("tests/data/claimbuster_dev_split.json")
ARTICLES_NAME = "article_sentences.json"
READERS_NAME = "claimbuster_dev_readers.json"
C_GRID = (2.0, 4.0, 8.0, 16.0)
TUNE_DEBATES = 4  # training debates held out of fine-tuning to choose the threshold
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




def readers_sentences(data_dir: Path, labels: Path) -> list[tuple[str, bool]]:
    """The dev-debate sentences our readers labelled (``claimbuster_dev_readers.json``: sentence ids of
    crowdsourced.csv and labels, no text), each with True for CFS; empty when either file is missing or the csv is
    not the one that was labelled."""
    path = data_dir / CSV_NAME
    if not labels.is_file() or not path.is_file():
        return []
    data = json.loads(labels.read_text(encoding="utf-8"))
    if hashlib.sha256(path.read_bytes()).hexdigest() != data["sha256"]:
        return []
    text = {r.sentence_id: r.text for r in read_crowdsourced(data_dir)}
    return [(text[row["id"]], row["label"] == "CFS") for row in data["sentences"]]


def tune_debates(train_ids: list[str], seed: int = SPLIT_SEED, n: int = TUNE_DEBATES) -> list[str]:
    """The training debates held out of fine-tuning to choose the threshold (derived from the split's seed)."""
    ids = sorted(train_ids)
    return sorted(ids[i] for i in np.random.default_rng(seed + 1).permutation(len(ids))[:n])


def scored(y: np.ndarray, prob: np.ndarray, threshold: float) -> dict[str, float]:
    return {**prf(y, prob >= threshold), "sentences": len(y)}


def train_checkworthiness(data_dir: Path, out_dir: Path, split_path: Path = DEFAULT_SPLIT,
                          log: Callable[[str], None] = print, work: Path | None = None) -> dict:
    """Fine-tune the model on the training debates less the tune debates, choose its threshold on those, and
    report it beside the TF-IDF + LR baseline on the dev debates (crowd labels and our readers' labels) and on
    the hand-labelled article sentences. Writes the three model files into ``out_dir``."""
    rows = read_crowdsourced(data_dir)
    split = load_split(split_path, rows)
    dev_ids, held = set(split["dev"]), set(tune_debates(split["train"], split["seed"]))
    train = [r for r in rows if r.file_id not in dev_ids]
    dev = [r for r in rows if r.file_id in dev_ids]
    fit = [r for r in train if r.file_id not in held]
    tune_rows = [r for r in train if r.file_id in held]
    cfs = lambda rs: np.array([r.verdict == 1 for r in rs])  # noqa: E731
    log(f"split {split_path}: {len(split['train'])} train debates ({len(train)} sentences; {len(held)} of them, "
        f"{len(tune_rows)} sentences, held out of fine-tuning for the threshold), {len(dev_ids)} dev debates "
        f"({len(dev)} sentences); check-worthy: {cfs(train).mean():.3f} / {cfs(dev).mean():.3f}")
    checks: dict[str, tuple[list[str], np.ndarray]] = {"dev": ([r.text for r in dev], cfs(dev))}
    readers = readers_sentences(data_dir, split_path.parent / READERS_NAME)
    if readers:
        checks["dev_readers"] = ([t for t, _ in readers], np.array([y for _, y in readers]))
    articles = article_sentences(data_dir.parent.parent / "corpus", split_path.parent / ARTICLES_NAME)
    if articles:
        checks["articles"] = ([t for t, _ in articles], np.array([label == 1 for _, label in articles]))

    name = "baseline: TF-IDF word 1-2 + LR (all training debates)"
    log(f"{name}: choosing C and threshold by {FOLDS}-fold CV grouped by debate on the training debates")
    c, base_t, cv_f1 = tune(baseline_fitter, [r.text for r in train], cfs(train), [r.file_id for r in train],
                            C_GRID, log)
    baseline = baseline_fitter([r.text for r in train], cfs(train), c)
    base_scores = {key: scored(y, baseline(texts), base_t) for key, (texts, y) in checks.items()}
    log("  " + ", ".join(f"{key} F1={s['f1']:.4f}" for key, s in base_scores.items()))

    log(f"model: {transformer.LAYERS} layers of all-MiniLM-L6-v2, fine-tuned on {len(fit)} sentences "
        f"(+ fragments) of {len(split['train']) - len(held)} debates")
    texts = [r.text for r in fit]
    extra = fragments(texts)
    with _workdir(work) as folder:
        base = transformer.base_model(folder)
        net = transformer.fine_tune(texts + extra, np.concatenate([cfs(fit), np.zeros(len(extra), bool)]), base, log)
        paths = transformer.export(net, base, out_dir, cw.MODEL_NAME)
    model = cw.load_from(paths[0].read_bytes(), paths[1].read_text(encoding="utf-8"),
                         {"max_tokens": transformer.MAX_TOKENS, "threshold": 0.5})
    tune_prob = model.predict([r.text for r in tune_rows])
    threshold = best_threshold(cfs(tune_rows), tune_prob)
    scores = {key: scored(y, model.predict(texts), threshold) for key, (texts, y) in checks.items()}
    scores["tune"] = scored(cfs(tune_rows), tune_prob, threshold)
    log(f"  threshold {threshold:.2f} (best F1 on the tune debates); "
        + ", ".join(f"{key} F1={s['f1']:.4f}" for key, s in scores.items()))
    today = dt.date.today().isoformat()
    digest = hashlib.sha256(paths[0].read_bytes()).hexdigest()[:8]  # the audit's version names the exact network
    meta = {
        "name": "claimscope check-worthiness", "version": f"{today}.{digest}", "trained": today,
        "model": f"the first {transformer.LAYERS} layers of all-MiniLM-L6-v2, mean pooling, one logistic unit; "
                 "fine-tuned, int8, run by ONNX Runtime",
        "training": transformer.settings(), "max_tokens": transformer.MAX_TOKENS, "threshold": threshold,
        "training_data": "ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020; CC BY 4.0), training debates "
                         "less the tune debates, plus heading and number fragments cut from them as negatives",
        "label": "Verdict 1 (check-worthy factual sentence) vs 0 and -1",
        "split": {"file": "tests/data/claimbuster_dev_split.json", "seed": split["seed"], "dev": split["dev"],
                  "tune": sorted(held), "fit_sentences": len(fit), "tune_sentences": len(tune_rows),
                  "dev_sentences": len(dev)},
        "threshold_rule": "best F1 on the tune debates (training debates held out of fine-tuning)",
        "scores": {**scores, **{f"baseline_{key}": s for key, s in base_scores.items()},
                   "baseline_threshold": base_t, "baseline_C": c, "baseline_cv_f1": cv_f1},
    }
    meta_path = out_dir / f"{cw.MODEL_NAME}.json"
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in (*paths, meta_path)) / 1e6
    log(f"wrote {', '.join(str(p) for p in (*paths, meta_path))} ({size:.1f} MB)")
    return meta


@contextlib.contextmanager
def _workdir(work: Path | None) -> Iterator[Path]:
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        yield work
        return
    with tempfile.TemporaryDirectory(prefix="claimscope-train-") as tmp:
        yield Path(tmp)
