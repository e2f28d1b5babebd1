"""The document's text with its marks in place, as safe HTML.

The text is cut at every boundary of every mark, so each piece lies wholly inside or outside each mark; a
piece becomes one element carrying the classes and labels of the marks it is in. Every piece of the text is
escaped: nothing from a document is ever rendered as HTML.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from claimscope.analyse.flags import kind_label
from claimscope.model import Audit

STANCE_ICON = {"asserts": "✓", "reports": "↪", "denies": "✗", "disputes": "?", "testifies": "☞"}


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # claim | flag | cue | mention
    css: str
    label: str = ""  # read out to screen readers and shown on hover/focus
    href: str | None = None
    item: str = ""  # the item's id, so a rejected item can be hidden
    extra: dict[str, str] = field(default_factory=dict)


def marks_of(audit: Audit, rejected: set[str]) -> list[Mark]:
    names = {e.id: e.name for e in audit.entities}
    marks: list[Mark] = []
    for claim in audit.claims:
        marks.append(Mark(claim.start, claim.end, "claim", f"claim kind-{claim.kind}",
                          f"claim ({claim.kind}, check-worthiness {claim.checkworthiness:.2f})",
                          f"/claims/{claim.id}", claim.id))
        for stance in claim.stances:
            if stance.cue:
                who = "the author" if stance.holder == "author" else names.get(stance.holder, stance.holder_text)
                marks.append(Mark(stance.start, stance.end, "cue", f"cue stance-{stance.stance}",
                                  f"{STANCE_ICON[stance.stance]} {who} {stance.stance}", item=claim.id))
    for flag in audit.flags:
        marks.append(Mark(flag.start, flag.end, "flag", f"flag flag-{flag.kind}",
                          f"⚑ {kind_label(flag.kind)}: {flag.note}", item=flag.id, extra={"words": flag.text}))
    for entity in audit.entities:
        for m in entity.mentions:
            marks.append(Mark(m.start, m.end, "mention", f"mention type-{entity.type.lower()}",
                              f"{entity.name} ({entity.type})", f"/entities/{entity.id}", entity.id))
    return [m for m in marks if m.item not in rejected and m.end > m.start]


def render(audit: Audit, rejected: set[str]) -> Markup:
    """The document's paragraphs as HTML, with claims, stance cues, flags, entity mentions and citation marks."""
    text = audit.document.text
    marks = marks_of(audit, rejected)
    citations = {c.end: [s for s in c.citations] for c in audit.claims if c.id not in rejected and c.citations}
    source_number = {s.id: i for i, s in enumerate(audit.sources, 1)}
    claim_starts = {c.start: c for c in audit.claims if c.id not in rejected}
    out: list[str] = []
    marks.sort(key=lambda m: m.start)
    starts = [m.start for m in marks]
    longest = max((m.end - m.start for m in marks), default=0)
    for p_index, para in enumerate(audit.paragraphs):
        # only the marks that can reach this paragraph (sorted by start; none is longer than `longest`)
        lo, hi = bisect.bisect_left(starts, para.start - longest), bisect.bisect_left(starts, para.end)
        here = [m for m in marks[lo:hi] if m.end > para.start]
        cuts = {para.start, para.end} | {x for m in here for x in (m.start, m.end) if para.start < x < para.end}
        cuts |= {x for x in (*citations, *claim_starts) if para.start < x < para.end}
        bounds = sorted(cuts)
        pieces: list[str] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            if a in claim_starts:
                claim = claim_starts[a]
                about = f"claim: {escape(claim.kind)}, check-worthiness {claim.checkworthiness:.2f}"
                # the anchor a claim page links to: its own element, since the Claims toggle hides the badge
                pieces.append(f'<span class="claim-anchor" id="{escape(claim.id)}"></span>'
                              f'<a class="claim-badge" href="/claims/{escape(claim.id)}" aria-label="open {about}" '
                              f'title="{about} (how much it calls for checking, 0 to 1)">'
                              f"{claim.checkworthiness:.2f}</a>")
            inside = [m for m in here if m.start <= a and b <= m.end]
            pieces.append(_piece(text[a:b], inside, a))
            numbers = [n for n in (source_number.get(i) for i in citations.get(b, ())) if n]
            if numbers:  # "[src 3, 4]": not to be taken for the document's own footnote markers
                links = ", ".join(f'<a href="#source-{n}" aria-label="source {n}">{n}</a>' for n in numbers)
                pieces.append(f'<sup class="cite">[src {links}]</sup>')
        out.append(f'<p id="p{p_index}">' + "".join(pieces) + "</p>")
    return Markup("\n".join(out))


def _piece(words: str, inside: list[Mark], at: int) -> str:
    html = str(escape(words)).replace("\n", "<br>")
    if not inside:
        return html
    for mark in sorted(inside, key=lambda m: ("mention", "flag", "cue", "claim").index(m.kind)):
        label = escape(mark.label)
        if mark.kind == "mention" and mark.href:
            # not a tab stop: a short article names entities a hundred times; the summary lists them, linked
            html = f'<a class="{mark.css}" href="{escape(mark.href)}" title="{label}" tabindex="-1">{html}</a>'
        elif mark.kind == "flag":  # the first piece of a flag carries its icon, its note and the focus stop
            if mark.start == at:  # its accessible name starts with the flagged words, then the note
                html = (f'<mark class="{mark.css} flag-start" tabindex="0" data-note="{label}" '
                        f'aria-label="“{escape(mark.extra.get("words", ""))}”, {label}">{html}</mark>')
            else:
                html = f'<mark class="{mark.css}">{html}</mark>'

        elif mark.kind == "cue":
            html = f'<span class="{mark.css}" data-note="{label}" tabindex="0">{html}</span>'
        else:
            html = f'<span class="{mark.css}">{html}</span>'
    return html
