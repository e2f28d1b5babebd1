"""Markdown as the text a reader sees: its marks taken out (``**``, ``_``, ``#``, ``[text](address)``), each block on
its own lines, list items kept as "- " lines, and the addresses of its links kept as the document's links. Parsed
by markdown-it-py (CommonMark), so that "[UN report](https://...)" is the words "UN report" to the analysis, not a
holder named "UN report](https://www.un.org/report/2021".
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

BLOCK_TEXT = {"fence", "code_block"}


def markdown_text(source: str) -> tuple[str, list[str]]:
    """(the text, the http(s) addresses it links to, in order)."""
    blocks: list[tuple[str, int | None]] = []  # (text, the top-level list it is an item of, or None)
    links: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number] for an ordered one, [] for bullets
    top = 0  # the top-level lists seen so far: items of one are a line apart, of the next a block apart
    item_start = False
    for token in MarkdownIt("commonmark").parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            top += not lists
            lists.append([int(token.attrGet("start") or 1)] if token.type == "ordered_list_open" else [])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            item_start = True
        elif token.type == "inline":
            line, in_list = _inline(token.children or [], links), None
            if item_start and lists:
                numbered = lists[-1]
                marker = f"{numbered[0]}." if numbered else "-"
                if numbered:
                    numbered[0] += 1
                line, in_list = "  " * (len(lists) - 1) + f"{marker} {line}", top
                item_start = False
            blocks.append((line, in_list))
        elif token.type in BLOCK_TEXT:
            blocks.append((token.content.rstrip("\n"), None))
    return _join(blocks), links


def _inline(children: list[Token], links: list[str]) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(_inline(child.children or [], links))  # its alternative text
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if href.startswith(("http://", "https://")) and href not in links:
                links.append(href)
    return "".join(out).strip()


def _join(blocks: list[tuple[str, int | None]]) -> str:
    """Blocks a blank line apart, the items of a list one line apart (as they are written)."""
    out: list[str] = []
    previous: int | None = None
    for text, in_list in blocks:
        if not text:
            continue
        if in_list is not None and in_list == previous:
            out[-1] += "\n" + text
        else:
            out.append(text)
        previous = in_list
    return "\n\n".join(out)
