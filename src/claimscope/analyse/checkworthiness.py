"""The trained check-worthiness model: a small transformer (the first layers of all-MiniLM-L6-v2, fine-tuned on
ClaimBuster's labels, quantised to int8), run by ONNX Runtime on the CPU (no PyTorch at inference).

    from claimscope.analyse import checkworthiness
    probs = checkworthiness.predict(["In 1991 the MEK helped Iraq crush the uprisings.", "Thank you."])
    claims = probs >= checkworthiness.load().threshold

The model lives in ``claimscope/models/``: ``checkworthiness.onnx`` (the network, with its sigmoid),
``checkworthiness.tokenizer.json`` (its WordPiece vocabulary, read by Hugging Face's ``tokenizers``) and
``checkworthiness.json`` (threshold, training data, split and scores). ``claimscope train checkworthiness`` makes
all three; docs/models.md is the model card.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.models import model_dir, session_from

MODEL_NAME = "checkworthiness"
FILES = (f"{MODEL_NAME}.onnx", f"{MODEL_NAME}.tokenizer.json", f"{MODEL_NAME}.json")


@dataclass(frozen=True)
class Model:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer, truncating at meta["max_tokens"]
    threshold: float
    meta: dict

    def predict(self, texts: list[str]) -> np.ndarray:
        """The probability that each text (one sentence) is a check-worthy factual claim; 0 for a blank text.

        One sentence per run: the int8 network quantises its activations per run, so in a padded batch a
        sentence's score would depend on its neighbours (by up to 0.1); alone it is also faster (no padding)."""
        out = np.zeros(len(texts), dtype=np.float64)
        for i, text in enumerate(texts):
            if text.strip():
                ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
                out[i] = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return out


def load_from(model: bytes, tokenizer_json: str, meta: dict) -> Model:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.no_padding()
    tokenizer.enable_truncation(int(meta["max_tokens"]))
    return Model(session_from(model), tokenizer, float(meta["threshold"]), meta)


def load_path(model_dir: Path) -> Model:
    onnx, tokenizer, meta = (model_dir / name for name in FILES)
    return load_from(onnx.read_bytes(), tokenizer.read_text(encoding="utf-8"),
                     json.loads(meta.read_text(encoding="utf-8")))


@functools.cache
def meta() -> dict[str, Any]:
    """The packaged model's card (its version, threshold ...), read without loading the model."""
    return json.loads((model_dir() / FILES[2]).read_text(encoding="utf-8"))


@functools.cache
def load() -> Model:
    """The packaged model (cached: loaded once per process)."""
    return load_path(model_dir())


def predict(texts: list[str]) -> np.ndarray:
    """Probabilities (0..1) from the packaged model, one per text; ``load().threshold`` is the default cut."""
    return load().predict(list(texts))


def threshold() -> float:
    return load().threshold
