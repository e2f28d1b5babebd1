"""The report a person sends: HTML (Jinja2, every text escaped) and PDF rendered from it by WeasyPrint, which
needs no browser. The same content as the Markdown report: propositions with stance maps and grades, flagged
wording with what to ask, sources with their specificity, and footnotes quoting the exact sentences,
and the timeline figure (an SVG image: WeasyPrint draws it as vectors, its text kept as text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from claimscope import __version__
from claimscope.analyse.flags import kind_label
from claimscope.export.figure import data_uri, timeline_svg
from claimscope.export.references import bibliography, csl_items, unlisted
from claimscope.export.scope import Scope
from claimscope.export.tables import document_lines, sentence_at, unlisted_note
from claimscope.grade import counted, legend

TEMPLATES = Path(__file__).with_name("templates")


def to_html(scope: Scope) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["flag_label"] = kind_label
    env.filters["counted"] = counted
    notes: list[tuple[str, str]] = []

    def cite(quote: str, where: str) -> int:
        notes.append((" ".join(quote.split()), where))
        return len(notes)

    contested = [p for p in scope.propositions if p.contested]
    sources = [s for a in scope.audits for s in a.sources]
    figure = timeline_svg(scope.audits)
    return env.get_template("report.html").render(
        title=scope.title or "Dossier", version=__version__, today=dt.date.today().isoformat(), audits=scope.audits,
        claims=scope.claims, sources=sources, flags=scope.flagged(), propositions=contested or scope.propositions,
        partial=scope.partial_note,
        others=[p for p in scope.propositions if contested and not p.contested], legend=legend(),
        documents=document_lines(scope),
        contested=bool(contested), shared=len(scope.propositions), bibliography=bibliography(csl_items(scope)),
        unlisted=unlisted_note(left) if (left := unlisted(scope)) else "",
        notes=notes, cite=cite, sentence=sentence_at,
        timeline=data_uri(figure) if figure else None)


def to_pdf(scope: Scope) -> bytes:
    from weasyprint import HTML  # needs Pango (Debian: libpango-1.0-0); imported only for a PDF

    return HTML(string=to_html(scope)).write_pdf()
