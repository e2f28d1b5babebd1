"""Fixed word weights for linking: an inverse document frequency computed once and shipped with the package.

The weights never come from the dossier, so the score of two claims does not depend on what else is in it.
They are counted over sentences, each a "document": the 22,486 ClaimBuster crowdsourced debate sentences
(US presidential debates 1960-2016; Arslan, Hassan, Li, Tremayne, ICWSM 2020, DOI 10.5281/zenodo.3609356,
CC BY 4.0) and the sentences of the example corpus (``shared/corpus/mek-iraq``). Terms are made by
``words.terms`` without a pack, so pack entities get ``unseen_weight`` (``data/link.yaml``) like any rare word.
Only terms seen in at least two sentences are stored; the file records the digest of the lexicon it was built
with, and a test fails when ``link.yaml`` changes without a rebuild. Rebuild::

    .venv/bin/python -m claimscope.link.weights --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from claimscope.analyse import lexicon
from claimscope.link.words import terms

FILE = "word_weights.json"
CROWDSOURCED = Path("data/claimbuster/datasets/crowdsourced.csv")
CORPUS = Path("corpus/mek-iraq")
MIN_COUNT = 2
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def lexicon_digest() -> str:
    """What the terms depend on: the stop words and synonyms of ``link.yaml``."""
    data = lexicon.load("link")
    key = json.dumps({"stop_words": data["stop_words"], "synonyms": data["synonyms"]}, sort_keys=True)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@functools.cache
def table() -> dict[str, float]:
    data = json.loads((resources.files("claimscope") / "models" / FILE).read_text(encoding="utf-8"))
    return data["weights"]


def sentences(shared: Path) -> Iterator[str]:
    with (shared / CROWDSOURCED).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield row["Text"]
    for path in sorted((shared / CORPUS).glob("*.txt")):
        for s in SENTENCE_END.split(path.read_text(encoding="utf-8")):
            if len(s.split()) > 3:
                yield s


def build(texts: Iterable[str]) -> dict:
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(terms(text))
        n += 1
    weights = {t: round(math.log((n + 1) / (c + 1)) + 1, 3) for t, c in sorted(df.items()) if c >= MIN_COUNT}
    return {"about": "idf = ln((n + 1) / (df + 1)) + 1 over sentences; see claimscope/link/weights.py",
            "sentences": n, "lexicon": lexicon_digest(), "weights": weights}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared folder (ClaimBuster data, corpus)")
    parser.add_argument("--out", type=Path, default=Path(str(resources.files("claimscope") / "models" / FILE)))
    args = parser.parse_args(argv)
    if not (args.shared / CROWDSOURCED).is_file():
        print(f"weights: {args.shared / CROWDSOURCED} not found (pass --shared DIR)", file=sys.stderr)
        return 2
    data = build(sentences(args.shared))
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['weights']):,} terms from {data['sentences']:,} sentences "
          f"({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
