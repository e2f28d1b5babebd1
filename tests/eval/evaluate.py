"""The evaluation gate's measurement: claimscope's audit of each gold document (``gold/*.json``) against its gold
annotations, and the check-worthiness model on the ClaimBuster dev split. Matching rules: RULES.md.

    python tests/eval/evaluate.py            # the table: tuning documents, held-out documents, all
    python tests/eval/evaluate.py --json     # machine output (``figures`` is what minimums.json pins)
    python tests/eval/evaluate.py --errors   # also every missed and every spurious finding, per document
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINIMUMS = HERE / "minimums.json"
DEV_SPLIT = ROOT / "tests" / "data" / "claimbuster_dev_split.json"

SETS = ("tuning", "held_out", "all")
SET_TITLES = {"tuning": "tuning documents", "held_out": "held-out documents", "all": "all documents"}
# (name, title, "prf" for precision/recall/F1 or "acc" for an accuracy over matched pairs)
FINDINGS = (
    ("claims", "claims", "prf"),
    ("claim_kinds", "claim kinds (accuracy on matched claims)", "acc"),
    ("stances", "stances", "prf"),
    ("stances_named", "stances (named holders)", "prf"),
    ("sources", "sources", "prf"),
    ("source_specificity", "source specificity (accuracy on matched)", "acc"),
    ("source_public", "source public (accuracy on matched)", "acc"),
    ("flags", "flags", "prf"),
    ("flags_any_kind", "flags (any kind)", "prf"),
    ("dates", "dates", "prf"),
    ("dates_any_value", "dates (any EDTF value)", "prf"),
)


def _sibling(name: str):
    """Import a module of this folder (tests/eval is not a package)."""
    spec = importlib.util.spec_from_file_location(f"claimscope_eval_{name}", HERE / f"{name}.py")
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


annotate = _sibling("annotate")


# -- counting --------------------------------------------------------------------------------------------------------

@dataclass
class Count:
    """Matched / predicted / gold for a P/R/F1 figure, or correct / pairs for an accuracy."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    correct: int = 0
    pairs: int = 0

    def add(self, other: Count) -> None:
        for name in ("matched", "predicted", "gold", "correct", "pairs"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, right: int | None = None) -> dict[str, float | None]:
        """Precision is undefined without predictions, recall without gold; F1 is 0 when either is 0 or
        undefined while the other is defined (nothing found, or only false alarms), undefined when both are.
        ``right``: the correct predictions, when that is not ``matched`` (a matching that is not one-to-one)."""
        right = self.matched if right is None else right
        p = right / self.predicted if self.predicted else None
        r = self.matched / self.gold if self.gold else None
        if p is None and r is None:
            f1 = None
        elif not p or not r:
            f1 = 0.0
        else:
            f1 = 2 * p * r / (p + r)
        return {"precision": p, "recall": r, "f1": f1}

    def accuracy(self) -> dict[str, float | None]:
        return {"accuracy": self.correct / self.pairs if self.pairs else None}


