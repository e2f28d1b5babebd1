"""Ingestion: a source (path, URL or stdin) -> a Document with its text, metadata and the original bytes.

The kind of a source is told by its extension or media type, then confirmed from its bytes; each refusal
is an ``InputError`` naming the source and the problem.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path, PurePath
from typing import BinaryIO

import py3langid

from claimscope.errors import InputError, TooLarge, UnsupportedType
from claimscope.ingest.html import FRAGMENT_START, extract_html, fragment
from claimscope.ingest.pdf import extract_pdf
from claimscope.ingest.text import (
    clean_metadata,
    find_breadcrumbs,
    find_references,
    guess_title,
    normalize_text,
    sha256_text,
    split_front_matter,
)
from claimscope.model import Document, Original
from claimscope.settings import Settings

EXTENSIONS = {".txt": "text", ".text": "text", "": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
MEDIA_TYPES = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown",
               "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf"}
APP_SHELL = re.compile(r"\b(enable|turn on|requires?) javascript\b|\bjavascript (is )?(required|disabled)\b",
                       re.IGNORECASE)
MEDIA_BY_KIND = {"pdf": "application/pdf", "html": "text/html", "markdown": "text/markdown"}
LEGACY = "cp1252"  # Windows-1252, the fallback for undeclared text that is not UTF-8
SUPPORTED = "claimscope reads .txt, .md, .html and .pdf files, URLs and stdin"


def is_url(source: str) -> bool:
    """Anything with a scheme is read as a URL, so that ``file://`` and friends are refused, not opened."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source) is not None


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_source(source: str | PurePath, settings: Settings, stdin: BinaryIO | None = None) -> Document:
    """Read one source: ``-`` for stdin, an http(s) URL, or a file path (a string or a path object)."""
    if isinstance(source, PurePath):
        return read_path(Path(source), settings)
    if source == "-":
        stream = stdin or sys.stdin.buffer
        content = stream.read(settings.max_bytes + 1)
        return read_bytes(content, "-", settings, kind=None)
    if is_url(source):
        from claimscope.ingest.fetch import fetch  # imports httpx only when a URL is read

        fetched = fetch(source, settings)
        kind = MEDIA_TYPES.get(fetched.media_type)
        if kind is None and fetched.media_type and sniff(fetched.content) is None:  # a PDF sent as a download
            raise UnsupportedType(source, f"unsupported media type {fetched.media_type!r}", SUPPORTED)
        return read_bytes(fetched.content, source, settings, kind=kind, url=fetched.final_url,
                          media_type=fetched.media_type, charset=fetched.charset,
                          retrieved_at=fetched.retrieved_at)
    return read_path(Path(source), settings)


def read_path(path: Path, settings: Settings) -> Document:
    subject = str(path)
    if not path.exists():
        raise InputError(subject, "no such file")
    if path.is_dir():
        raise InputError(subject, "is a directory", "use `claimscope ingest --recursive` for folders")
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedType(subject, f"unsupported file type {path.suffix!r}", SUPPORTED)
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise TooLarge(subject, f"{size:,} bytes is over the limit of {settings.max_bytes:,}",
                       "raise it with --max-bytes or CLAIMSCOPE_MAX_BYTES")
    try:
        with path.open("rb") as file:  # no more than the limit: a device or a pipe has no size to check first
            content = file.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(subject, f"cannot be read ({exc.strerror})") from None
    return read_bytes(content, subject, settings, kind=kind, path=path)


def sniff(content: bytes) -> str | None:
    head = content[:1024].lstrip().lower()
    if content.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:300]:
        return "html"
    return None


