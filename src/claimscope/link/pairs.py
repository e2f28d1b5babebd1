"""The pair model: a small cross-encoder that reads two claims together and says how likely they state the same
proposition (0..1). It sees what a bag of terms cannot: who acts, the predicate, a claim and its denial.

Three layers of all-MiniLM-L6-v2 reading "[CLS] a [SEP] b [SEP]", mean-pooled, one logistic unit; distilled from
a 6-layer model trained on written groups of paraphrases, denials and related sentences and on labelled debate
pairs (``benchmarks/pair_model.py``; docs/models.md is the model card). Int8 weights, run by ONNX Runtime on the
CPU, one pair per run (a padded batch would quantise a pair's activations with its neighbours'), the two texts in
sorted order: a pair's score is a function of its two texts alone, whatever order they come in. Many pairs are
scored in a thread per core on one session: a run releases the GIL, and threads cost nothing to start (worker
processes took about 4 s to start and import).

The model lives in ``claimscope/models/``: ``pairs.onnx``, ``pairs.tokenizer.json``, ``pairs.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.models import in_threads, model_dir, open_files

FILES = ("pairs.onnx", "pairs.tokenizer.json", "pairs.json")
PARALLEL_FROM = 64  # pairs; below this, one thread


@dataclass(frozen=True)
class PairModel:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer, truncating the pair at meta["max_tokens"]
    meta: dict

    def score(self, a: str, b: str) -> float:
        """How likely the two texts state the same proposition, 0..1 (rounded to 4 places, as link scores are)."""
        first, second = sorted((a, b))
        enc = self.tokenizer.encode(first, second)
        feed = {"input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([enc.type_ids], dtype=np.int64)}
        return round(float(self.session.run(None, feed)[0][0]), 4)

    def score_all(self, pairs: list[tuple[str, str]]) -> list[float]:
        return [self.score(a, b) for a, b in pairs]


def load_path(folder: Path) -> PairModel:
    return PairModel(*open_files(folder, FILES))


@functools.cache
def load() -> PairModel:
    """The packaged model (loaded once per process)."""
    return load_path(model_dir())


def score_pairs(pairs: list[tuple[str, str]]) -> list[float]:
    """Each pair's score by the packaged model, in a thread per core when there are many (the scores are the same
    either way)."""
    return in_threads(load().score_all, pairs, PARALLEL_FROM)
