"""The trained check-worthiness model (claimscope.analyse.checkworthiness) and `claimscope score`."""

from __future__ import annotations

import csv
import json
import time
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimscope import train
from claimscope.analyse import checkworthiness as cw
from claimscope.cli.score import app
from claimscope.errors import InputError
from claimscope.ingest.text import normalize_text, sha256_text, split_front_matter
from conftest import ROOT, SHARED, need

SPLIT = ROOT / "tests" / "data" / "claimbuster_dev_split.json"
ARTICLES = ROOT / "tests" / "data" / "article_sentences.json"
READERS = ROOT / "tests" / "data" / "claimbuster_dev_readers.json"
FACTUAL = [
    "In 1991, the MEK assisted Saddam Hussein's forces in suppressing the Kurdish and Shia uprisings in Iraq.",
    "Unemployment rose from 5.2 percent to 7.8 percent between January 2008 and March 2009.",
    "The State Department designated the group a Foreign Terrorist Organization in 1997.",
]
NOT_CLAIMS = ["Thank you very much.", "You may also like", "Leave a Comment", "Good evening, everyone."]


def f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(pred & y))
    return 2 * tp / (float(pred.sum()) + float(y.sum())) if pred.any() or y.any() else 1.0


def test_model_loads_fast_and_is_small() -> None:
    cw.load.cache_clear()
    start = time.perf_counter()
    model = cw.load()
    assert time.perf_counter() - start < 1.0
    assert cw.load() is model  # cached
    folder = resources.files("claimscope.models")
    size = sum(folder.joinpath(name).stat().st_size for name in cw.FILES)  # type: ignore[attr-defined]
    assert size <= 30 * 1024 * 1024
    assert 0.0 < model.threshold < 1.0
    meta = model.meta
    assert meta["scores"]["dev"]["f1"] > meta["scores"]["baseline_dev"]["f1"]
    assert not set(meta["split"]["tune"]) & set(meta["split"]["dev"])
    assert meta["split"]["dev"] == json.loads(SPLIT.read_text())["dev"]


def test_sentences_a_user_would_notice() -> None:
    probs = cw.predict(FACTUAL + NOT_CLAIMS)
    cut = cw.threshold()
    assert all(p >= cut for p in probs[:len(FACTUAL)]), probs
    assert all(p < cut for p in probs[len(FACTUAL):]), probs
    assert probs.shape == (len(FACTUAL) + len(NOT_CLAIMS),)
    assert ((probs >= 0) & (probs <= 1)).all()


def test_deterministic_and_batch_independent() -> None:
    texts = FACTUAL + NOT_CLAIMS + ["", "   "]
    together = cw.predict(texts)
    alone = np.array([cw.predict([t])[0] for t in texts])
    assert np.array_equal(together, cw.predict(texts))
    assert np.array_equal(together, alone)  # a score does not depend on the other sentences of the call
    assert cw.predict([]).shape == (0,)


@pytest.mark.slow
def test_dev_f1_reproduced_from_the_split_file() -> None:
    data = need(SHARED / "data" / "claimbuster" / "datasets" / "crowdsourced.csv")
    split = json.loads(SPLIT.read_text())
    assert len(split["dev"]) == 7 and not set(split["dev"]) & set(split["train"])
    with data.open(encoding="utf-8", newline="") as fh:
        dev = [r for r in csv.DictReader(fh) if r["File_id"] in set(split["dev"])]
    model = cw.load()
    y = np.array([r["Verdict"] == "1" for r in dev])
    score = f1(y, model.predict([r["Text"] for r in dev]) >= model.threshold)
    assert len(dev) == model.meta["split"]["dev_sentences"]
    assert score >= model.meta["scores"]["dev"]["f1"] - 0.005


def test_readers_labels_are_a_dev_sample_and_reproduce_the_recorded_figure() -> None:
    folder = need(SHARED / "data" / "claimbuster")
    readers = json.loads(READERS.read_text())
    split = json.loads(SPLIT.read_text())
    with (folder / "datasets" / "crowdsourced.csv").open(encoding="utf-8", newline="") as fh:
        debate = {int(r["Sentence_id"]): r["File_id"] for r in csv.DictReader(fh)}
    rows = readers["sentences"]
    assert len(rows) == 600 and len({r["id"] for r in rows}) == 600
    assert all(debate[r["id"]] in split["dev"] for r in rows)
    for r in rows:  # the two readings when they agree, else the third
        first, second, *third = r["readers"]
        assert r["label"] == (first if first == second else third[0]) and r["label"] in {"CFS", "UFS", "NFS"}
    labelled = train.readers_sentences(folder, READERS)
    assert len(labelled) == 600
    model = cw.load()
    y = np.array([cfs for _, cfs in labelled])
    score = f1(y, model.predict([t for t, _ in labelled]) >= model.threshold)
    assert abs(score - model.meta["scores"]["dev_readers"]["f1"]) < 0.005


