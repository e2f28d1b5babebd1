"""JSON, CSV tables and the Markdown report."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile

from claimscope.analyse.flags import kind_label
from claimscope.export.figure import data_uri, timeline_svg
from claimscope.export.references import bibliography, csl_items, unlisted
from claimscope.export.scope import Scope
from claimscope.grade import counted, legend, stance_label
from claimscope.link.propositions import link_label, link_note
from claimscope.model import Source

DOSSIER_SCHEMA = "claimscope.dossier/1"


def to_json(scope: Scope) -> str:
    if not scope.whole_dossier and len(scope.audits) == 1:
        data: object = scope.audits[0].to_json()
    else:
        data = {"schema": DOSSIER_SCHEMA, "documents": [a.to_json() for a in scope.audits],
                "propositions": [p.to_json() for p in scope.propositions]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


TABLES = {  # a "document" column names a row of documents.csv (proposition_claims.csv also names documents outside
    # a one-document export), a "proposition" column a row of propositions.csv
    "documents.csv": ("document", "title", "publisher", "url", "published", "perspective", "language", "sha256",
                      "analysis_version", "claims", "stances", "sources", "flags"),
    "claims.csv": ("document", "claim", "start", "end", "kind", "checkworthiness", "when", "text"),
    "stances.csv": ("document", "claim", "holder", "holder_text", "stance", "cue", "start", "end"),
    "sources.csv": ("document", "source", "kind", "specificity", "public", "title", "publisher", "date", "text"),
    "flags.csv": ("document", "flag", "kind", "start", "end", "text", "note"),
    "propositions.csv": ("proposition", "text", "grade", "reliability", "credibility", "contested", "documents",
                         "claims", "reasons"),
    # which claims state each proposition (a claim of another document than the export's, for one document's)
    "proposition_claims.csv": ("proposition", "document", "claim", "link", "merged"),
}


def rows(scope: Scope) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {name: [] for name in TABLES}
    for audit in scope.audits:
        d = audit.document
        doc = d.id
        out["documents.csv"].append((doc, d.title or "", d.publisher or "", d.url or "", d.published or "",
                                     d.perspective or "", d.language or "", d.sha256, audit.analysis_version,
                                     len(audit.claims), sum(len(c.stances) for c in audit.claims),
                                     len(audit.sources), len(audit.flags)))
        for c in audit.claims:
            out["claims.csv"].append((doc, c.id, c.start, c.end, c.kind, c.checkworthiness, c.when or "", c.text))
            out["stances.csv"].extend((doc, c.id, s.holder, s.holder_text, s.stance, s.cue, s.start, s.end)
                                      for s in c.stances)
        out["sources.csv"].extend((doc, s.id, s.kind, s.specificity, "" if s.public is None else s.public,
                                   s.title or "", s.publisher or "", s.date or "", s.text) for s in audit.sources)
        out["flags.csv"].extend((doc, f.id, f.kind, f.start, f.end, f.text, f.note) for f in audit.flags)
    for prop in scope.propositions:
        g = prop.grade
        out["propositions.csv"].append((prop.id, prop.text, f"{g.reliability}{g.credibility}", g.reliability,
                                        g.credibility, prop.contested, len(prop.documents), len(prop.members),
                                        " ".join(g.reasons)))
        out["proposition_claims.csv"].extend((prop.id, m.document, m.claim.id, "" if m.link is None else
                                              round(m.link, 4), m.merged) for m in prop.members)
    return out


def to_csv_zip(scope: Scope) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, table in rows(scope).items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(TABLES[name])
            writer.writerows(table)
            member = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o100644 << 16  # a file readable by all once unzipped (writestr's default: 0600)
            archive.writestr(member, text.getvalue())
    return buffer.getvalue()


def _md(text: str) -> str:
    """Text as Markdown prose: one line, with the characters Markdown would read escaped."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def to_markdown(scope: Scope) -> str:
    notes: list[str] = []

    def footnote(quote: str, where: str) -> str:
        notes.append(f"[^{len(notes) + 1}]: “{_md(quote)}” ({_md(where)})")
        return f"[^{len(notes)}]"

    titles = {a.document.id: a.document.title or a.document.id for a in scope.audits}
    lines = ["# claimscope report" + (f": {_md(scope.title)}" if scope.title else ""), ""]
    flagged = scope.flagged()
    sources = [s for a in scope.audits for s in a.sources]
    shared = len(scope.propositions)
    lines += [f"{counted(len(scope.audits), 'document')}, {counted(scope.claims, 'claim')}, "
              f"{counted(len(sources), 'source')}, {counted(len(flagged), 'flagged phrase')}, "
              f"{counted(shared, 'proposition')} shared by two or more documents.", "",
              *([_md(scope.partial_note), ""] if scope.partial_note else []),
              "Grades describe how well a proposition is supported in this dossier, never whether it is true.", ""]
    contested = [p for p in scope.propositions if p.contested] or scope.propositions
    if contested:
        lines += ["## Propositions" + (" in dispute" if any(p.contested for p in contested) else ""), "",
                  f"{legend()} Link: {link_note()}.", ""]
    for p in contested:
        lines += [f"### {_md(p.text)}", "", f"Grade {p.grade.reliability}{p.grade.credibility}: "
                  + " ".join(_md(r) for r in p.grade.reasons), "",
                  "| document | document's side | who | stance | link |", "|---|---|---|---|---|"]
        for m in p.members:
            for s in m.claim.stances:
                lines.append(f"| {_md(m.title or m.document)} {footnote(m.words, m.title or m.document)} | "
                             f"{_md(m.side_name or m.side)} | {_md(p.who(s))} | {stance_label(m.claim, s)} | "
                             f"{link_label(m)} |")
        lines.append("")
    others = [p for p in scope.propositions if p not in contested]
    if others:
        lines += ["## Other propositions", ""] + [
            f"- Grade {p.grade.reliability}{p.grade.credibility}, {len(p.documents)} documents: {_md(p.text)}"
            for p in others] + [""]
    lines += ["## Documents", ""] + [f"- {_md(line)}" + (f" <{url}>" if url else "")
                                     for line, url in document_lines(scope)] + [""]
    if flagged:
        lines += ["## Wording that stands in for evidence", ""]
        for audit, f in flagged:
            mark = footnote(sentence_at(audit, f.start), titles[audit.document.id])
            lines.append(f"- **{kind_label(f.kind)}**: “{_md(f.text)}” {mark} — {_md(f.note)}")
        lines.append("")
    figure = timeline_svg(scope.audits)
    if figure:  # embedded, so the report stays one file
        lines += ["## Timeline", "", f"![Dates in the documents]({data_uri(figure)})", ""]
    if sources:
        lines += ["## Sources", "", "| source | kind | specificity | public |", "|---|---|---|---|"]
        for s in sources:
            public = {True: "yes", False: "no", None: "unknown"}[s.public]
            lines.append(f"| {_md(s.title or s.text)} | {s.kind} | {s.specificity} | {public} |")
        lines += ["", "### Bibliography", ""] + [f"- {_md(entry)}" for entry in bibliography(csl_items(scope))]
        left = unlisted(scope)  # vague mentions and attributions name no work: the table above lists them, not this
        if left:
            lines += ([""] if lines[-1] else []) + [_md(unlisted_note(left))]
        lines.append("")
    return "\n".join(lines + ["## Notes", ""] + notes) + "\n"


