"""`claimscope publish`: the dossier as a static website, made of the web app's own pages.

The app runs in this process in its published mode (read-only; no search box, forms or per-page downloads, which
need a server). Starting from the home page, every internal link is followed and its page saved as a file, with
links rewritten to relative paths ("/documents/ab12" -> "documents/ab12.html", from "claims/x.html" ->
"../documents/ab12.html"), so the site works from any static host or straight from disk. The dossier's exports
(the home page's download menu) are saved beside the pages. The site is built in a fresh folder and moved into
place at the end: an interrupted run leaves the previous site as it was.
"""

from __future__ import annotations

import asyncio
import html
import os
import posixpath
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from claimscope.errors import ClaimscopeError
from claimscope.link import index
from claimscope.service import dossier_pack
from claimscope.settings import Settings
from claimscope.store import Store

MARKER = ".claimscope-site"  # names a folder publish made, which it may replace
LINK = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')  # site-absolute links; "//host" and "https:" are left alone
UNPUBLISHABLE = ("/api/", "/search", "/docs", "/openapi.json", "/audit")  # need a server


def local_name(url: str) -> str:
    """The file a site URL is saved as (without its #fragment): a page gets .html, a query goes into the name."""
    path, _, query = url.partition("?")
    path = path.strip("/")
    if path.startswith("static/"):
        return path
    if path.startswith("export/"):
        from claimscope.export import FORMATS

        fmt = path.removeprefix("export/")
        return f"export/{FORMATS[fmt].filename('claimscope-dossier')}" if fmt in FORMATS else path
    name = path or "index"
    if query:
        name += "-" + re.sub(r"[^A-Za-z0-9_-]+", "-", query).strip("-")
    return name + ".html"


def relative(page: str, url: str) -> str:
    """``url`` (site-absolute, maybe with #fragment) as a link from the file ``page``."""
    target, _, fragment = url.partition("#")
    path = posixpath.relpath(local_name(target), posixpath.dirname(page) or ".") if target else ""
    return path + (f"#{fragment}" if fragment else "")


def check_target(out: Path) -> Path:
    """The folder to publish to, resolved: a new or empty one, or a site claimscope published (it is replaced),
    in a folder that exists (a typo in the path is not made into folders, as ``export --out`` does not)."""
    out = out.resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ClaimscopeError(str(out), "exists and is not a site claimscope published",
                              "give a new or empty folder")
    if not out.parent.is_dir():
        raise ClaimscopeError(str(out), f"cannot be written (folder {out.parent} does not exist)",
                              "create it first, or give another --out")
    return out


def publish(settings: Settings, pack: str | None, out: Path,
            progress: Callable[[str, int, int], None] | None = None) -> int:
    """Write the site to ``out`` and return the number of files. ``progress(url, done, known)`` after each."""
    from claimscope.web import WebSettings, create_app

    out = check_target(out)
    if not settings.db.exists():
        raise ClaimscopeError(str(settings.db), "no such dossier", "audit or ingest documents first")
    store = Store(settings.db)
    try:  # the links across documents brought up to date: the site's read-only app cannot store them
        index.ensure(store, dossier_pack(store, pack, remember=False))
    finally:
        store.engine.dispose()
    try:
        build = Path(tempfile.mkdtemp(prefix=".publish-", dir=out.parent))
    except OSError as exc:
        raise ClaimscopeError(str(out), f"cannot be written ({exc.strerror})") from None
    try:
        app = create_app(WebSettings(settings=settings, read_only=True, pack=pack, published=True))
        try:  # in a thread of its own: a caller may already run an event loop (a notebook, Playwright)
            with ThreadPoolExecutor(max_workers=1) as worker:
                written = worker.submit(asyncio.run, _crawl(app, build, progress)).result()
        finally:
            app.state.store.engine.dispose()
        (build / MARKER).write_text("made by claimscope publish; the next publish replaces this folder\n")
        if out.exists():
            shutil.rmtree(out)
        build.rename(out)
        mask = os.umask(0)
        os.umask(mask)
        out.chmod(0o777 & ~mask)  # mkdtemp made it private (0700): a web server of another user could not read it
    except OSError as exc:  # a full disk, say; before the swap, the previous site is left as it was
        raise ClaimscopeError(str(out), f"cannot be written ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return written


def _relink(page: str, name: str) -> str:
    return LINK.sub(lambda m: f'{m.group(1)}="{html.escape(relative(name, html.unescape(m.group(2))))}"', page)


async def _crawl(app, build: Path, progress: Callable[[str, int, int], None] | None) -> int:  # type: ignore[no-untyped-def]
    # the app in this process through httpx's ASGI transport: no socket, no server (pages need no lifespan)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://site.invalid", follow_redirects=True) as client:
        return await _follow(client, build, progress)


async def _follow(client: httpx.AsyncClient, build: Path, progress: Callable[[str, int, int], None] | None) -> int:
    queue = deque(["/", "/static/app.css", "/static/app.js"])
    seen = set(queue)
    done = 0
    while queue:
        url = queue.popleft()
        response = await client.get(url)
        if response.status_code != 200:
            raise ClaimscopeError(url, f"answered {response.status_code} while publishing",
                                  response.text[:200].strip())
        name = local_name(url)
        path = build / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if response.headers.get("content-type", "").startswith("text/html") and not url.startswith("/export/"):
            page = response.text
            for match in LINK.finditer(page):
                target = html.unescape(match.group(2)).partition("#")[0]
                if target.startswith(UNPUBLISHABLE):
                    raise ClaimscopeError(url, f"links to {target}, which a static site cannot serve")
                if target and target not in seen:
                    seen.add(target)
                    queue.append(target)
            path.write_text(_relink(page, name), encoding="utf-8")
        else:
            path.write_bytes(response.content)
        done += 1
        if progress:
            progress(url, done, len(seen))
    return done
