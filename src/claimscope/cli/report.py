"""Terminal rendering of audits, ingest reports, document lists and search hits (Rich)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimscope.model import Audit
from claimscope.service import IngestReport
from claimscope.store import DocumentSummary, Hit

ENTITY_STYLE = {"Person": "bold cyan", "Organization": "bold magenta", "Place": "bold green",
                "Event": "bold yellow", "Group": "bold blue", "Other": "bold"}


def audit(out: Console, result: Audit, status: str | None = None) -> None:
    doc = result.document
    out.rule(Text(doc.title or "(untitled)", style="bold"))
    meta = Table.grid(padding=(0, 2))
    for label, value in (("id", doc.id), ("breadcrumbs", " » ".join(doc.breadcrumbs) or None),
                         ("url", doc.url), ("publisher", doc.publisher), ("published", doc.published),
                         ("perspective", doc.perspective or "unknown"), ("language", doc.language),
                         ("pages", str(len(doc.pages)) if doc.pages else None),
                         ("analysis", result.analysis_version), ("stored", status)):
        if value:
            meta.add_row(Text(label, style="dim"), Text(value))
    out.print(meta)
    for note in result.notes:
        out.print(Text(f"note: {note}", style="yellow"))
    summary = result.summary()
    out.print(Text(f"\n{summary['paragraphs']} paragraphs, {summary['sentences']} sentences, "
                   f"{summary['entities']} entities ({summary['mentions']} mentions), "
                   f"{summary['claims']} claims, {summary['sources']} sources", style="bold"))
    if result.sentences:
        out.print(Text("\nSentences, with entity mentions marked:", style="dim"))
        marked = marked_text(result)
        for i, sentence in enumerate(result.sentences, 1):
            out.print(Text(f"{i:>3}  ", style="dim") + marked[sentence.start:sentence.end])
    if result.entities:
        table = Table(title="Entities", title_justify="left", show_edge=False)
        for column in ("name", "type", "mentions", "also written"):
            table.add_column(column)
        for entity in result.entities:
            table.add_row(Text(entity.name, style=ENTITY_STYLE[entity.type]), entity.type,
                          str(len(entity.mentions)), ", ".join(entity.aliases))
        out.print()
        out.print(table)
    if doc.references:
        out.print(Text("\nThe document's own list of sources:", style="bold"))
        for ref in doc.references:
            out.print(Text(f"  {ref.text}"))
    if not result.claims:
        out.print(Text("\nClaims, stances, sources and flags: not extracted by analysis "
                       f"{result.analysis_version} (sentences and entities only).", style="dim"))


def marked_text(result: Audit) -> Text:
    text = Text(result.document.text)
    for entity in result.entities:
        for mention in entity.mentions:
            text.stylize(ENTITY_STYLE[entity.type], mention.start, mention.end)
    return text


def ingest(out: Console, err: Console, result: IngestReport, db: Path) -> None:
    parts = [f"{len(result.added)} added", f"{len(result.updated)} re-analysed",
             f"{len(result.unchanged)} already in the dossier", f"{len(result.refused)} refused"]
    out.print(f"{', '.join(parts)} — dossier: {db}", highlight=False)
    for _source, reason in result.refused:
        err.print(f"refused: {reason}", markup=False, highlight=False)


def documents(out: Console, docs: list[DocumentSummary], db: Path) -> None:
    if not docs:
        out.print(f"no documents in {db} (add some with `claimscope ingest`)", highlight=False)
        return
    table = Table(show_edge=False)
    for column in ("id", "title", "publisher", "published", "perspective", "lang", "words", "claims"):
        table.add_column(column, overflow="fold")
    for d in docs:
        table.add_row(d.id, d.title or "", d.publisher or "", d.published or "", d.perspective or "unknown",
                      d.language or "", str(d.words), str(d.claims))
    out.print(table)
    out.print(f"{len(docs)} documents — dossier: {db}", highlight=False)


def hits(out: Console, found: list[Hit], query: str) -> None:
    if not found:
        out.print(f"nothing found for {query!r}", highlight=False)
        return
    for hit in found:
        snippet = Text(hit.snippet.replace("\n", " "))
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        out.print(Text(f"{hit.kind:8} ", style="dim") + Text(f"{hit.document_id}  ")
                  + Text(hit.title or "", style="bold"))
        out.print(Text("         ") + snippet)


def next_steps(out: Console, db: Path) -> None:
    out.print()
    out.rule("next")
    out.print(f"dossier file: {db}", highlight=False)
    out.print("audit your own text:   claimscope audit FILE_OR_URL   (or - for stdin; --format json)")
    out.print("add many documents:    claimscope ingest --recursive FOLDER")
    out.print("list and search:       claimscope documents · claimscope search WORDS")
    out.print("web app:               not built yet (planned as `claimscope serve`); use the CLI for now")
