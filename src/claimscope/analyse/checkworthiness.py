"""The trained check-worthiness model: a linear model over hashed word and character n-grams plus a few
explainable surface cues, run with numpy alone (no spaCy parse, no PyTorch).

    from claimscope.analyse import checkworthiness
    probs = checkworthiness.predict(["In 1991 the MEK helped Iraq crush the uprisings.", "Thank you."])
    claims = probs >= checkworthiness.load().threshold

The model lives in ``claimscope/models/`` (``checkworthiness.npz``: weights, idf and bias; ``checkworthiness.json``:
feature settings, threshold, training data, split and scores). The same ``featurize`` code is used to train it
(``claimscope train checkworthiness``), so training and inference cannot drift apart. See docs/models.md.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_NAME = "checkworthiness"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[$%?!]")
DIGIT = re.compile(r"\d")
YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)s?\b")
NUMBER = re.compile(r"\d")
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'll|we|we're|we've|we'll|my|our|us|me)\b")
SECOND_PERSON = re.compile(r"\b(you|your|you're|you've)\b")


@dataclass(frozen=True)
class Settings:
    """How a sentence becomes features; stored with the model so that training and inference agree."""

    bits: int = 20  # hash space 2**bits
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    sublinear_tf: bool = True

    def to_json(self) -> dict[str, object]:
        return {"bits": self.bits, "word_ngrams": list(self.word_ngrams), "char_ngrams": list(self.char_ngrams),
                "sublinear_tf": self.sublinear_tf}

    @classmethod
    def from_json(cls, data: dict) -> Settings:
        return cls(int(data["bits"]), tuple(data["word_ngrams"]), tuple(data["char_ngrams"]),  # type: ignore[arg-type]
                   bool(data["sublinear_tf"]))


def cue_tokens(text: str) -> list[str]:
    """Explainable surface cues, read without a parse (the audit's features need spaCy, which is too slow
    here): length, closing punctuation, a question, a year, a number, capitalised names, first/second person."""
    stripped = text.strip()
    lower = stripped.lower()
    n_words = len(stripped.split())
    names = sum(1 for w in stripped.split()[1:] if w[:1].isupper())
    cues = [f"#len{min(n_words, 40) // 4}", f"#names{min(names, 4)}"]
    if not stripped.endswith((".", "!", "?", '"', "”", "'", "’", ")")):
        cues.append("#noend")
    if stripped.endswith("?"):
        cues.append("#question")
    if YEAR.search(stripped):
        cues.append("#year")
    if NUMBER.search(stripped):
        cues.append("#number")
    if FIRST_PERSON.search(lower):
        cues.append("#first")
    if SECOND_PERSON.search(lower):
        cues.append("#second")
    if n_words and stripped[:1].isupper() and all(w[:1].isupper() or not w[:1].isalpha() for w in stripped.split()):
        cues.append("#titlecase")
    return cues


def ngrams(text: str, settings: Settings) -> list[str]:
    """Word n-grams (digits folded to 0), character n-grams inside word boundaries, and the cue tokens."""
    lower = text.lower()
    words = [DIGIT.sub("0", w) for w in WORD.findall(lower)]
    out: list[str] = []
    lo, hi = settings.word_ngrams
    padded = ["<s>", *words, "</s>"] if hi > 1 else words
    for n in range(lo, hi + 1):
        seq = words if n == 1 else padded
        out.extend(" ".join(seq[i:i + n]) for i in range(len(seq) - n + 1))
    clo, chi = settings.char_ngrams
    if chi:
        for w in words:
            token = f" {w} "
            for n in range(clo, min(chi, len(token)) + 1):
                out.extend("~" + token[i:i + n] for i in range(len(token) - n + 1))
    out.extend(cue_tokens(text))
    return out


def featurize(text: str, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(hashed feature indices, raw counts) of one text; indices are unique."""
    mask = (1 << settings.bits) - 1
    counts: dict[int, int] = {}
    for gram in ngrams(text, settings):
        h = zlib.crc32(gram.encode("utf-8")) & mask
        counts[h] = counts.get(h, 0) + 1
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    val = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    return idx, val


def weigh(val: np.ndarray, idf: np.ndarray, idx: np.ndarray, settings: Settings) -> np.ndarray:
    """TF (sublinear) x IDF, L2-normalised."""
    tf = 1.0 + np.log(val) if settings.sublinear_tf else val
    x = tf * idf[idx]
    norm = float(np.sqrt(np.dot(x, x)))
    return x / norm if norm else x


@dataclass(frozen=True)
class Model:
    settings: Settings
    weights: np.ndarray  # float32, 2**bits
    idf: np.ndarray  # float32, 2**bits
    bias: float
    threshold: float
    meta: dict

    def decision(self, texts: list[str]) -> np.ndarray:
        out = np.empty(len(texts), dtype=np.float64)
        for i, text in enumerate(texts):
            idx, val = featurize(text, self.settings)
            out[i] = self.bias + float(np.dot(weigh(val, self.idf, idx, self.settings), self.weights[idx])) \
                if len(idx) else self.bias
        return out

    def predict(self, texts: list[str]) -> np.ndarray:
        """The probability that each text (one sentence) is a check-worthy factual claim."""
        z = self.decision(texts)
        return 1.0 / (1.0 + np.exp(-z))


def save(model_dir: Path, settings: Settings, weights: np.ndarray, idf: np.ndarray, bias: float, threshold: float,
         meta: dict) -> list[Path]:
    """Write ``checkworthiness.npz`` (float16 weights and idf, compressed) and ``checkworthiness.json``."""
    model_dir.mkdir(parents=True, exist_ok=True)
    npz = model_dir / f"{MODEL_NAME}.npz"
    with npz.open("wb") as fh:
        np.savez_compressed(fh, weights=weights.astype(np.float16), idf=idf.astype(np.float16),
                            bias=np.array([bias], dtype=np.float64))
    meta = {**meta, "threshold": threshold, "features": settings.to_json()}
    js = model_dir / f"{MODEL_NAME}.json"
    js.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [npz, js]


def load_from(npz_bytes: bytes, meta: dict) -> Model:
    with np.load(io.BytesIO(npz_bytes)) as data:
        weights = data["weights"].astype(np.float32)
        idf = data["idf"].astype(np.float32)
        bias = float(data["bias"][0])
    return Model(Settings.from_json(meta["features"]), weights, idf, bias, float(meta["threshold"]), meta)


def load_path(model_dir: Path) -> Model:
    meta = json.loads((model_dir / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    return load_from((model_dir / f"{MODEL_NAME}.npz").read_bytes(), meta)


@functools.cache
def load() -> Model:
    """The packaged model (cached: loaded once per process)."""
    package = resources.files("claimscope.models")
    meta = json.loads(package.joinpath(f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    return load_from(package.joinpath(f"{MODEL_NAME}.npz").read_bytes(), meta)


def predict(texts: list[str]) -> np.ndarray:
    """Probabilities (0..1) from the packaged model, one per text; ``load().threshold`` is the default cut."""
    return load().predict(list(texts))


def threshold() -> float:
    return load().threshold
