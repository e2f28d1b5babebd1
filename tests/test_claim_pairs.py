"""The labelled claim pairs (issue 5) still point at the right words, and their split is fixed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_every_pair_has_three_readings_and_the_label_most_of_them_give() -> None:
    pairs = json.loads(PAIRS.read_text())["pairs"]
    later = json.loads((ROOT / "tests" / "data" / "claim_pairs_readings.json").read_text())["readings"]
    assert set(later) == {p["id"] for p in pairs}
    for p in pairs:
        readings = p["readings"]
        assert len(readings) == 3 and readings[1:] == later[p["id"]], p["id"]
        labels = [r.split("/")[0] for r in readings]
        assert labels.count(p["label"]) >= 2, p["id"]
        if p["label"] == "same":
            polarities = [r.split("/")[1] for r in readings if r.startswith("same/")]
            assert polarities.count(p["polarity"]) * 2 >= len(polarities), p["id"]


@pytest.mark.slow
def test_every_pair_still_points_at_its_words() -> None:
    need(SHARED / "data" / "claimbuster")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "data" / "pairs_tool.py"), "check", "--shared",
                           str(SHARED)], capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


FRESH_SETS = {name: ROOT / "tests" / "data" / f"claim_pairs_{name}.json" for name in ("fresh", "fresh2", "fresh3")}


@pytest.mark.parametrize("name", FRESH_SETS)
def test_a_fresh_set_is_a_test_set_labelled_by_three_blind_readings(name: str) -> None:
    path = FRESH_SETS[name]
    data = json.loads(path.read_text())
    pairs = data["pairs"]
    readings = json.loads(path.with_name(path.stem + "_readings.json").read_text())["readings"]
    labels = [p["label"] for p in pairs]
    assert len(pairs) >= 200 and labels.count("same") >= 60
    assert any(p["polarity"] == "opposite" for p in pairs)
    assert data["split"]["dev"] == [] and data["split"]["test"] == [p["id"] for p in pairs]  # never tuned on
    assert set(readings) == {p["id"] for p in pairs}
    for p in pairs:
        assert p["readings"] == readings[p["id"]] and len(p["readings"]) == 3, p["id"]
        assert [r.split("/")[0] for r in p["readings"]].count(p["label"]) >= 2, p["id"]  # the finder's does not count


def spans(path: Path) -> set[tuple[str, int]]:
    data = json.loads(path.read_text())
    found = set()
    for p in data["pairs"]:
        for side in (p["a"], p["b"]):
            key, start = (side["doc"], side["start"]) if isinstance(side, dict) else (side[0], side[1])
            found.add((data["documents"][key]["file"], start))
    return found


def test_the_fresh_sets_share_no_sentence_with_the_pairs_used_for_tuning_or_training_or_each_other() -> None:
    old = spans(PAIRS) | spans(DEBATE_PAIRS)
    for line in PAIR_GROUPS.read_text().splitlines():
        seed = json.loads(line)["S"]
        if isinstance(seed, dict):
            old.add((seed["file"], seed["start"]))
    fresh = [spans(path) for path in FRESH_SETS.values()]
    assert all(fresh)
    for i, one in enumerate(fresh):
        assert not one & old and not any(one & other for other in fresh[i + 1:])


@pytest.mark.slow
@pytest.mark.parametrize("name", FRESH_SETS)
def test_every_fresh_pair_still_points_at_its_words(name: str) -> None:
    need(SHARED / "data" / "claimbuster")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "data" / "pairs_tool.py"), "check", "--set", name,
                           "--shared", str(SHARED)], capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


DEBATE_PAIRS = ROOT / "tests" / "data" / "debate_pairs.json"
PAIR_GROUPS = ROOT / "tests" / "data" / "pair_groups.jsonl"


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
    import pairset

    data = json.loads(DEBATE_PAIRS.read_text())
    texts = pairset.read_texts(data["documents"], SHARED)  # exits naming the file whose sha256 changed
    for p in data["pairs"]:
        for key, start, end in (p["a"], p["b"]):
            span = texts[key][start:end]
            assert 0 <= start < end <= len(texts[key]) and span == span.strip() and len(span.split()) >= 6, p["id"]


def pair_groups() -> list[dict]:
    return [json.loads(line) for line in PAIR_GROUPS.read_text(encoding="utf-8").splitlines()]


def test_the_written_groups_have_every_sentence_of_a_group() -> None:
    groups = pair_groups()
    assert len(groups) >= 900 and len({g["id"] for g in groups}) == len(groups)
    for g in groups:
        written = [g[k] for k in ("P", "P2", "D", "R1", "R2", "C") if k in g]
        assert len(written) >= 4 and all(isinstance(s, str) and 8 <= len(s.split()) <= 60 for s in written), g["id"]
        fragments = [g[k] for k in ("F", "R3") if k in g]  # an infobox field, a table row, a heading
        assert all(isinstance(s, str) and 2 <= len(s.split()) <= 20 for s in fragments), g["id"]
        assert ("F" in g) == ("R3" in g) == ("P2" in g), g["id"]
        if isinstance(g["S"], dict):  # a debate sentence: pointed at, never copied
            assert g["S"]["file"].startswith("data/claimbuster/debate_transcripts/") and len(g["S"]["sha256"]) == 64
        else:
            assert 8 <= len(g["S"].split()) <= 60, g["id"]


@pytest.mark.slow
def test_every_debate_seed_of_the_groups_points_at_its_words() -> None:
    need(SHARED / "data" / "claimbuster")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import pairset

    seeds = [g for g in pair_groups() if isinstance(g["S"], dict)]
    documents = {g["S"]["file"]: {"file": g["S"]["file"], "sha256": g["S"]["sha256"]} for g in seeds}
    texts = pairset.read_texts(documents, SHARED)
    for g in seeds:
        span = texts[g["S"]["file"]][g["S"]["start"]:g["S"]["end"]]
        assert span == span.strip() and len(span.split()) >= 8, g["id"]
