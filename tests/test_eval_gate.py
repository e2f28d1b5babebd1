"""The evaluation gate (tests/eval/RULES.md): claimscope's findings on the gold-annotated corpus documents, and the
check-worthiness model on the ClaimBuster dev split, must not drop below the floors pinned in
tests/eval/minimums.json; and the gold annotations must still quote the corpus text they were made on."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache

import pytest

from conftest import ROOT, SHARED, need

EVAL = ROOT / "tests" / "eval"
pytestmark = pytest.mark.slow


def _load_evaluate():  # type: ignore[no-untyped-def]
    """tests/eval is not a package: load evaluate.py, which loads its siblings (annotate.py) itself."""
    spec = importlib.util.spec_from_file_location("claimscope_eval_evaluate", EVAL / "evaluate.py")
    if spec.name not in sys.modules:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
        assert spec.loader is not None
        spec.loader.exec_module(module)
    return sys.modules[spec.name]


evaluate = _load_evaluate()
annotate = evaluate.annotate
GOLD = annotate.load_gold()
MINIMUMS = json.loads((EVAL / "minimums.json").read_text(encoding="utf-8"))


@cache
def report() -> dict:
    return evaluate.run()


def test_the_gold_set_is_what_the_rules_promise() -> None:
    assert len(GOLD) >= 5, "at least five annotated documents"
    assert len({g["perspective"] for g in GOLD}) >= 3, "documents from at least three perspectives"
    # which documents are held out is what RULES.md's table says (none since session 11: see there)
    rules = (EVAL / "RULES.md").read_text(encoding="utf-8")
    for gold in GOLD:
        row = next(line for line in rules.splitlines() if line.startswith(f"| `{gold['file']}`"))
        assert gold["held_out"] == ("**HELD OUT**" in row), f"{gold['file']}: RULES.md and the gold file disagree"
    for gold in GOLD:
        assert set(annotate.LISTS) <= set(gold), f"{gold['file']}: a list is missing"


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_every_gold_span_still_quotes_its_words(gold: dict) -> None:
    """A corpus file that changed (or a change to normalization) moves the offsets: caught here, by name."""
    need(annotate.CORPUS / gold["file"])
    problems = annotate.check(gold)
    assert not problems, "\n".join(problems)


def test_every_minimum_names_a_figure() -> None:
    need(annotate.CORPUS)
    need(SHARED / "data" / "claimbuster" / "datasets" / "crowdsourced.csv")
    unknown = sorted(set(MINIMUMS) - set(report()["flat"]) - {"_comment"})
    assert not unknown, f"minimums.json pins figures that evaluate.py does not compute: {unknown}"
    assert all(isinstance(v, int | float) and 0 <= v <= 1 for k, v in MINIMUMS.items() if k != "_comment")


def test_no_figure_drops_below_its_pinned_minimum() -> None:
    need(annotate.CORPUS)
    need(SHARED / "data" / "claimbuster" / "datasets" / "crowdsourced.csv")
    failures = evaluate.below_minimums(report()["flat"], MINIMUMS)
    assert not failures, ("below the pinned minimums (tests/eval/minimums.json; run tests/eval/evaluate.py "
                          "--errors to see what was missed):\n" + "\n".join(failures))


def test_the_gate_names_the_figure_that_dropped() -> None:
    flat = {"held_out.claims.f1": 0.40, "tuning.flags.recall": None}
    failures = evaluate.below_minimums(flat, {"_comment": "x", "held_out.claims.f1": 0.46,
                                              "tuning.flags.recall": 0.6, "all.dates.f1": 0.5})
    assert any(f.startswith("held_out.claims.f1 = 0.400 is below its pinned minimum 0.46") for f in failures)
    assert any(f.startswith("tuning.flags.recall") and "not computed" in f for f in failures)
    assert len(failures) == 3
