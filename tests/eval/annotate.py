"""Annotation helper for the evaluation gate (see RULES.md): no offsets are counted by hand.

    python tests/eval/annotate.py find FILE "a phrase" [--after "context"] [--n 2]   # offsets of a phrase
    python tests/eval/annotate.py build [WORKSHEET ...]     # worksheets/*.yaml -> gold/*.json (all by default)
    python tests/eval/annotate.py check                      # every gold span still quotes its words; sha256 equal

FILE is a name in the corpus folder (``$CLAIMSCOPE_SHARED/corpus/mek-iraq``, by default ``../shared`` beside the
repository). The text is the one claimscope stores (``read_source(path, Settings()).text``): ingestion only, no
analysis.

A worksheet locates each item by quoted words: ``q`` (the span starts with these words), ``e`` (optional: the
span ends with these words, the first occurrence after ``q``), ``after`` (optional: search from the first
occurrence of this context phrase) and ``n`` (optional: the n-th occurrence). A stance's holder and cue are
searched inside its claim's span.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = Path(os.environ.get("CLAIMSCOPE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "mek-iraq"
GOLD = HERE / "gold"
WORKSHEETS = HERE / "worksheets"
MAX_QUOTE_WORDS = 6
MAX_QUOTE_END_WORDS = 4
LISTS = ("claims", "stances", "sources", "flags", "dates")


class AnnotationError(ValueError):
    """A worksheet item that cannot be located, or a gold span that no longer quotes its words."""


@cache
def document(name: str) -> tuple[str, str]:
    """(text, sha256) of a corpus file, as claimscope ingests it."""
    from claimscope.ingest import read_source
    from claimscope.settings import Settings

    doc = read_source(str(CORPUS / name), Settings())
    return doc.text, doc.sha256


def find(text: str, phrase: str, *, after: str | None = None, n: int = 1, lo: int = 0, hi: int | None = None,
         end_phrase: str | None = None) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``phrase`` in ``text[lo:hi]`` (after ``after`` if given); with
    ``end_phrase`` the span runs to the end of its first occurrence after the phrase's start."""
    hi = len(text) if hi is None else hi
    if after is not None:
        at = text.find(after, lo, hi)
        if at < 0:
            raise AnnotationError(f"context {after!r} not found")
        lo = at
    start = lo - 1
    for _ in range(n):
        start = text.find(phrase, start + 1, hi)
        if start < 0:
            raise AnnotationError(f"{phrase!r} not found (occurrence {n}, after {after!r})")
    end = start + len(phrase)
    if end_phrase is not None:
        at = text.find(end_phrase, start, hi)
        if at < 0:
            raise AnnotationError(f"end {end_phrase!r} not found after {phrase!r}")
        end = at + len(end_phrase)
    return start, end


def words(s: str) -> int:
    return len(s.split())


def quoted(text: str, start: int, end: int) -> dict:
    """The quote fields for a span: the span itself when short, else its first and last words."""
    span = text[start:end]
    if words(span) <= MAX_QUOTE_WORDS:
        return {"quote": span}
    head = re.match(r"\S+(?:\s+\S+){4}", span)
    tail = re.search(r"\S+(?:\s+\S+){2}$", span)
    if head is None or tail is None:
        raise AnnotationError(f"cannot quote {span[:40]!r}")
    return {"quote": head.group(0), "quote_end": tail.group(0)}