@dataclass
class DocResult:
    file: str
    held_out: bool
    counts: dict[str, Count] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def match(golds: list, preds: list, ok: Callable[[object, object], bool]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index): each gold in order takes the first free prediction."""
    taken: set[int] = set()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in taken and ok(g, p):
                taken.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def tally(name: str, golds: list, preds: list, ok, result: DocResult, show_gold=None, show_pred=None
          ) -> list[tuple[int, int]]:
    """Count the matches; list the misses and spurious finds when given how to show them (a looser count of the
    same findings leaves them out: they are listed under the strict one)."""
    pairs = match(golds, preds, ok)
    result.counts[name] = Count(matched=len(pairs), predicted=len(preds), gold=len(golds))
    if show_gold is None or show_pred is None:
        return pairs
    got_g = {g for g, _ in pairs}
    got_p = {p for _, p in pairs}
    result.errors += [f"  {name}: MISSED   {show_gold(g)}" for i, g in enumerate(golds) if i not in got_g]
    result.errors += [f"  {name}: SPURIOUS {show_pred(p)}" for i, p in enumerate(preds) if i not in got_p]
    return pairs


def accuracy(name: str, pairs: list[tuple[int, int]], golds: list, preds: list, gold_value, pred_value,
             result: DocResult, show) -> None:
    count = Count(pairs=len(pairs))
    for gi, pi in pairs:
        if gold_value(golds[gi]) == pred_value(preds[pi]):
            count.correct += 1
        else:
            result.errors.append(f"  {name}: WRONG    {show(golds[gi])}: gold {gold_value(golds[gi])!r}, "
                                 f"predicted {pred_value(preds[pi])!r}")
    result.counts[name] = count


def short(text: str, start: int, end: int, width: int = 70) -> str:
    s = " ".join(text[start:end].split())
    return repr(s if len(s) <= width else s[: width - 1] + "…")


# -- one document ----------------------------------------------------------------------------------------------------

def evaluate_document(gold: dict, audit) -> DocResult:
    text = audit.document.text
    result = DocResult(gold["file"], gold["held_out"])

    # claims and their kinds
    claims = sorted(audit.claims, key=lambda c: c.start)
    pairs = tally("claims", gold["claims"], claims, lambda g, p: overlaps(g["start"], g["end"], p.start, p.end),
                  result, lambda g: f"[{g['kind']}] {short(text, g['start'], g['end'])}",
                  lambda p: f"[{p.kind} {p.checkworthiness:.2f}] {short(text, p.start, p.end)}")
    accuracy("claim_kinds", pairs, gold["claims"], claims, lambda g: g["kind"], lambda p: p.kind, result,
             lambda g: short(text, g["start"], g["end"], 50))

    # stances, on predicted claims
    mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in audit.entities}
    predicted = [(c, s) for c in claims for s in c.stances]

    def holder_spans(claim, stance, lo: int, hi: int) -> list[tuple[int, int]]:
        found = list(mentions.get(stance.holder, []))
        words = stance.holder_text.strip()
        at = text.find(words, lo, hi) if words else -1
        while at >= 0:
            found.append((at, at + len(words)))
            at = text.find(words, at + 1, hi)
        return found

    def stance_ok(g: dict, pair) -> bool:
        claim, stance = pair
        if not overlaps(g["claim_start"], g["claim_end"], claim.start, claim.end) or g["stance"] != stance.stance:
            return False
        if g["holder"] == "author" or stance.holder == "author":
            return g["holder"] == stance.holder
        h = g["holder"]
        lo, hi = min(claim.start, g["claim_start"]), max(claim.end, g["claim_end"])
        return any(overlaps(h["start"], h["end"], a, b) for a, b in holder_spans(claim, stance, lo, hi))

    def show_gold_stance(g: dict) -> str:
        who = "author" if g["holder"] == "author" else repr(text[g["holder"]["start"]:g["holder"]["end"]])
        return f"{who} {g['stance']} {short(text, g['claim_start'], g['claim_end'], 50)}"

    def show_pred_stance(pair) -> str:
        claim, s = pair
        who = "author" if s.holder == "author" else repr(s.holder_text)
        return f"{who} {s.stance} (cue {s.cue!r}) {short(text, claim.start, claim.end, 50)}"

    tally("stances", gold["stances"], predicted, stance_ok, result, show_gold_stance, show_pred_stance)
    named_gold = [g for g in gold["stances"] if g["holder"] != "author"]
    named_pred = [(c, s) for c, s in predicted if s.holder != "author"]
    tally("stances_named", named_gold, named_pred, stance_ok, result)  # its errors are listed under "stances"

    # sources
    sources = sorted(audit.sources, key=lambda s: min((m.start for m in s.mentions), default=len(text)))
    # a source is like an entity: one source, several mentions (inline and in the reference list), so matching
    # is by mention: a gold source is found when a mention of some predicted source overlaps it, and a predicted
    # source is right when one of its mentions overlaps some gold source.
    def hits(g: dict, p) -> bool:
        return any(overlaps(g["start"], g["end"], m.start, m.end) for m in p.mentions)

    pairs = [(gi, next(pi for pi, p in enumerate(sources) if hits(g, p)))
             for gi, g in enumerate(gold["sources"]) if any(hits(g, p) for p in sources)]
    right = [pi for pi, p in enumerate(sources) if any(hits(g, p) for g in gold["sources"])]
    result.counts["sources"] = Count(matched=len(pairs), predicted=len(sources), gold=len(gold["sources"]),
                                     correct=len(right))
    found = {gi for gi, _ in pairs}
    result.errors += [f"  sources: MISSED   [{g['specificity']}] {short(text, g['start'], g['end'])}"
                      for gi, g in enumerate(gold["sources"]) if gi not in found]
    result.errors += [f"  sources: SPURIOUS [{p.kind} {p.specificity}] {p.text[:70]!r}"
                      for pi, p in enumerate(sources) if pi not in right]
    accuracy("source_specificity", pairs, gold["sources"], sources, lambda g: g["specificity"],
             lambda p: p.specificity, result, lambda g: short(text, g["start"], g["end"], 50))
    accuracy("source_public", pairs, gold["sources"], sources, lambda g: g["public"], lambda p: p.public, result,
             lambda g: short(text, g["start"], g["end"], 50))

    # flags
    flags = sorted(audit.flags, key=lambda f: f.start)
    tally("flags", gold["flags"], flags,
          lambda g, p: g["kind"] == p.kind and overlaps(g["start"], g["end"], p.start, p.end), result,
          lambda g: f"[{g['kind']}] {short(text, g['start'], g['end'])}",
          lambda p: f"[{p.kind}] {short(text, p.start, p.end)}")
    tally("flags_any_kind", gold["flags"], flags, lambda g, p: overlaps(g["start"], g["end"], p.start, p.end),
          result)

    # dates
    times = sorted(audit.timeline, key=lambda t: t.start)
    tally("dates", gold["dates"], times,
          lambda g, p: g["edtf"] == p.when and overlaps(g["start"], g["end"], p.start, p.end), result,
          lambda g: f"{g['edtf']} {short(text, g['start'], g['end'])}",
          lambda p: f"{p.when} {short(text, p.start, p.end)}")
    tally("dates_any_value", gold["dates"], times, lambda g, p: overlaps(g["start"], g["end"], p.start, p.end),
          result)
    return result


def audits(golds: list[dict]) -> Iterable:
    from claimscope.analyse import analyse
    from claimscope.ingest import read_source
    from claimscope.pack import bundled_pack_dir, load_pack
    from claimscope.settings import Settings

    pack = load_pack(bundled_pack_dir())
    for gold in golds:
        document = read_source(str(annotate.CORPUS / gold["file"]), Settings())
        if document.sha256 != gold["sha256"]:
            raise SystemExit(f"error: {gold['file']}: the text changed since it was annotated (sha256 "
                             f"{document.sha256[:12]}…, gold {gold['sha256'][:12]}…); re-annotate it "
                             "(tests/eval/annotate.py check lists the spans that moved)")
        yield analyse(document, pack=pack)


# -- ClaimBuster ----------------------------------------------------------------------------------------------------

def claimbuster_dev() -> tuple[dict[str, dict] | None, str]:
    """P/R/F1 of the check-worthiness model on the dev debates of the committed split, against the crowd's labels
    and against our readers' labels of 600 of them (tests/data/claimbuster_dev_readers.json), or None and why not."""
    from claimscope.analyse import checkworthiness
    from claimscope.train import read_crowdsourced, readers_sentences

    folder = annotate.SHARED / "data" / "claimbuster"
    if not (folder / "datasets" / "crowdsourced.csv").exists():
        return None, f"{folder}/datasets/crowdsourced.csv is missing: ClaimBuster figures skipped"
    dev = set(json.loads(DEV_SPLIT.read_text(encoding="utf-8"))["dev"])
    crowd = [(r.text, r.verdict == 1) for r in read_crowdsourced(folder) if r.file_id in dev]
    readers = readers_sentences(folder, DEV_SPLIT.parent / "claimbuster_dev_readers.json")
    model = checkworthiness.load()
    out = {}
    for name, rows in (("checkworthiness", crowd), ("checkworthiness_readers", readers)):
        probs = model.predict([t for t, _ in rows])
        count = Count(gold=sum(y for _, y in rows), predicted=int((probs >= model.threshold).sum()))
        count.matched = sum(1 for (_, y), p in zip(rows, probs, strict=True) if y and p >= model.threshold)
        out[name] = count.prf()
    note = (f"ClaimBuster crowdsourced.csv, {len(dev)} dev debates: {len(crowd)} sentences with the crowd's labels "
            f"(check-worthy = Verdict 1), {len(readers)} of them with our readers' labels (CFS); "
            f"threshold {model.threshold:.3f}")
    return out, note