def article_sentences() -> list[tuple[str, int]]:
    """The hand-labelled article sentences (stored by file, sha256 and offsets, not text)."""
    corpus = need(SHARED / "corpus" / "mek-iraq")
    labelled = json.loads(ARTICLES.read_text())
    out: list[tuple[str, int]] = []
    for doc in labelled["documents"]:
        text = normalize_text(split_front_matter((corpus / doc["file"]).read_text(encoding="utf-8"))[1])
        assert sha256_text(text) == doc["sha256"], f"{doc['file']} changed since it was labelled"
        out.extend((text[start:end], label) for start, end, label in doc["sentences"])
    return out


def test_articles_headings_low_claims_high() -> None:
    labelled = article_sentences()
    model = cw.load()
    y = np.array([label == 1 for _, label in labelled])
    pred = model.predict([t for t, _ in labelled]) >= model.threshold
    # 109 sentences: one sentence near the threshold is worth 0.01, and int8 kernels differ by CPU (0.868 where the
    # model was trained, 0.857 on an AVX2-only AMD EPYC)
    assert f1(y, pred) >= model.meta["scores"]["articles"]["f1"] - 0.02


runner = CliRunner()


def test_score_command_text_and_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "sentences.txt"
    source.write_text("\n".join([FACTUAL[0], "Thank you very much.", ""]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == [FACTUAL[0], "Thank you very much.", ""]
    assert rows[0]["is_claim"] and rows[0]["kind"] in {"event", "relation", "causal", "quantity", "evidence",
                                                        "assessment"}
    assert not rows[1]["is_claim"] and rows[1]["kind"] is None and rows[2]["checkworthiness"] == 0.0
    assert rows[0]["checkworthiness"] == round(float(cw.predict([FACTUAL[0]])[0]), 4)
    text = runner.invoke(app, ["score", "-", "--no-kind"], input=FACTUAL[1] + "\nThank you.\n")
    lines = text.stdout.splitlines()
    assert len(lines) == 2 and "claim" in lines[0] and lines[0].endswith(FACTUAL[1]) and " -  " in lines[1]


def test_score_command_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["score", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and isinstance(missing.exception, InputError)
    assert "no such file" in str(missing.exception)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("fine line\ncaf\xe9 cr\xe8me\n".encode("latin-1"))
    result = runner.invoke(app, ["score", str(bad)])
    assert isinstance(result.exception, InputError)
    assert "line 2 is not valid UTF-8" in str(result.exception)
    # a PDF or a binary file is named as one, not as "line 2 is not valid UTF-8"
    pdf, blob = tmp_path / "report.pdf", tmp_path / "blob.txt"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    blob.write_bytes(b"\x00\x01\x02 binary\n")
    for path, problem in ((pdf, "is a PDF, not text with one sentence a line"),
                          (blob, "line 1 has NUL bytes: a binary file, not text")):
        refused = runner.invoke(app, ["score", str(path)])
        assert isinstance(refused.exception, InputError) and f"{path}: {problem}" in str(refused.exception)


def test_tune_debates_are_the_recorded_ones_and_outside_dev() -> None:
    split = json.loads(SPLIT.read_text())
    tune = train.tune_debates(split["train"], split["seed"])
    assert tune == cw.load().meta["split"]["tune"] and len(tune) == train.TUNE_DEBATES
    assert set(tune) <= set(split["train"])


def test_readers_labels_ignored_when_the_csv_is_not_the_labelled_one(tmp_path: Path) -> None:
    source = need(SHARED / "data" / "claimbuster" / "datasets" / "crowdsourced.csv")
    (tmp_path / "datasets").mkdir()
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "datasets" / "crowdsourced.csv").write_text("".join(lines[:-1]), encoding="utf-8")  # one row less
    assert train.readers_sentences(tmp_path, READERS) == []
    assert train.readers_sentences(tmp_path, tmp_path / "absent.json") == []


def test_train_without_the_finetune_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    result = runner.invoke(app, ["train", "checkworthiness", "--data", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "torch is not installed (extra 'finetune')" in str(result.exception)
    assert not any(tmp_path.iterdir())  # nothing written
