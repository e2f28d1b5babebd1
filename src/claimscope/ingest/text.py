"""Plain text and Markdown: normalization, YAML front matter, breadcrumb trails and "Sources" lists.

These helpers work on text, so HTML and PDF ingestion reuse them once they have their text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import unicodedata
from typing import Any

import frontmatter
import yaml

from claimscope.dates import is_edtf
from claimscope.model import Reference

# A breadcrumb trail is one line of parts joined by one of these separators, with at least this many parts
# (slashes and bars also join ordinary titles, so they need three).
BREADCRUMB_SEPARATORS = {" » ": 2, " › ": 2, " > ": 2, " / ": 3, " | ": 3}
# Headings that open a page's own list of sources.
REFERENCE_HEADINGS = re.compile(
    r"^\s*(#+\s*)?(sources?|references?|bibliography|further reading|notes|works cited)\s*:?\s*$",
    re.IGNORECASE,
)
# A list item: "1. ...", "1) ...", "[1] ...", "- ...", "* ...", "• ...".
LIST_ITEM = re.compile(r"^\s*(\d{1,3}[.)]|\[\d{1,3}\]|[-*•·])\s+\S")
URL = re.compile(r"https?://[^\s\"<>]+")
# Dates as people write them in front matter (English month names, as strptime reads them in the C locale)
WRITTEN_DATES = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%d %B, %Y")
# The leading EDTF-like part of a free-form date ("2005-04 (report date)" -> "2005-04").
LEADING_DATE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)")
# Failing that, a month or a day written in ISO form further in ("file dated 1996-01-11 (content refers to ...)");
# a year alone there is not taken ("undated revision (text refers to 'As of 2025')").
DATED = re.compile(r"(?<![\d-])(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])")


# Control characters other than tab and newline (a form or line feed is a line break): an ESC in a text would
# reach the terminal that shows it (a window title set, colours changed), and no reader sees the others.
BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """The canonical form that offsets point into and that a document's sha256 is computed on."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(BREAKS)
    text = CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (Jekyll/Hugo/Pandoc style) as a dict, and the body after it."""
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text
    try:
        post = frontmatter.loads(text.lstrip("\ufeff"))
    except yaml.YAMLError:
        return loose_front_matter(text)
    except ValueError:  # a date YAML reads as one but that is none ("2019-13-45"): every value read as text
        post = frontmatter.loads(text.lstrip("\ufeff"), handler=TextYAML())
    if not isinstance(post.metadata, dict):
        return {}, text
    return dict(post.metadata), post.content


FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def loose_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front matter that is not valid YAML, most often an unquoted colon (``title: MEK: a history``): read line by
    line as ``key: value`` when it is shaped like front matter, so that its fields are not lost and its lines not
    read as the document's sentences. Anything else that starts with a rule is kept whole."""
    found = FRONT.match(text)
    block = found.group(1) if found else ""
    first = next((line for line in block.splitlines() if line.strip()), "")
    if found is None or not FIELD.match(first):
        return {}, text
    return {key.lower(): value.strip("'\"") for key, value in FIELD.findall(block)}, text[found.end():]


class TextYAML(frontmatter.YAMLHandler):
    """Front matter read with every value a string: no date, number or boolean is built from it."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader builds strings, lists and dicts only)


def clean_metadata(meta: dict[str, Any]) -> dict[str, str | None]:
    """The front-matter fields claimscope knows, as strings; ``date`` becomes ``published`` (EDTF)."""
    out: dict[str, str | None] = {}
    for key in ("title", "publisher", "perspective"):
        value = meta.get(key)
        out[key] = str(value).strip() if value not in (None, "") else None
    # Front matter written by people holds notes as well as addresses ("unknown (...)", "URL (mirror of URL)"):
    # keep the first http(s) address, or nothing.
    url = URL.search(str(meta.get("url") or ""))
    out["url"] = url.group(0).rstrip(".,;)") if url else None
    licence = meta.get("license", meta.get("licence"))
    out["license"] = str(licence).strip() if licence else None
    out["published"] = to_edtf(next((meta[k] for k in ("date", "published", "pubdate") if meta.get(k)), None))
    return out


def to_edtf(value: object) -> str | None:
    """An EDTF date from a front-matter value, or None when it has no recognisable date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if is_edtf(text):  # "1995?", "198X", "2004-06/2004-08" as written
        return text
    for pattern in WRITTEN_DATES:  # "28 September 2012", "September 28, 2012"
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, pattern).date().isoformat()
    match = LEADING_DATE.match(text) or DATED.search(text)
    if not match:
        return None
    return match.group(1) if is_edtf(match.group(1)) else None


def find_breadcrumbs(text: str) -> list[str]:
    """The breadcrumb trail on the first line (``Home » Section » Title``), or []."""
    first = text.split("\n", 1)[0].strip()
    for sep, least in BREADCRUMB_SEPARATORS.items():
        parts = [p.strip() for p in first.split(sep)]
        if len(parts) >= least and all(parts) and all(len(p) <= 120 for p in parts):
            return parts
    return []


def guess_title(text: str, breadcrumbs: list[str]) -> str | None:
    """The title of a page saved as text: its last breadcrumb, else a short first line."""
    if breadcrumbs:
        return breadcrumbs[-1]
    first = text.split("\n", 1)[0].strip().lstrip("#=").rstrip("=").strip()
    bare = re.sub(r"(\[\d{1,3}\])+$", "", first).rstrip()  # without trailing footnote markers
    if bare and len(bare) <= 150 and len(bare.split()) <= 20 and not bare.endswith((".", ",", ";", ":", "!", "?")):
        return first
    return None


def first_words(text: str, limit: int = 80) -> str | None:
    """A label for a text with no title: its first line, cut at a word before ``limit`` characters ("…")."""
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    if len(line) <= limit:
        return line or None
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def find_references(text: str) -> list[Reference]:
    """Items of the page's own "Sources"/"References" list, as offsets into ``text``.

    The list starts after a heading line (``REFERENCE_HEADINGS``) and runs over list items
    (``LIST_ITEM``) and their continuation lines, up to the first line that is neither.
    """
    lists: list[list[Reference]] = []
    pos = 0
    in_list = False
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if REFERENCE_HEADINGS.match(line):
            in_list = True
            lists.append([])
        elif in_list and line.strip():
            if LIST_ITEM.match(line):
                lead = len(line) - len(line.lstrip())
                lists[-1].append(Reference(start + lead, start + len(line), line.strip()))
            else:
                in_list = False
    filled = [refs for refs in lists if refs]
    return filled[-1] if filled else []  # the last list on the page: earlier ones are often tables of contents
