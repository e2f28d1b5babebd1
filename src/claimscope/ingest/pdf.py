"""PDF: the text layer of each page (pypdf), with page boundaries kept as offsets into the text."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from claimscope.errors import InputError
from claimscope.ingest.reflow import ENDS_SENTENCE, reflow_pages
from claimscope.ingest.text import normalize_text

PAGE_SEPARATOR = "\n\n"
# what word processors put in a PDF's title field when the author wrote none: the file's name, or a placeholder
NOT_A_TITLE = re.compile(r"^(microsoft (word|powerpoint|excel) - |untitled\b|document\d*$|title$)|"
                         r"\.(docx?|rtf|odt|pdf|indd|pptx?|xlsx?|txt|qxp)$", re.IGNORECASE)


def extract_pdf(content: bytes, subject: str) -> dict[str, object]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd object; we report failures
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(subject, "the PDF is encrypted", "remove the password first")
        page_texts = reflow_pages([normalize_text(page.extract_text() or "") for page in reader.pages])
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip()
        title = None if not title or NOT_A_TITLE.search(title) else title
    except (PyPdfError, DependencyError) as exc:  # DependencyError: an encryption pypdf cannot undo here
        raise InputError(subject, f"not a readable PDF ({exc})") from None
    if not any(page_texts):
        raise InputError(subject, "the PDF has no text layer (a scan?)", "run OCR on it first, e.g. ocrmypdf")
    text, pages, pos, last = [], [], 0, ""
    for page in page_texts:
        if page and pos:  # no separator before the first text, nor around empty pages
            # a sentence carried over to the next page stays one sentence
            separator = " " if page[0].islower() and not ENDS_SENTENCE.search(last) else PAGE_SEPARATOR
            text.append(separator)
            pos += len(separator)
        pages.append((pos, pos + len(page)))
        text.append(page)
        pos += len(page)
        last = page or last
    return {"text": "".join(text), "pages": pages, "title": title}
