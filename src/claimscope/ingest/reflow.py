"""A PDF's text layer as prose: the lines it was printed in joined back into paragraphs, words hyphenated at a
line's end made whole, and the page furniture (running headers and footers, page numbers) taken out.

A text layer keeps every printed line break. The analysis reads a short line as the end of a sentence (a heading,
a list item), so in a narrow column every line became a "sentence" and claims were pieces of them ("Iraqi
officials denied the report, saying"). These are layout heuristics, each cautious: a line is joined to the next
unless it looks like the end of a paragraph, a heading or a list item comes next.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

PARAGRAPH_END = 0.8  # a line ending a sentence and shorter than this share of the page's usual line ends a paragraph
HEADING = 0.6  # a line without end punctuation and shorter than this share, before a capital, is a heading
MIN_USUAL = 30  # characters: pages whose usual line is shorter (tables, verse, lists) are left as they are
EDGE = 3  # lines at the top and at the bottom of a page where furniture is looked for
ENDS_SENTENCE = re.compile(r"[.!?:;…]['\"”’)\]]*$")
LIST_ITEM = re.compile(r"^\s*(\d{1,3}[.)]|\[\d{1,3}\]|[-*•·▪◦–—])\s+\S")
DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"[ \t]{2,}")
SOFT_HYPHENS = "\u00ad\u2010\u2011"  # typesetters' hyphens: a word broken at the line's end, made whole again


def reflow_pages(pages: list[str]) -> list[str]:
    """Each page's text reflowed, without its furniture: lines at its top or bottom that repeat at the same place
    on most pages, numbers aside ("Page 3 of 12", "- 3 -", a report's title)."""
    split = [page.split("\n") for page in pages]
    furniture = _furniture(split)
    out = []
    for lines in split:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        dropped = set()
        for end, order in (("top", filled[:EDGE]), ("bottom", filled[::-1][:EDGE])):
            for n, i in enumerate(order):  # inwards from the edge, while the lines are furniture
                if (end, n, _key(lines[i])) not in furniture:
                    break
                dropped.add(i)
        out.append(reflow([line for i, line in enumerate(lines) if i not in dropped]))
    return out


def reflow(lines: list[str]) -> str:
    lines = [SPACES.sub(" ", line).strip() for line in lines]
    usual = median([len(line) for line in lines if line] or [0])
    if usual < MIN_USUAL:
        return "\n".join(lines).strip()
    out: list[str] = []
    printed = ""  # the last line as printed (out[-1] is its paragraph so far)
    for line in lines:
        joins = bool(out and out[-1] and line and _continues(printed, line, usual))
        printed = line
        if joins:
            previous = out[-1]
            if previous[-1] in SOFT_HYPHENS and previous[-2:-1].isalpha() and line[0].islower():
                out[-1] = previous[:-1] + line
            elif previous.endswith("-") and previous[-2:-1].isalpha():
                out[-1] = previous + line  # "self-" "defence": a hyphen of the word itself, kept
            else:
                out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return "\n".join(out).strip()


def _continues(previous: str, line: str, usual: float) -> bool:
    """Whether ``line`` carries on the paragraph ``previous`` ends with."""
    if LIST_ITEM.match(line):
        return False
    if ENDS_SENTENCE.search(previous):
        return len(previous) >= PARAGRAPH_END * usual
    return not (len(previous) < HEADING * usual and line[0].isupper())


def _furniture(pages: list[list[str]]) -> set[tuple[str, int, str]]:
    """Running headers and footers: (edge, place from it, line with its numbers blanked) found on at least half
    the pages, two at the least."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, int, str]] = Counter()
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        seen.update({("top", n, _key(line)) for n, line in enumerate(kept[:EDGE])}
                    | {("bottom", n, _key(line)) for n, line in enumerate(kept[::-1][:EDGE])})
    return {found for found, n in seen.items() if n >= max(2, len(pages) / 2)}


def _key(line: str) -> str:
    return DIGITS.sub("#", " ".join(line.split()).lower())
