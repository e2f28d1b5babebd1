"""Sentences per second of the check-worthiness model (`claimscope score`'s detector) on one core, next to the
TF-IDF + logistic regression baseline's speed and both models' dev F1, in one run.

Threads are pinned to 1 (OPENBLAS/OMP/MKL env set before numpy loads). The baseline needs scikit-learn (the
optional extra `train`); without it only the model is timed. `--kind` also times the kind of each claim (the
spaCy parse `claimscope score` runs by default). Results are printed, never asserted.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CSV = Path("data/claimbuster/datasets/crowdsourced.csv")


def f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(pred & y))
    return 2 * tp / max(float(pred.sum() + y.sum()), 1.0)


def timed(fn, texts: list[str], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding data/claimbuster")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side; the best counts (default 3)")
    parser.add_argument("--kind", action="store_true", help="also time score with the kind of each claim (spaCy)")
    args = parser.parse_args(argv)
    path = args.shared / CSV
    if not path.is_file():
        print(f"bench_score: {path} not found (pass --shared DIR)", file=sys.stderr)
        return 2
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    split = json.loads((ROOT / "tests" / "data" / "claimbuster_dev_split.json").read_text())
    texts = [r["Text"] for r in rows]
    dev = [r for r in rows if r["File_id"] in set(split["dev"])]
    train = [r for r in rows if r["File_id"] not in set(split["dev"])]
    y_dev = np.array([r["Verdict"] == "1" for r in dev])

    from claimscope.analyse import checkworthiness as cw

    start = time.perf_counter()
    model = cw.load()
    load_s = time.perf_counter() - start
    table: list[tuple[str, float, float | str]] = []
    rate, _ = timed(model.predict, texts, args.repeat)
    table.append(("model (int8 MiniLM, 3 layers, ONNX Runtime)", rate, f1(y_dev, model.predict([r["Text"] for r in dev])
                                                            >= model.threshold)))
    if args.kind:
        from claimscope.cli.score import score_batch

        rate, _ = timed(lambda xs: score_batch(xs, model.threshold, True), texts, 1)
        table.append(("score with --kind (spaCy parse of claims)", rate, "same"))
    try:
        from claimscope.train import baseline_fitter
    except ImportError:  # pragma: no cover
        baseline_fitter = None
    try:
        import sklearn  # noqa: F401
    except ImportError:
        baseline_fitter = None
    if baseline_fitter is not None:
        scores = model.meta["scores"]
        predict = baseline_fitter([r["Text"] for r in train], np.array([r["Verdict"] == "1" for r in train]),
                                  float(scores["baseline_C"]))
        rate, _ = timed(predict, texts, args.repeat)
        table.append(("baseline (TF-IDF + LR, scikit-learn)", rate,
                      f1(y_dev, predict([r["Text"] for r in dev]) >= float(scores["baseline_threshold"]))))
    print(f"{len(texts)} sentences (ClaimBuster crowdsourced), one thread; model loads in {load_s * 1000:.0f} ms")
    print(f"{'detector':<44} {'sentences/s':>12} {'dev F1':>8}")
    for name, rate, score in table:
        shown = f"{score:.4f}" if isinstance(score, float) else score
        print(f"{name:<44} {rate:>12,.0f} {shown:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
