"""Claim vectors: a sentence encoder that maps a claim to a unit vector, so that two claims stating the same
proposition (in other words, or one denying the other) lie close. The cosine of two vectors ranks the claims that
may state a proposition for a reviewer (``suggest``); it does not link claims (benchmarks/HISTORY.md, seventeenth
session: it also puts claims about the same thing close together).

all-MiniLM-L6-v2, fine-tuned on the written groups of paraphrases, denials and related sentences and on labelled
debate pairs (``benchmarks/vectors_model.py``; docs/models.md is the model card), mean-pooled and normalised. Int8
weights, run by ONNX Runtime on the CPU, one text per run: a padded batch would quantise a text's activations with
its neighbours', so a claim's vector is a function of its text alone, whatever else is embedded with it. Many
texts are embedded in a thread per core on one session (a run releases the GIL).

The model lives in ``claimscope/models/``: ``vectors.onnx``, ``vectors.tokenizer.json``, ``vectors.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.models import in_threads, model_dir, open_files

FILES = ("vectors.onnx", "vectors.tokenizer.json", "vectors.json")
PARALLEL_FROM = 64  # texts; below this, one thread
DTYPE = np.float32  # as vectors are stored (``to_bytes``), so a stored vector ranks as a fresh one


@dataclass(frozen=True)
class Encoder:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer, truncating at meta["max_tokens"]
    meta: dict

    @property
    def dimensions(self) -> int:
        return int(self.meta["dimensions"])

    def vector(self, text: str) -> np.ndarray:
        enc = self.tokenizer.encode(text)
        feed = {"input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64)}
        return self.session.run(None, feed)[0][0].astype(DTYPE)

    def vectors(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vector(t) for t in texts]) if texts else np.zeros((0, self.dimensions), DTYPE)


def load_path(folder: Path) -> Encoder:
    return Encoder(*open_files(folder, FILES))


@functools.cache
def load() -> Encoder:
    """The packaged encoder (loaded once per process)."""
    return load_path(model_dir())


def embed(texts: list[str]) -> np.ndarray:
    """The unit vector of each text (rows, float32), in a thread per core when there are many (the vectors are
    the same either way); each distinct text is embedded once."""
    encoder = load()
    distinct = sorted(set(texts))
    found = in_threads(encoder.vectors, distinct, PARALLEL_FROM)
    row = {t: i for i, t in enumerate(distinct)}
    return np.stack([found[row[t]] for t in texts]) if texts else np.zeros((0, encoder.dimensions), DTYPE)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=DTYPE)
