"""Paragraphs: runs of non-blank lines, separated by blank lines (offsets into the text)."""

from __future__ import annotations

import re

from claimscope.model import Span

BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for gap in BLANK_LINES.finditer(text):
        if text[start:gap.start()].strip():
            spans.append(Span(start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        spans.append(Span(start, len(text.rstrip())))
    return spans