def locate(text: str, item: dict, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    return find(text, item["q"], after=item.get("after"), n=item.get("n", 1), lo=lo, hi=hi, end_phrase=item.get("e"))


def build(worksheet: Path) -> dict:
    sheet = yaml.safe_load(worksheet.read_text(encoding="utf-8"))
    text, sha = document(sheet["file"])
    gold: dict = {"file": sheet["file"], "sha256": sha, "perspective": sheet["perspective"],
                  "held_out": bool(sheet["held_out"]), "note": sheet.get("note", "")}
    gold.update({name: [] for name in LISTS})
    for item in sheet.get("claims") or []:
        start, end = locate(text, item)
        gold["claims"].append({"start": start, "end": end, "kind": item["kind"], **quoted(text, start, end)})
        for st in item.get("stances") or [{"holder": "author", "stance": "asserts"}]:
            stance: dict = {"claim_start": start, "claim_end": end, "stance": st["stance"]}
            if st["holder"] == "author":
                stance["holder"] = "author"
            else:
                h0, h1 = find(text, st["holder"], lo=start, hi=end, n=st.get("hn", 1))
                stance["holder"] = {"start": h0, "end": h1, **quoted(text, h0, h1)}
            if st.get("cue"):
                c0, c1 = find(text, st["cue"], lo=start, hi=end)
                stance.update({"cue_start": c0, "cue_end": c1, "cue": text[c0:c1]})
            else:
                stance.update({"cue_start": None, "cue_end": None, "cue": ""})
            gold["stances"].append(stance)
    for item in sheet.get("sources") or []:
        start, end = locate(text, item)
        gold["sources"].append({"start": start, "end": end, "kind": item["kind"], "specificity": item["specificity"],
                                "public": item["public"], **quoted(text, start, end)})
    for item in sheet.get("flags") or []:
        start, end = locate(text, item)
        gold["flags"].append({"start": start, "end": end, "kind": item["kind"], **quoted(text, start, end)})
    for item in sheet.get("dates") or []:
        start, end = locate(text, item)
        gold["dates"].append({"start": start, "end": end, "edtf": str(item["edtf"]), **quoted(text, start, end)})
    for name in LISTS:
        key = "claim_start" if name == "stances" else "start"
        gold[name].sort(key=lambda x, key=key: (x[key], x.get("end", 0)))
    problems = check(gold, text, sha)
    if problems:
        raise AnnotationError(f"{worksheet.name}: " + "; ".join(problems))
    return gold


def spans(gold: dict):
    """Every (where, start, end, quote, quote_end) of a gold file."""
    for name in ("claims", "sources", "flags", "dates"):
        for i, item in enumerate(gold[name]):
            yield f"{name}[{i}]", item["start"], item["end"], item["quote"], item.get("quote_end")
    for i, st in enumerate(gold["stances"]):
        if isinstance(st["holder"], dict):
            h = st["holder"]
            yield f"stances[{i}].holder", h["start"], h["end"], h["quote"], h.get("quote_end")
        if st.get("cue_start") is not None:
            yield f"stances[{i}].cue", st["cue_start"], st["cue_end"], st["cue"], None


def check(gold: dict, text: str | None = None, sha: str | None = None) -> list[str]:
    """What is wrong with a gold file against the current corpus text: an empty list when nothing is."""
    if text is None or sha is None:
        text, sha = document(gold["file"])
    problems = []
    if gold["sha256"] != sha:
        problems.append(f"{gold['file']}: sha256 {gold['sha256'][:12]}… recorded, the text now has {sha[:12]}…")
    for where, start, end, quote, quote_end in spans(gold):
        span = text[start:end]
        if words(quote) > MAX_QUOTE_WORDS or (quote_end and words(quote_end) > MAX_QUOTE_END_WORDS):
            problems.append(f"{where}: quote too long")
        ok = span.startswith(quote) and span.endswith(quote_end) if quote_end else span == quote
        if not ok or start >= end:
            problems.append(f"{where}: text[{start}:{end}] = {span[:60]!r} does not match {quote!r}")
    return problems


def load_gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_find = sub.add_parser("find", help="offsets of a phrase")
    p_find.add_argument("file")
    p_find.add_argument("phrase")
    p_find.add_argument("--after")
    p_find.add_argument("--n", type=int, default=1)
    p_build = sub.add_parser("build", help="worksheets -> gold JSON")
    p_build.add_argument("worksheets", nargs="*", type=Path)
    sub.add_parser("check", help="verify every gold span against the corpus")
    args = parser.parse_args(argv)
    try:
        if args.command == "find":
            text, _ = document(args.file)
            start, end = find(text, args.phrase, after=args.after, n=args.n)
            print(start, end, repr(text[max(0, start - 30):end + 30]))
        elif args.command == "build":
            GOLD.mkdir(exist_ok=True)
            for ws in args.worksheets or sorted(WORKSHEETS.glob("*.yaml")):
                gold = build(ws)
                out = GOLD / (Path(gold["file"]).stem + ".json")
                out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                counts = ", ".join(f"{len(gold[n])} {n}" for n in LISTS)
                print(f"{out.relative_to(ROOT)}: {counts}")
        else:
            bad = 0
            for gold in load_gold():
                for problem in check(gold):
                    print(f"{gold['file']}: {problem}")
                    bad += 1
            print("all gold spans match their quotes" if not bad else f"{bad} problem(s)")
            return 1 if bad else 0
    except AnnotationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
