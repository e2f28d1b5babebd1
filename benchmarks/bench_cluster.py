"""Clustering 20,000 claims into propositions, beside the time to audit the texts they come from (one run).

The claims are the check-worthy sentences of the ClaimBuster debate transcripts, topped up with their other
sentences to reach --claims; each debate is one document. Results are printed, not asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("data/claimbuster/debate_transcripts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args(argv)
    files = sorted((args.shared / CORPUS).glob("*.txt"))
    if not files:
        print(f"bench_cluster: no transcripts in {args.shared / CORPUS}", file=sys.stderr)
        return 2
    from claimscope.analyse import analyse, nlp
    from claimscope.ingest import read_source
    from claimscope.link.cluster import components, links
    from claimscope.link.similarity import ClaimView
    from claimscope.settings import Settings

    nlp.load()
    start = time.perf_counter()
    claims: list[ClaimView] = []
    others: list[ClaimView] = []
    words = 0
    for path in files:
        audit = analyse(read_source(str(path), Settings()))
        text = audit.document.text
        words += len(text.split())
        claimed = {c.start for c in audit.claims}
        for c in audit.claims:
            claims.append(ClaimView.of(c.id, audit.document.id, c.text, c.entities))
        for s in audit.sentences:
            if s.start not in claimed:
                inside = [e.id for e in audit.entities if any(s.start <= m.start < s.end for m in e.mentions)]
                others.append(ClaimView.of(f"s-{audit.document.id}-{s.start}", audit.document.id,
                                           text[s.start:s.end], inside))
        if len(claims) + len(others) >= args.claims * 1.2 and len(claims) >= args.claims // 2:
            break
    audit_seconds = time.perf_counter() - start
    views = (claims + others)[:args.claims]
    start = time.perf_counter()
    found = links(views)
    groups = [g for g in components((v.id for v in views), ((a, b) for a, b, _ in found)) if len(g) > 1]
    cluster_seconds = time.perf_counter() - start
    print(f"audited {len(set(v.document for v in views))} transcripts ({words:,} words) in {audit_seconds:.1f} s "
          f"({words / audit_seconds:,.0f} words/s)")
    print(f"clustered {len(views):,} claims ({min(len(claims), len(views)):,} check-worthy, the rest other "
          f"sentences) in {cluster_seconds:.1f} s: {len(found):,} links, {len(groups):,} propositions of 2+ claims "
          f"(the largest has {max(map(len, groups), default=0):,})")
    print(f"clustering takes {cluster_seconds / audit_seconds:.2f}x the time of auditing the same texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
