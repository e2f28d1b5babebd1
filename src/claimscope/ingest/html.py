"""Saved web pages: main text and metadata from trafilatura; breadcrumbs and outbound links from the page's
markup (schema.org BreadcrumbList, or the element the page marks as its breadcrumb trail)."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

from claimscope.ingest.text import to_edtf

# Page furniture whose links are not the page's own outbound links.
FURNITURE = "ancestor-or-self::*[self::nav or self::header or self::footer or self::aside]"


# An HTML fragment ("<p>...</p><p>...</p>", no <html> or <body>) is read for its text, which trafilatura finds too
# short to be a page's main text: its blocks are its paragraphs. It starts with one of these tags.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre",
          "figcaption", "table", "tr", "td", "th", "div", "section", "article", "main")
FRAGMENT_START = re.compile("<(?:{})[\\s>]".format("|".join(BLOCKS)).encode())
WHOLE_PAGE = re.compile(r"(?i)<(?:html|body)\b")


def fragment(html: str, url: str | None) -> dict[str, object] | None:
    """The text of an HTML fragment (decoded), as ``extract_html`` gives a page's; None for a whole page (its
    furniture is not its text) or no text. No word is dropped or glued to another: loose text between blocks is
    kept, a <br> or a block boundary separates words, scripts and styles are not text."""
    if WHOLE_PAGE.search(html):
        return None
    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):  # nothing but a comment, say
        return None
    for element in list(tree.iter("script", "style")):
        element.drop_tree()
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in tree.iter(*BLOCKS):
        block.text, block.tail = "\n\n" + (block.text or ""), "\n\n" + (block.tail or "")
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", tree.text_content()))
    text = "\n\n".join(p for p in paragraphs if p)
    return {"text": text, "title": None, "publisher": None, "published": None, "url": url, "breadcrumbs": [],
            "links": outbound_links(tree, url or "")} if text else None


def extract_html(html: bytes | str, url: str | None) -> dict[str, object] | None:
    """Main text and metadata of a page, or None when trafilatura finds no main text."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True,
                                      # the date from the page's metadata and markup only: htmldate's search of the
                                      # text takes a copyright year or a year the article mentions for 1 January of
                                      # it, and a page's date is evidence here, so none is better than a guess
                                      date_extraction_params={"extensive_search": False, "original_date": True,
                                                              "max_date": dt.date.today().isoformat()})
    if doc is None or not (doc.text or "").strip():
        return None
    tree = lxml.html.fromstring(html)
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
