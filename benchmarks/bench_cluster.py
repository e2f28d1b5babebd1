"""Clustering 20,000 claims into propositions, beside the time to audit the texts they come from (one run).

The claims are the check-worthy sentences of the ClaimBuster debate transcripts, topped up with their other
sentences to reach --claims; each debate is one document. They are linked (``cluster.links``) and grouped
(``cluster.groups``); the connected components of the same links, the grouping used before, are printed beside.

Then the grouping on the labelled claim pairs (tests/data/claim_pairs.json, read by pairset.py): the
sentences of each half's pairs are linked and grouped, and each pair counts as "same group" or not, against its
label ("same" proposition or not): pairwise precision and recall. Twice: with each sentence in the document the pair
set gives it, and with every sentence its own document (so that any two can link, as claims of one
document cannot). ``cluster.GROUP_AVERAGE`` was chosen on the dev half; the test half is reported.
Results are printed, not asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("data/claimbuster/debate_transcripts")
SUGGESTED_FOR = 20  # propositions whose "may state it too" is timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--choose-average", action="store_true",
                        help="only print the dev half's F1 of each groups' average (how GROUP_AVERAGE is chosen)")
    args = parser.parse_args(argv)
    if args.choose_average:
        print(pair_table(args.shared, choose=True))
        return 0
    files = sorted((args.shared / CORPUS).glob("*.txt"))
    if not files:
        print(f"bench_cluster: no transcripts in {args.shared / CORPUS}", file=sys.stderr)
        return 2
    from claimscope.analyse import analyse, nlp
    from claimscope.ingest import read_source
    from claimscope.link.cluster import components, groups, links
    from claimscope.link.similarity import ClaimView, with_vectors
    from claimscope.link.suggest import suggestions
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
    link_seconds = time.perf_counter() - start
    grouped = [g for g in groups({v.id: v.document for v in views}, found) if len(g) > 1]
    cluster_seconds = time.perf_counter() - start
    start = time.perf_counter()
    chained = [g for g in components((v.id for v in views), ((a, b) for a, b, _ in found)) if len(g) > 1]
    component_seconds = time.perf_counter() - start
    print(f"audited {len(set(v.document for v in views))} transcripts ({words:,} words) in {audit_seconds:.1f} s "
          f"({words / audit_seconds:,.0f} words/s)")
    print(f"clustered {len(views):,} claims ({min(len(claims), len(views)):,} check-worthy, the rest other "
          f"sentences) in {cluster_seconds:.1f} s (links {link_seconds:.1f} s, groups "
          f"{cluster_seconds - link_seconds:.1f} s): {len(found):,} links, {len(grouped):,} propositions of 2+ "
          f"claims (the largest has {max(map(len, grouped), default=0):,})")
    print(f"  connected components of the same links ({component_seconds:.1f} s): {len(chained):,} of 2+ claims "
          f"(the largest has {max(map(len, chained), default=0):,})")
    print(f"clustering takes {cluster_seconds / audit_seconds:.2f}x the time of auditing the same texts")
    # a proposition page's "may state it too": its claims against every claim in no proposition, by the vectors that
    # adding a document stores (``index.update``) and the terms
    start = time.perf_counter()
    views = with_vectors(views)
    embed_seconds = time.perf_counter() - start
    print(f"the claims' vectors (made as documents are added): {embed_seconds:.1f} s for {len(views):,} claims, "
          f"{embed_seconds / audit_seconds:.2f}x the audit")
    taken = {c for g in grouped for c in g}
    sample = sorted(grouped, key=lambda g: (-len(g), min(g)))[:SUGGESTED_FOR]
    start = time.perf_counter()
    offered = sum(len(suggestions(set(g), views, taken)) for g in sample)
    suggest_seconds = (time.perf_counter() - start) / max(len(sample), 1)
    print(f"claims that may state a proposition too: {suggest_seconds * 1000:.0f} ms a proposition over "
          f"{len(views):,} claims ({len(sample)} largest propositions, {offered} claims offered), "
          f"{suggest_seconds / cluster_seconds:.3f}x the clustering")
    print(pair_table(args.shared))
    return 0


def pair_table(shared: Path, choose: bool = False) -> str:
    """Pairwise precision and recall of "same group" against "same proposition" on each half of the pair set; with
    ``choose``, the dev half's mean F1 (pair set's documents, own documents) for each ``groups`` average instead."""
    from pairset import load_pairs

    from claimscope.link.cluster import GROUP_AVERAGE, components, groups, links
    from claimscope.link.similarity import ClaimView, bundled_pack

    def key(side: dict) -> str:
        return f"{side['doc']}:{side['start']}"

    data, a_texts, b_texts = load_pairs(shared)
    pack = bundled_pack()
    sentences: dict[str, tuple[str, str]] = {}  # sentence key -> (document, text)
    for p, a, b in zip(data["pairs"], a_texts, b_texts, strict=True):
        for side, text in ((p["a"], a), (p["b"], b)):
            sentences[key(side)] = (side["doc"], text)
    views = {k: ClaimView.of(k, doc, text, [], pack) for k, (doc, text) in sentences.items()}

    found_by: dict[tuple[str, bool], list] = {}

    def measure(half: str, own_documents: bool, grouping: str, average: float = GROUP_AVERAGE
                ) -> tuple[float, float, int]:
        pairs = [p for p in data["pairs"] if p["id"] in set(data["split"][half])]
        keys = sorted({key(p[s]) for p in pairs for s in ("a", "b")})
        half_views = [ClaimView(k, k if own_documents else views[k].document, views[k].words, views[k].entities,
                                views[k].text)
                      for k in keys]
        found = found_by.get((half, own_documents))
        if found is None:
            found = found_by[half, own_documents] = links(half_views)
        if grouping == "groups":
            made = groups({v.id: v.document for v in half_views}, found, average)
        else:
            made = components(keys, ((a, b) for a, b, _ in found))
        where = {claim: i for i, group in enumerate(made) for claim in group}
        together = [where[key(p["a"])] == where[key(p["b"])] for p in pairs]
        same = [p["label"] == "same" for p in pairs]
        hits = sum(t and s for t, s in zip(together, same, strict=True))
        return hits / max(sum(together), 1), hits / sum(same), max(map(len, made))

    if choose:
        lines = ["groups' average on the dev half: mean F1 of 'same group' (pair set's documents, own documents)"]
        for average in [round(0.02 * i, 2) for i in range(2, 18)]:
            f1s = [2 * p * r / (p + r) if p + r else 0.0
                   for p, r, _ in (measure("dev", own, "groups", average) for own in (False, True))]
            lines.append(f"  {average:.2f}: {sum(f1s) / 2:.3f}")
        return "\n".join(lines)
    lines = [f"grouping the pair set's sentences (groups: average link >= {GROUP_AVERAGE}, chosen on dev): "
             "pairwise P / R of 'same group' vs 'same'",
             f"{'':46} {'dev P':>6} {'dev R':>6} {'test P':>6} {'test R':>6} {'largest':>7}"]
    for own_documents in (False, True):
        for grouping in ("groups", "components"):
            dp, dr, dev_largest = measure("dev", own_documents, grouping)
            tp, tr, test_largest = measure("test", own_documents, grouping)
            where = "every sentence its own document" if own_documents else "documents of the pair set"
            lines.append(f"{grouping + ', ' + where:46} {dp:6.2f} {dr:6.2f} {tp:6.2f} {tr:6.2f} "
                         f"{max(dev_largest, test_largest):7}")
    lines.append("largest: the largest group made on either half")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