def unlisted_note(left: list[Source]) -> str:
    """Why the bibliography lists fewer sources than the table above it (Markdown and HTML reports alike)."""
    vague = [s for s in left if s.specificity == "vague"]
    attributions = [s for s in left if s.specificity != "vague"]
    parts = [f"{counted(len(group), what)} ({'such as ' if len(group) > 1 else ''}“{group[0].text}”)"
             for group, what in ((vague, "vague mention"), (attributions, "attribution")) if group]
    return (f"{' and '.join(parts)} {'is' if len(left) == 1 else 'are'} not listed: "
            f"{'it names' if len(left) == 1 else 'they name'} no work a reader could look for; see the sources table.")


def document_lines(scope: Scope) -> list[tuple[str, str | None]]:
    """Each document as (title, publisher, date and perspective; its address), so a reader can find it."""
    documents = [a.document for a in scope.audits]
    return [(f"{d.title or d.id}, {d.publisher or 'publisher unknown'}, {d.published or 'date unknown'}; "
             f"perspective: {d.perspective or 'unknown'}; id {d.id}", d.url) for d in documents]


def sentence_at(audit, at: int) -> str:  # type: ignore[no-untyped-def]
    """The sentence holding offset ``at``: footnotes quote the exact words."""
    text = audit.document.text
    return next((text[s.start:s.end] for s in audit.sentences if s.start <= at < s.end), text[at:at + 200])