def read_bytes(content: bytes, subject: str, settings: Settings, *, kind: str | None,
               url: str | None = None, media_type: str | None = None, charset: str | None = None,
               retrieved_at: str | None = None, path: Path | None = None) -> Document:
    if len(content) > settings.max_bytes:
        raise TooLarge(subject, f"more than {settings.max_bytes:,} bytes",
                       "raise the limit with --max-bytes or CLAIMSCOPE_MAX_BYTES")
    if not content.strip():
        raise InputError(subject, "is empty")
    sniffed, untyped = sniff(content), kind is None
    if kind == "pdf" and sniffed != "pdf":
        raise InputError(subject, "is not a PDF (no %PDF header); the file is corrupt or misnamed")
    # a PDF's header is unmistakable, whatever the name or the server says; HTML is sniffed only in "text"
    kind = sniffed if sniffed == "pdf" or (sniffed and kind in (None, "text")) else (kind or "text")
    if kind == "text" and untyped and FRAGMENT_START.match(content.removeprefix(codecs.BOM_UTF8).lstrip().lower()):
        kind = "html"  # a fragment ("<p>...</p>") piped in: its tags are not its text; a named .txt stays text

    meta: dict[str, object] = {}
    if kind == "pdf":
        extracted = extract_pdf(content, subject)
        text, pages = str(extracted["text"]), list(extracted["pages"])  # type: ignore[call-overload]
        meta["title"] = extracted["title"]
    elif kind == "html":
        if binary(content):  # random bytes named .html: not "a page without main text"
            raise InputError(subject, "is a binary file, not HTML", SUPPORTED)
        extracted_html = extract_html(content, url) or fragment(decode_text(content, subject, charset)[0], url)
        if extracted_html is None:
            raise InputError(subject, "no main text found in the HTML page")
        text, pages = normalize_text(str(extracted_html.pop("text"))), []
        if len(text.split()) < 40 and APP_SHELL.search(text):  # the page is drawn by scripts claimscope never runs
            raise InputError(subject, "the HTML page is an empty shell that a script fills in (“enable "
                                      "JavaScript”)", "save the page from a browser once it has loaded, and add that")
        meta.update(extracted_html)
    else:
        decoded, encoding = decode_text(content, subject, charset)
        if encoding == LEGACY:  # a guess: kept with the bytes, and the audit says so
            media_type = f"{media_type or MEDIA_BY_KIND.get(kind, 'text/plain')}; charset=windows-1252"
        front, body = split_front_matter(decoded)
        meta.update(clean_metadata(front))
        if kind == "markdown":
            from claimscope.ingest.markdown import markdown_text

            body, meta["links"] = markdown_text(body)
        text, pages = normalize_text(body), []
    if not any(ch.isalnum() for ch in text):  # spaces, punctuation or invisible characters only
        raise InputError(subject, "has no text")

    breadcrumbs = list(meta.get("breadcrumbs") or []) or find_breadcrumbs(text)  # type: ignore[call-overload]
    sha = sha256_text(text)
    original = Original(
        sha256=hashlib.sha256(content).hexdigest(), content=content,
        media_type=media_type or MEDIA_BY_KIND.get(kind, "text/plain"),
        location=str(path.resolve()) if path else subject, retrieved_at=retrieved_at or now_utc())
    return Document(
        id=sha[:16], sha256=sha, text=text,
        title=_str(meta.get("title")) or guess_title(text, breadcrumbs),
        url=_str(meta.get("url")) or url, publisher=_str(meta.get("publisher")),
        published=_str(meta.get("published")), perspective=_str(meta.get("perspective")),
        license=_str(meta.get("license")), language=detect_language(text),
        breadcrumbs=breadcrumbs, links=list(meta.get("links") or []),  # type: ignore[call-overload]
        pages=pages, references=find_references(text), source_kind=kind, original=original)


# UTF-32 first: its little-endian mark starts with UTF-16's
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))


def binary(content: bytes) -> bool:
    """NUL bytes near the start, and no byte-order mark of a text encoding that has them: no text file."""
    return b"\x00" in content[:8192] and not any(content.startswith(bom) for bom, _ in BOMS)


def decode_text(content: bytes, subject: str, charset: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in: a byte-order mark, else the declared charset, else UTF-8, else
    (nothing declared) Windows-1252 when the bytes read as Western European text."""
    encoding = "utf-8"
    if charset:
        with contextlib.suppress(LookupError):  # an unknown label: read it as UTF-8, and say so if that fails
            encoding = codecs.lookup(charset).name
    encoding = next((name for bom, name in BOMS if content.startswith(bom)), encoding)  # a byte-order mark decides
    if binary(content) and not encoding.startswith(("utf-16", "utf-32")):
        raise InputError(subject, "is a binary file, not text", SUPPORTED)
    try:
        return content.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        legacy = None if charset or encoding != "utf-8" else western(content)
        if legacy is not None:
            return legacy, LEGACY
        raise InputError(subject, f"is not valid {encoding} (byte 0x{content[exc.start]:02x} at offset "
                         f"{exc.start})", "convert it to UTF-8, e.g. with iconv") from None


def western(content: bytes) -> str | None:
    """The bytes read as Windows-1252 (what browsers assume of undeclared legacy text, and a superset of
    Latin-1's printable characters), if that gives Western European text: every byte defined, and accented
    letters a small share of the letters (Cyrillic or Greek in their own 8-bit code pages would be all accents)."""
    try:
        text = content.decode(LEGACY)
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined
        return None
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 127)
    return text if letters and accented <= 0.2 * len(letters) else None


def detect_language(text: str) -> str:
    lang, _score = py3langid.classify(text[:20000])
    return str(lang)


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
