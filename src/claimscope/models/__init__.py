"""The shipped models' files (ONNX networks, tokenizers, tables), and how ONNX Runtime opens a network."""

from importlib import resources
from pathlib import Path


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
