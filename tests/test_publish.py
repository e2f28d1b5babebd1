"""`claimscope publish`: the corpus dossier as a static site. Every internal link of every page is followed on
disk (files and #anchors); every document, claim, entity and proposition has its page; the dossier's exports
are there; a folder that is not an earlier site is refused and left as it was. The site is opened in chromium
in test_web_browser.py."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markupsafe import escape

from claimscope.store import Store

pytestmark = pytest.mark.slow


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key in ("href", "src", "action") and value is not None:
                self.links.append(value)
            elif key == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_dead_internal_links(published_site: Path) -> None:
    pages = {p.relative_to(published_site).as_posix(): parse(p) for p in published_site.rglob("*.html")
             if not p.is_relative_to(published_site / "export")}
    followed = 0
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not link.startswith("/"), f"{name}: {link} only works from a server's root"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) \
                if parts.path else name
            assert (published_site / target).is_file(), f"{name}: dead link {link}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in pages[target].ids, f"{name}: {link} names no anchor of {target}"
            followed += 1
    assert followed > 2000  # every page links to many others


def test_every_finding_has_its_page(published_site: Path, corpus_dossier: Path) -> None:
    store = Store(corpus_dossier)
    documents = [store.audit(d.id) for d in store.documents()]
    for audit in documents:
        page = (published_site / "documents" / f"{audit.document.id}.html").read_text()
        assert str(escape(audit.document.title)) in page and 'class="text"' in page  # the text with its marks
        for claim in audit.claims:
            assert (published_site / "claims" / f"{claim.id}.html").is_file()
        for entity in audit.entities:
            assert (published_site / "entities" / f"{entity.id}.html").is_file()
    propositions = list((published_site / "propositions").glob("*.html"))
    assert len(propositions) >= 3
    for page in propositions:  # what a reviewer may add needs a server: neither offered nor linked
        assert "May state it too" not in (text := page.read_text()) and 'action="' not in text
    assert not any("It may state" in c.read_text() for c in (published_site / "claims").glob("*.html"))
    sources = (published_site / "sources.html").read_text()
    assert "Country Reports on Terrorism" in sources and "intelligence documents" in sources
    topics = (published_site / "documents.html").read_text()
    assert 'id="topic-mujahedin-khalq-as-an-opposition-group"' in topics  # the example's breadcrumbs
    home = (published_site / "index.html").read_text()
    assert 'action="' not in home and 'type="search"' not in home  # nothing that needs a server
    # named as the web app names its downloads (not "json.json")
    assert sorted(p.name for p in (published_site / "export").iterdir())[:3] == [
        "claimscope-dossier.annotations.jsonld", "claimscope-dossier.claimreview.jsonld", "claimscope-dossier.csl.json"]
    dossier = json.loads((published_site / "export" / "claimscope-dossier.json").read_text())
    assert len(dossier["documents"]) == len(documents)
    assert (published_site / "export" / "claimscope-dossier.pdf").read_bytes().startswith(b"%PDF")


def test_publish_refuses_a_folder_it_did_not_make(cli, corpus_dossier: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    done = cli("publish", "--out", str(folder), db=corpus_dossier)
    assert done.returncode == 1 and done.stderr.endswith("(give a new or empty folder)\n")
    assert done.stderr.startswith("error: ") and len(done.stderr.splitlines()) == 1  # no blank line either
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    under_a_file = cli("publish", "--out", str(folder / "notes.txt" / "site"), db=corpus_dossier)
    assert under_a_file.returncode == 1 and "cannot be written" in under_a_file.stderr
    assert under_a_file.stderr.startswith("error: ") and len(under_a_file.stderr.splitlines()) == 1
    missing = cli("publish", "--out", str(tmp_path / "site"), db=tmp_path / "nothing.sqlite")
    assert missing.returncode == 1 and "nothing.sqlite" in missing.stderr and not (tmp_path / "site").exists()
    # a typo in the path is not made into folders (export --out refuses it too)
    typo = cli("publish", "--out", str(tmp_path / "nodir" / "site"), db=corpus_dossier)
    assert typo.stderr == f"error: {tmp_path / 'nodir' / 'site'}: cannot be written (folder {tmp_path / 'nodir'} " \
        "does not exist) (create it first, or give another --out)\n" and not (tmp_path / "nodir").exists()
    # a damaged dossier: one line, not the web app's traceback of the first page it could not read
    damaged = Path(shutil.copy(corpus_dossier, tmp_path / "damaged.sqlite"))
    with damaged.open("r+b") as f:
        f.seek(damaged.stat().st_size // 2)
        f.write(b"\xff" * 65536)
    broken = cli("publish", "--out", str(tmp_path / "site"), db=damaged)
    assert broken.returncode == 1 and len(broken.stderr.splitlines()) == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.startswith(f"error: {damaged}: cannot be used as a claimscope dossier (")
    assert not (tmp_path / "site").exists()


def test_publish_again_replaces_the_site(cli, corpus_dossier: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = cli("publish", "--out", str(site), db=corpus_dossier)
    assert first.returncode == 0, first.stderr
    (site / "stale.html").write_text("from an older dossier")
    again = cli("publish", "--out", str(site), db=corpus_dossier)
    assert again.returncode == 0 and "published" in again.stderr
    assert (site / "index.html").is_file() and not (site / "stale.html").exists()
    mask = os.umask(0)
    os.umask(mask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~mask  # as any folder made here, not private to its maker
    assert not list(tmp_path.glob(".publish-*"))  # no build folder left behind