# -- the whole run ---------------------------------------------------------------------------------------------------

def run(with_claimbuster: bool = True) -> dict:
    golds = annotate.load_gold()
    if not golds:
        raise SystemExit(f"error: no gold annotations in {annotate.GOLD}")
    results = [evaluate_document(g, a) for g, a in zip(golds, audits(golds), strict=True)]
    totals = {s: {name: Count() for name, _, _ in FINDINGS} for s in SETS}
    for r in results:
        for s in ("held_out" if r.held_out else "tuning", "all"):
            for name, count in r.counts.items():
                totals[s][name].add(count)
    figures: dict[str, dict] = {}
    for s in SETS:
        figures[s] = {}
        for name, _, how in FINDINGS:
            c = totals[s][name]
            prf = c.prf(c.correct) if name == "sources" else c.prf()
            figures[s][name] = {**(prf if how == "prf" else c.accuracy()),
                                "n": {"matched": c.matched, "predicted": c.predicted, "gold": c.gold,
                                      **({"right_predictions": c.correct} if name == "sources" else {})}
                                if how == "prf" else {"pairs": c.pairs}}
    notes = []
    if with_claimbuster:
        cb, note = claimbuster_dev()
        notes.append(note)
        if cb is not None:
            figures["claimbuster_dev"] = cb
    documents = {r.file: {"held_out": r.held_out, **{n: r.counts[n].gold for n in annotate.LISTS if n in r.counts}}
                 for r in results}
    return {"figures": figures, "flat": flatten(figures), "documents": documents, "notes": notes,
            "errors": {r.file: r.errors for r in results}}


