"""Exporting the whole dossier of ../shared/corpus/ in every format, timed (target: under 30 s together), and
publishing it as a static site."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "mek-iraq"
    if not corpus.is_dir():
        print(f"bench_export: {corpus} is missing (pass --shared DIR)", file=sys.stderr)
        return 2
    from claimscope.export import FORMATS, Scope
    from claimscope.pack import bundled_pack_dir, load_pack
    from claimscope.service import ingest_sources
    from claimscope.settings import Settings
    from claimscope.store import Store

    pack = load_pack(bundled_pack_dir())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "dossier.sqlite")
        ingest_sources([str(p) for p in sorted(corpus.glob("*.txt"))], store, Settings(db=store.path), pack=pack)
        total = 0.0
        print(f"{'format':14} {'seconds':>8} {'bytes':>10}")
        for name, exporter in FORMATS.items():
            start = time.perf_counter()
            data = exporter.write(Scope.of(store, pack))
            seconds = time.perf_counter() - start
            total += seconds
            print(f"{name:14} {seconds:8.2f} {len(data):10,}")
        print(f"{'all formats':14} {total:8.2f}   (target: under 30 s)")
        from claimscope.web.publish import publish

        start = time.perf_counter()
        files = publish(Settings(db=store.path), "mek-iraq", Path(tmp) / "site")
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (Path(tmp) / "site").rglob("*") if p.is_file())
        print(f"{'publish (site)':14} {seconds:8.2f} {size:10,}   ({files} files, the exports above included)")
        store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
