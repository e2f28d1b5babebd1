"""Auditing a URL end to end: a real HTTP server on loopback (allowed explicitly), the real CLI."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_ingest import PAGE

pytestmark = pytest.mark.slow
ALLOW = {"CLAIMSCOPE_ALLOW_NETWORKS": "127.0.0.1/32"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    (root / "article.html").write_text(PAGE)
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_audited_and_the_bytes_read_are_kept(cli, db: Path, site: str) -> None:
    url = f"{site}/article.html"
    done = cli("audit", url, "--format", "json", db=db, env=ALLOW)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)["document"]
    assert document["url"] == url and document["title"] == "Camp Ashraf residents moved"
    with sqlite3.connect(db) as conn:
        location, sha, retrieved, content = conn.execute(
            "SELECT location, sha256, retrieved_at, content FROM originals").fetchone()
    assert location == url and sha == hashlib.sha256(PAGE.encode()).hexdigest() and content == PAGE.encode()
    assert retrieved.endswith("Z")


def test_the_same_server_is_refused_unless_allowed(cli, db: Path, site: str) -> None:
    done = cli("audit", f"{site}/article.html", db=db)
    assert done.returncode == 1 and "loopback" in done.stderr and "CLAIMSCOPE_ALLOW_NETWORKS" in done.stderr


def test_unsupported_media_type_and_http_errors(cli, db: Path, site: str) -> None:
    png = cli("audit", f"{site}/photo.png", db=db, env=ALLOW)
    assert png.returncode == 1 and "unsupported media type 'image/png'" in png.stderr
    missing = cli("audit", f"{site}/nope.html", db=db, env=ALLOW)
    assert missing.returncode == 1 and "404" in missing.stderr
