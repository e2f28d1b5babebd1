"""The labelled claim pairs (issue 5) still point at the right words, and their split is fixed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED, need

PAIRS = ROOT / "tests" / "data" / "claim_pairs.json"


def test_the_pair_set_is_large_enough_and_split_once() -> None:
    data = json.loads(PAIRS.read_text())
    pairs = data["pairs"]
    labels = [p["label"] for p in pairs]
    assert len(pairs) >= 300 and labels.count("same") >= 60
    assert any(p["polarity"] == "opposite" for p in pairs)  # denials and negations are there
    dev, test = set(data["split"]["dev"]), set(data["split"]["test"])
    assert not dev & test and dev | test == {p["id"] for p in pairs}


@pytest.mark.slow
def test_every_pair_still_points_at_its_words() -> None:
    need(SHARED / "data" / "claimbuster")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "data" / "pairs_tool.py"), "check", "--shared",
                           str(SHARED)], capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"


def test_the_debate_pairs_are_labelled_once_with_their_strata() -> None:
    data = json.loads(DEBATE_PAIRS.read_text())
    pairs = data["pairs"]
    assert len(pairs) >= 2000 and len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert p["label"] in {"same", "related", "unrelated"}
        assert (p["polarity"] in {"agree", "opposite"}) == (p["label"] == "same")
        assert str(p["stratum"]) in data["strata"]
        assert p["a"][0] in data["documents"] and p["b"][0] in data["documents"]


@pytest.mark.slow
def test_every_debate_pair_points_at_a_sentence_of_its_document() -> None:
    need(SHARED / "data" / "claimbuster")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_link

    data = json.loads(DEBATE_PAIRS.read_text())
    texts = bench_link.read_texts(data["documents"], SHARED)  # exits naming the file whose sha256 changed
    for p in data["pairs"]:
        for key, start, end in (p["a"], p["b"]):
            span = texts[key][start:end]
            assert 0 <= start < end <= len(texts[key]) and span == span.strip() and len(span.split()) >= 6, p["id"]
