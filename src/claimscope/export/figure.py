"""The timeline figure of the reports: one row per document, a dot for each dated expression and a bar for each
period, so a reader sees which years the documents talk about and where they overlap. Drawn with matplotlib's
object API (no pyplot: no global state, safe in the web app's threads) as SVG with its text kept as text, so the
PDF made from it stays searchable."""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterable, Sequence

from claimscope.dates import parse
from claimscope.model import Audit

UNPLACEABLE = 1000  # years: edtf spans an unknown year over 0..9999
MAX_ROWS = 24  # past this, the documents with the most dates are drawn and the rest counted in the title


def year_range(when: str) -> tuple[float, float] | None:
    """The first and last moment of an EDTF value in fractional years; an open end takes the other end. None
    when it cannot be placed: not EDTF, or its year unknown ("XXXX-03", March of some year)."""
    span = _span(when)
    return span[:2] if span else None


def _span(when: str) -> tuple[float, float, bool, bool] | None:
    """``year_range``, and whether the value is open at its start ("../1990": until 1990) and at its end
    ("1981/..": from 1981)."""
    try:
        value = parse(when)
    except ValueError:
        return None
    ends = [_year(value.lower_strict()), _year(value.upper_strict())]
    known = [e for e in ends if e is not None]
    if not known:
        return None
    low, high = ends[0] if ends[0] is not None else known[0], ends[1] if ends[1] is not None else known[-1]
    return (low, high, ends[0] is None, ends[1] is None) if high - low < UNPLACEABLE else None


def _year(moment: object) -> float | None:
    if not isinstance(moment, time.struct_time):  # edtf gives +/-inf for an open end
        return None
    return moment.tm_year + (moment.tm_mon - 1) / 12 + (moment.tm_mday - 1) / 366  # near enough to draw


def timeline_svg(audits: Sequence[Audit]) -> str | None:
    """The figure of these documents' dates as an SVG document, or None when none has a date."""
    return draw([(a.document.title or a.document.id[:12], [t.when for t in a.timeline]) for a in audits])


def draw(documents: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The figure of (document label, its EDTF values) rows, or None when nothing can be placed."""
    rows = []
    for label, values in documents:
        spans = [span for span in map(_span, values) if span]
        if spans:
            rows.append((label, spans))
    if not rows:
        return None
    left_out = max(0, len(rows) - MAX_ROWS)
    rows = sorted(rows, key=lambda r: -len(r[1]))[:MAX_ROWS]

    import matplotlib  # imported only when a report is made: it takes a moment to load
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.2, 0.9 + 0.32 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    for y, (_, spans) in enumerate(rows):
        points = [low for low, high, *_ in spans if high - low <= 1.01]
        ax.scatter(points, [y] * len(points), s=14, color="#1f4e79", alpha=0.55, linewidths=0)
        for low, high, *_ in spans:
            if high - low > 1.01:  # a period longer than a year is drawn as a bar
                ax.plot([low, high], [y, y], color="#b7472a", alpha=0.45, linewidth=3, solid_capstyle="butt")
    # an open period ("1981/..": from 1981; "../1990": until 1990) runs dashed to the edge, an arrow at its open
    # end; it was a dot at its one known year, as if it were that date. "From" runs to this year at least.
    left, right = ax.get_xlim()
    if any(s[3] for _, spans in rows for s in spans):
        right = max(right, time.gmtime().tm_year + 1)
    open_line = {"color": "#b7472a", "alpha": 0.45, "linewidth": 1.5, "linestyle": "--", "markersize": 4}
    for y, (_, spans) in enumerate(rows):
        for low, high, open_start, open_end in spans:
            if open_start:
                ax.plot([left, low], [y, y], marker="<", markevery=[0], **open_line)
            if open_end:
                ax.plot([high, right], [y, y], marker=">", markevery=[1], **open_line)
    ax.set_xlim(left, right)
    ax.set_yticks(range(len(rows)), [_short(title) for title, _ in rows], fontsize=7)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = "Dates in the documents (dot: a date; bar: a period; dashed: open-ended)"
    ax.set_title(title + (f"; {left_out} more documents not shown" if left_out else ""), fontsize=8, loc="left")
    out = io.StringIO()
    # text stays text (searchable, selectable); fixed ids and no date: the same dossier gives the same file
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "claimscope"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def data_uri(svg: str) -> str:
    """The figure as a data: URI, so a report stays one file. As an image it is its own document: its styles
    apply inside it, under the web app's CSP too."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _short(title: str, limit: int = 38) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
