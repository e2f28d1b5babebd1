"""The shipped models' files (ONNX networks, tokenizers, tables), and how ONNX Runtime opens and runs a network."""

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any


def model_dir() -> Path:
    """The folder of the shipped model files."""
    return Path(str(resources.files("claimscope.models")))


def session_from(model: bytes, threads: int = 1):  # type: ignore[no-untyped-def]
    """An ONNX Runtime session on the CPU. One thread: for one short input a run a second thread costs more than
    it gives (1,282 vs 1,139 sentences/s for the check-worthiness model)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def open_files(folder: Path, names: Sequence[str]):  # type: ignore[no-untyped-def]
    """(session, tokenizer, meta) from a network's three files ``names`` (.onnx, tokenizer, .json) in ``folder``;
    the tokenizer never pads and truncates at ``meta["max_tokens"]``."""
    from tokenizers import Tokenizer

    onnx, tokenizer_file, meta_file = (folder / name for name in names)
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(int(meta["max_tokens"]))
    return session_from(onnx.read_bytes()), tokenizer, meta


def in_threads(run: Callable[[list[Any]], Sequence[Any]], items: list[Any], parallel_from: int = 64) -> list[Any]:
    """``run`` over ``items`` (a list in, one result per item out), shared among a thread per core (at most 4) when
    there are ``parallel_from`` items or more: a run of ONNX Runtime releases the GIL, and threads cost nothing to
    start. The results are the same either way."""
    threads = min(os.cpu_count() or 1, 4)
    if len(items) < parallel_from or threads < 2:
        return list(run(items))
    chunk = -(-len(items) // (threads * 8))
    with ThreadPoolExecutor(threads) as pool:
        parts = pool.map(run, [items[i:i + chunk] for i in range(0, len(items), chunk)])
        return [value for part in parts for value in part]