def flatten(figures: dict) -> dict[str, float | None]:
    """``{"tuning.claims.f1": 0.81, ...}``: the names minimums.json pins."""
    return {f"{s}.{name}.{k}": v for s, rows in figures.items() for name, row in rows.items()
            for k, v in row.items() if k != "n"}


def below_minimums(flat: dict[str, float | None], minimums: dict[str, float]) -> list[str]:
    """One line per figure under its pinned minimum (or that could not be computed although pinned)."""
    failures = []
    for key, floor in minimums.items():
        if key.startswith("_"):
            continue
        value = flat.get(key)
        if value is None:
            failures.append(f"{key}: pinned at {floor:.2f} but not computed this time")
        elif value < floor:
            failures.append(f"{key} = {value:.3f} is below its pinned minimum {floor:.2f}")
    return failures


MINIMUMS_NOTE = ("Pinned floors of tests/eval/evaluate.py's figures: each is the figure measured when it was pinned, "
                 "rounded down to 2 decimals, minus a margin of 0.02 (figures of 0 or n/a are not pinned). "
                 "tests/test_eval_gate.py fails when a figure drops below its floor. Lowering a minimum is a "
                 "deliberate, reviewed change: say in the change which figure, why, and what was traded for it. "
                 "Raise a floor when an improvement is merged. Never tune on the held-out documents (RULES.md).")


def propose_minimums(flat: dict[str, float | None], margin: float = 0.02) -> dict:
    pinned: dict = {"_comment": MINIMUMS_NOTE}
    for key, value in flat.items():
        if value is not None:
            floor = round(math.floor(value * 100 + 1e-9) / 100 - margin, 2)
            if floor > 0:
                pinned[key] = floor
    return pinned


def fmt(v: float | None) -> str:
    return " n/a " if v is None else f"{v:5.3f}"


def table(report: dict) -> str:
    figures = report["figures"]
    lines = []
    head = "".join(f" | {SET_TITLES[s]:^31}" for s in SETS)
    lines.append(f"{'finding':<42}{head}")
    lines.append(f"{'':<42}" + " | {:>5} {:>5} {:>5} {:>13}".format("P", "R", "F1", "match/pred/gold") * len(SETS))
    lines.append("-" * len(lines[-1]))
    for name, title, how in FINDINGS:
        cells = []
        for s in SETS:
            row = figures[s][name]
            if how == "prf":
                n = row["n"]
                cells.append(f" | {fmt(row['precision'])} {fmt(row['recall'])} {fmt(row['f1'])} "
                             f"{n['matched']:>4}/{n['predicted']:>3}/{n['gold']:>3}")
            else:
                cells.append(f" | {'accuracy':>11} {fmt(row['accuracy'])} {'of ' + str(row['n']['pairs']):>13}")
        lines.append(f"{title:<42}" + "".join(cells))
    lines.append("")
    docs = report["documents"]
    lines.append("gold per document: " + "; ".join(
        f"{f}{' (HELD OUT)' if d['held_out'] else ''}: " + ", ".join(f"{d[n]} {n}" for n in annotate.LISTS if n in d)
        for f, d in docs.items()))
    if "claimbuster_dev" in figures:
        for key, labels in (("checkworthiness", "crowd's labels"), ("checkworthiness_readers", "readers' labels")):
            cb = figures["claimbuster_dev"][key]
            lines.append(f"\nClaimBuster dev split, check-worthiness model, {labels}: P {fmt(cb['precision'])}  "
                         f"R {fmt(cb['recall'])}  F1 {fmt(cb['f1'])}")
    lines += [f"note: {n}" for n in report["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="machine output")
    parser.add_argument("--errors", action="store_true", help="list every missed, spurious and mislabelled finding")
    parser.add_argument("--no-claimbuster", action="store_true", help="skip the ClaimBuster dev figures")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its pinned minimum")
    parser.add_argument("--propose-minimums", action="store_true",
                        help="print minimums.json for the figures measured now (review before committing it)")
    args = parser.parse_args(argv)
    report = run(with_claimbuster=not args.no_claimbuster)
    failures = []
    if args.check:
        failures = below_minimums(report["flat"], json.loads(MINIMUMS.read_text(encoding="utf-8")))
        report["below_minimums"] = failures
    if args.propose_minimums:
        print(json.dumps(propose_minimums(report["flat"]), indent=1))
        return 0
    if args.json:
        if not args.errors:
            report.pop("errors")
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(table(report))
        if args.errors:
            for file, errors in report["errors"].items():
                print(f"\n{file}")
                print("\n".join(errors) if errors else "  (none)")
        for failure in failures:
            print(f"BELOW MINIMUM: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader closed the pipe (| head): stop quietly
        sys.stderr.close()
        sys.exit(0)
