"""Latency of the web app's document pages under 20 concurrent clients, beside a static file from the same server.

A real server (`claimscope serve`, its own process) on loopback serves a fresh dossier holding the example
article and a whole debate transcript; 20 client threads request each target in turn. The run is bounded in
count and in time and stops by itself; nothing but 127.0.0.1 is contacted. Results are printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000-collaboration-with-saddam.txt"
TRANSCRIPT = "data/claimbuster/debate_transcripts/1960-10-07.txt"  # a whole debate, about 80 KB


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _client(host: str, port: int, path: str, count: int, deadline: float, latencies: list[float],
                  errors: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending `count` GETs one after the other. A minimal client on
    purpose: the load generator shares the machine's two cores with the server, so it must cost little."""
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    try:
        for _ in range(count):
            if time.monotonic() > deadline:
                return
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors[0] += 1
    finally:
        writer.close()


def load(url: str, clients: int, per_client: int, deadline: float) -> tuple[list[float], int]:
    """Latencies (seconds) of `clients` concurrent connections each requesting `url` `per_client` times."""
    parts = urlsplit(url)
    latencies: list[float] = []
    errors = [0]

    async def run() -> None:
        await asyncio.gather(*(_client(parts.hostname or "127.0.0.1", parts.port or 80, parts.path, per_client,
                                       deadline, latencies, errors) for _ in range(clients)))

    asyncio.run(run())
    return latencies, errors[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client and target")
    parser.add_argument("--seconds", type=float, default=60, help="time limit for each target")
    args = parser.parse_args(argv)
    transcript = args.shared / TRANSCRIPT
    if not transcript.exists():
        print(f"bench_web: {transcript} is missing (pass --shared DIR)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dossier.sqlite"
        env = {**os.environ, "CLAIMSCOPE_DB": str(db)}
        cli = [sys.executable, "-m", "claimscope"]
        subprocess.run([*cli, "ingest", "--pack", "mek-iraq", str(EXAMPLE), str(transcript)], env=env, check=True,
                       capture_output=True)
        ids = subprocess.run([*cli, "documents", "--format", "json"], env=env, check=True, capture_output=True,
                             text=True).stdout
        import json

        by_title = {d["title"]: d["id"] for d in json.loads(ids)}
        example_id = next(i for t, i in by_title.items() if t and t.startswith("Collaboration"))
        transcript_id = next(i for t, i in by_title.items() if i != example_id)
        port = free_port()
        server = subprocess.Popen([*cli, "serve", "--port", str(port), "--read-only"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(base + "/static/app.css", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            targets = [("static file /static/app.css", "/static/app.css"),
                       ("example article page", f"/documents/{example_id}"),
                       (f"transcript page ({transcript.stat().st_size // 1024} KB)", f"/documents/{transcript_id}")]
            for _, path in targets:  # warm-up: first renders, template compilation
                httpx.get(base + path, timeout=30)
            print(f"{args.clients} concurrent clients × {args.requests} requests per target, loopback, server "
                  f"in its own process (read-only)")
            print(f"{'target':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} {'errors':>6}")
            for label, path in targets:
                start = time.perf_counter()
                latencies, errors = load(base + path, args.clients, args.requests, time.monotonic() + args.seconds)
                wall = time.perf_counter() - start
                print(f"{label:34} {statistics.median(latencies) * 1000:8.1f} {percentile(latencies, .95) * 1000:8.1f}"
                      f" {max(latencies) * 1000:8.1f} {len(latencies) / wall:7.0f} {errors:6d}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
