"""Saved web pages: main text and metadata from trafilatura; breadcrumbs and outbound links from the page's
markup (schema.org BreadcrumbList, or the element the page marks as its breadcrumb trail)."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura

from claimscope.ingest.text import to_edtf

# Page furniture whose links are not the page's own outbound links.
FURNITURE = "ancestor-or-self::*[self::nav or self::header or self::footer or self::aside]"


# The blocks of a fragment's text, each a paragraph (nested ones are read with the block that holds them).
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th")
FRAGMENT = re.compile(rb"(?i)<(?:html|body)\b")


def fragment_text(html: bytes | str) -> str:
    """The text of an HTML fragment (no <html> or <body>: "<p>...</p><p>...</p>"), a paragraph per block, which
    trafilatura finds too short to be a page's main text. "" for a whole page: its furniture is not its text."""
    raw = html.encode("utf-8") if isinstance(html, str) else html
    if FRAGMENT.search(raw):
        return ""
    tree = lxml.html.fromstring(raw)
    blocks = [b for b in tree.iter(*BLOCKS) if not any(a.tag in BLOCKS for a in b.iterancestors())]
    texts = [" ".join(b.text_content().split()) for b in blocks] or [" ".join(tree.text_content().split())]
    return "\n\n".join(t for t in texts if t)


def extract_html(html: bytes | str, url: str | None) -> dict[str, object] | None:
    """Main text and metadata of a page (or the text of a fragment), or None when there is none."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True,
                                      # the date from the page's metadata and markup only: htmldate's search of the
                                      # text takes a copyright year or a year the article mentions for 1 January of
                                      # it, and a page's date is evidence here, so none is better than a guess
                                      date_extraction_params={"extensive_search": False, "original_date": True,
                                                              "max_date": dt.date.today().isoformat()})
    tree = lxml.html.fromstring(html)
    if doc is None or not (doc.text or "").strip():
        fragment = fragment_text(html)
        return {"text": fragment, "title": None, "publisher": None, "published": None, "url": url,
                "breadcrumbs": [], "links": outbound_links(tree, url or "")} if fragment else None
    base = url or ""
    # trafilatura puts one block per line; a blank line between blocks makes them paragraphs.
    text = "\n\n".join(line for line in doc.text.split("\n") if line.strip())
    return {
        "text": text,
        "title": doc.title,
        "publisher": doc.sitename or doc.hostname,
        "published": to_edtf(doc.date),
        "url": doc.url or url,
        "breadcrumbs": breadcrumbs(tree),
        "links": outbound_links(tree, base),
    }


def breadcrumbs(tree: lxml.html.HtmlElement) -> list[str]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and item.get("@type") == "BreadcrumbList":
                elements = sorted(item.get("itemListElement", []), key=lambda e: e.get("position", 0))
                names = [e.get("name") or (e.get("item") or {}).get("name") for e in elements]
                return [n.strip() for n in names if isinstance(n, str) and n.strip()]
    trail = tree.xpath(
        "//*[@itemtype='https://schema.org/BreadcrumbList' or @itemtype='http://schema.org/BreadcrumbList'"
        " or contains(@aria-label,'readcrumb') or contains(@class,'breadcrumb') or contains(@id,'breadcrumb')]"
    )
    if trail:
        parts = [t.strip() for t in trail[0].xpath(".//a//text() | .//span[not(a)]//text() | .//li/text()")]
        return [p for p in parts if p and p not in {"»", "›", ">", "/", "|"}]
    return []


def outbound_links(tree: lxml.html.HtmlElement, base: str) -> list[str]:
    """Absolute http(s) links in the page outside its navigation, header, footer and asides, in order."""
    own = urlsplit(base)._replace(fragment="").geturl() if base else ""
    seen: dict[str, None] = {}
    for anchor in tree.xpath("//body//a[@href]"):
        if anchor.xpath(FURNITURE):
            continue
        link = urljoin(base, anchor.get("href", "").strip())
        parts = urlsplit(link)
        if parts.scheme in ("http", "https") and parts.netloc and parts._replace(fragment="").geturl() != own:
            seen.setdefault(link, None)
    return list(seen)
