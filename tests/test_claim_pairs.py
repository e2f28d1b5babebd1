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
