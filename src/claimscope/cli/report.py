"""Terminal rendering of audits, ingest reports, document lists and search hits (Rich)."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimscope.dates import bounds, readable
from claimscope.grade import counted, stance_label
from claimscope.model import Audit, Source
from claimscope.store import DocumentSummary, Hit

if TYPE_CHECKING:
    from claimscope.service import IngestReport


def kind_label(kind: str) -> str:
    from claimscope.analyse.flags import kind_label as label  # the analyse package loads spaCy: not at start-up

    return label(kind)


MAX_HITS = 200  # the most hits of each kind `search --limit` shows: more is a list nobody reads
STANCE_STYLE = {"asserts": "green", "reports": "blue", "denies": "red", "disputes": "magenta", "testifies": "cyan"}
ENTITY_STYLE = {"Person": "bold cyan", "Organization": "bold magenta", "Place": "bold green",
                "Event": "bold yellow", "Group": "bold blue", "Other": "bold"}


def audit(out: Console, result: Audit, status: str | None = None, known: dict[str, str] | None = None) -> None:
    """The audit as text; ``known`` names entities the document may not (``analyse.entities.pack_names``)."""
    doc = result.document
    out.rule(Text(doc.title or "(untitled)", style="bold"))
    meta = Table.grid(padding=(0, 2))
    for label, value in (("id", doc.id), ("breadcrumbs", " » ".join(doc.breadcrumbs) or None),
                         ("url", doc.url), ("publisher", doc.publisher), ("published", doc.published),
                         ("perspective", doc.perspective or "unknown"), ("language", doc.language),
                         ("pages", str(len(doc.pages)) if doc.pages else None),
                         ("analysis", result.analysis_version), ("stored", status)):
        if value:
            meta.add_row(Text(label, style="dim"), Text(value, overflow="fold"))  # a URL whole, not cut at "…"
    out.print(meta)
    for note in result.notes:
        out.print(Text(f"note: {note}", style="yellow"))
    summary = result.summary()
    flags = ", ".join(f"{n} {kind_label(kind).lower()}" for kind, n in sorted(summary["flags"].items())) or "none"
    out.print(Text(f"\n{counted(summary['claims'], 'claim')} ({summary['claims_with_specific_source']} with a "
                   f"specific source, {summary['denied_claims']} denied, {summary['disputed_claims']} disputed) · "
                   f"{counted(summary['sources'], 'source')} · "
                   f"{counted(summary['entities'], 'entity', 'entities')} · flags: {flags}", style="bold"))
    names = {**(known or {}), **{e.id: e.name for e in result.entities}}
    sources = {s.id: s for s in result.sources}
    flags_by_id = {f.id: f for f in result.flags}
    marked = Marks(result)
    for i, claim in enumerate(result.claims, 1):
        head = Text(f"\n{i:>2}. ", style="bold") + Text(f"[{claim.kind} · {claim.checkworthiness:.2f}"
                                                        f"{' · ' + claim.when if claim.when else ''}] ", style="dim")
        out.print(head + marked.text(claim.start, claim.end))
        for stance in claim.stances:
            holder = "the author" if stance.holder == "author" else stance.holder_text
            if stance.holder in names and names[stance.holder].lower() != holder.lower():
                holder += f" [{names[stance.holder]}]"
            cue = f"  (“{stance.cue}”)" if stance.cue else ""
            # "holder: stance", as the web shows it ("six former members testifies" read as a grammar slip)
            out.print(Text("      ") + Text(f"{holder}: {stance.stance}", style=STANCE_STYLE[stance.stance])
                      + Text(cue, style="dim"))
        for source_id in claim.citations:
            src = sources[source_id]
            out.print(Text(f"      cites [{src.specificity}] ", style="dim") + Text(_source_line(src)))
        for flag_id in claim.flags:
            flag = flags_by_id[flag_id]
            out.print(Text(f"      ⚑ {kind_label(flag.kind)}: ", style="yellow") + Text(f"“{flag.text}” ", style="bold")
                      + Text(flag.note, style="dim"))
    if result.sources:
        table = Table(title="\nSources", title_justify="left", show_edge=False)
        for column in ("source", "kind", "specificity", "public"):
            table.add_column(column, overflow="fold")
        for src in result.sources:
            public = {True: "yes", False: "no", None: "unknown"}[src.public]
            table.add_row(_source_line(src), src.kind, src.specificity, public)
        out.print(table)
    if result.flags:
        out.print(Text("\nWording that stands in for evidence", style="bold italic"))
        grouped: dict[tuple[str, str], list[str]] = {}
        for flag in result.flags:
            grouped.setdefault((flag.kind, flag.note), []).append(flag.text)
        for (kind, note), words in sorted(grouped.items()):
            listed = ", ".join(f"“{w}”" + (f" ×{words.count(w)}" if words.count(w) > 1 else "")
                               for w in dict.fromkeys(words))
            out.print(Text(f"  ⚑ {kind_label(kind)}: ", style="yellow") + Text(listed, style="bold"))
            out.print(Text(f"      {note}", style="dim"))
    if result.timeline:
        out.print(Text("\nTimeline", style="bold italic"))
        seen: dict[tuple[str, str], int] = {}
        for t in result.timeline:
            seen[(t.when, t.text)] = seen.get((t.when, t.text), 0) + 1
        for (when, words), n in sorted(seen.items(), key=lambda item: (bounds(item[0][0]), item[0])):
            out.print(Text(f"  {when:<24}", style="cyan") + Text(words) + Text(f" ×{n}" if n > 1 else "", style="dim"))
    if result.entities:
        table = Table(title="\nEntities", title_justify="left", show_edge=False)
        for column in ("name", "type", "mentions", "also written"):
            table.add_column(column, overflow="fold")
        for entity in result.entities:
            also = ", ".join(sorted({m.text for m in entity.mentions} - {entity.name}))
            if entity.ambiguous:
                also = "could be: " + ", ".join(names.get(c, c) for c in entity.ambiguous)
            table.add_row(Text(entity.name, style=ENTITY_STYLE[entity.type]), entity.type,
                          str(len(entity.mentions)), also)
        out.print(table)


def _source_line(src: Source) -> str:
    label, date = src.label(), src.date and readable(src.date)
    return label + (f" — {date}" if date and date not in label else "")


class Marks:
    """The document's entities, flags and stance cues as styles, cut out claim by claim. Cutting one styled Text of
    the whole document walks all its spans for each claim: minutes for a long document."""

    def __init__(self, result: Audit):
        self.document = result.document.text
        spans = [(m.start, m.end, ENTITY_STYLE[e.type]) for e in result.entities for m in e.mentions]
        spans += [(f.start, f.end, "underline yellow") for f in result.flags]
        spans += [(s.start, s.end, f"reverse {STANCE_STYLE[s.stance]}") for c in result.claims for s in c.stances
                  if s.cue]
        # by start, each with its place in the list above: where styles overlap, the later one is laid on top
        self.spans = sorted((start, end, order, style) for order, (start, end, style) in enumerate(spans))
        self.starts = [span[0] for span in self.spans]
        self.longest = max((end - start for start, end, _ in spans), default=0)

    def text(self, start: int, end: int) -> Text:
        piece = Text(self.document[start:end])
        first = bisect.bisect_left(self.starts, start - self.longest)
        inside = [span for span in self.spans[first:bisect.bisect_left(self.starts, end)] if span[1] > start]
        for s, e, _, style in sorted(inside, key=lambda span: span[2]):
            piece.stylize(style, max(s, start) - start, min(e, end) - start)
        return piece


def ingest(out: Console, err: Console, result: IngestReport, db: Path,
           skipped: dict[str, list[str]] | None = None) -> None:
    parts = [f"{len(result.added)} added", f"{len(result.updated)} re-analysed",
             f"{len(result.unchanged)} already in the dossier", f"{len(result.refused)} refused"]
    out.print(f"{', '.join(parts)} — dossier: {db}", highlight=False)
    for source, doc_id, earlier in result.versions:
        out.print(version_note(source, doc_id, earlier), highlight=False)
    left_out(out, skipped or {})
    for _source, reason in result.refused:
        err.print(f"refused: {reason}", markup=False, highlight=False)


def left_out(out: Console, skipped: dict[str, list[str]]) -> None:
    """The files a folder walk left out, by reason."""
    for reason, files in skipped.items():
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        out.print(f"left out {len(files)} file(s) of the folder ({reason}): {shown}; name a file to add it",
                  highlight=False)


def version_note(source: str, doc_id: str, earlier: list[str]) -> str:
    if len(earlier) == 1:
        return (f"note: {source} was read before, with another text, as document {earlier[0]}; the new text is "
                f"document {doc_id}, and both are in the dossier: if it is a new version, remove the old with "
                f"`claimscope remove {earlier[0]}`")
    return (f"note: {source} was read before, with other texts, as documents {', '.join(earlier)}; the new text is "
            f"document {doc_id}, and all are in the dossier: if it is a new version, remove each old one with "
            f"`claimscope remove ID`")


WIDE = 120  # from this width on, the publisher has a column of its own; below it, it goes under the title


NARROW = 60  # below this, a table of even three columns folds every title: each document is a short block instead


def documents(out: Console, docs: list[DocumentSummary], db: Path) -> None:
    if not docs:
        out.print(f"no documents in {db} (add some with `claimscope ingest`)", highlight=False)
        return
    if out.width < NARROW:
        for d in docs:
            out.print(Text(d.title or "(untitled)", style="bold" if d.title else "dim"), soft_wrap=False)
            facts = [d.id, counted(d.claims, "claim"), d.published or "", d.perspective or "perspective unknown"]
            out.print(Padding(Text(" · ".join(f for f in facts if f), style="dim"), (0, 0, 0, 2)), soft_wrap=False)
            if d.publisher:
                out.print(Padding(Text(f"by {d.publisher}", style="dim"), (0, 0, 0, 2)), soft_wrap=False)
        out.print(f"{counted(len(docs), 'document')} — dossier: {db}", highlight=False)
        return
    wide = out.width >= WIDE
    table = Table(show_edge=False)
    # an id is what the other commands take, so it is never cut; a word is never broken (fold: only a word longer
    # than the column, such as a file name); short values keep a column as wide as the longest
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold", min_width=16, ratio=3)
    if wide:
        table.add_column("publisher", overflow="fold", min_width=12, ratio=2)
        for column, key in (("published", "published"), ("perspective", "perspective"), ("lang", "language")):
            table.add_column(column, no_wrap=True, min_width=max(len(getattr(d, key) or "unknown") for d in docs))
    for column in ("words", "claims"):
        table.add_column(column, justify="right", no_wrap=True)
    for d in docs:
        title = Text(d.title or "(untitled)", style="" if d.title else "dim")
        if wide:
            extra = [Text(d.publisher or ""), d.published or "", d.perspective or "unknown", d.language or ""]
        else:  # under the title, "by" tells where the title ends even without colour (a piped listing has none)
            extra = []
            if d.publisher:
                title.append(f"\nby {d.publisher}", style="dim")
            title.append("\n" + " · ".join(x for x in (d.published, d.perspective or "perspective unknown") if x),
                         style="dim")
        table.add_row(d.id, title, *extra, str(d.words), str(d.claims))
    out.print(table)
    out.print(f"{counted(len(docs), 'document')} — dossier: {db}", highlight=False)


def hits(out: Console, found: list[Hit], query: str, cut: Collection[str] = (), limit: int = 20) -> None:
    """Each hit with the id the other commands take (`show` a document, `proposition --add` a claim); ``cut``
    names the kinds of hit that ``limit`` left some out of."""
    if not found:
        out.print(f"nothing found for {query!r}", highlight=False)
        return
    for kind in ("document", "claim"):
        for hit in (h for h in found if h.kind == kind):
            snippet = Text(hit.snippet.replace("\n", " "))
            for start, end in hit.highlights:
                snippet.stylize("bold yellow", start, end)
            where = "" if hit.id == hit.document_id else f"in {hit.document_id}  "
            out.print(Text(f"{hit.kind:8} ", style="dim") + Text(f"{hit.id}  ") + Text(where, style="dim")
                      + Text(hit.title or "", style="bold"))
            out.print(Text("         ") + snippet)
        if kind in cut:
            out.print(Text(f"more {kind}s match than the {limit} shown: "
                           + (f"give --limit {min(limit * 2, MAX_HITS)}" if limit < MAX_HITS else "add words"),
                           style="yellow"))


def next_steps(out: Console, db: Path, db_option: str) -> None:
    """What to try next; ``db_option`` (" --db FILE", or "" for the dossier a bare command opens) is added to each
    command, so that a pasted one reads this dossier."""
    o = db_option
    out.print()
    out.rule("next")
    out.print(f"dossier file: {db}", highlight=False)
    out.print(f"audit your own text:   claimscope audit FILE_OR_URL{o}   (or - for stdin; --format json)",
              highlight=False)
    out.print(f"add many documents:    claimscope ingest --recursive FOLDER{o}", highlight=False)
    out.print(f"list and search:       claimscope documents{o} · claimscope search WORDS{o}", highlight=False)
    out.print(f"web app:               claimscope serve{o}   (then open http://127.0.0.1:8000/)", highlight=False)
    out.print(f"across documents:      claimscope propositions --contested{o} · claimscope entities --proposed{o}",
              highlight=False)
    out.print(f"reports and sites:     claimscope export --format pdf --out report.pdf{o} · claimscope publish --out"
              f" site{o}", highlight=False)


def propositions(out: Console, found: list) -> None:  # type: ignore[type-arg]
    if not found:
        out.print("no proposition is shared by two documents of this dossier yet")
        return
    for p in found:
        opposed = " · contested" if p.contested else ""
        out.print(Text(f"{p.id}  ", style="dim") + Text(f"[{p.grade.reliability}{p.grade.credibility}] ", style="bold")
                  + Text(p.text.replace("\n", " ")) + Text(f"  ({len(p.documents)} documents{opposed})", style="dim"))
    contested = sum(p.contested for p in found)
    out.print(Text(f"{counted(len(found), 'proposition')} ({contested} contested), those in the most documents "
                   "first, the contested first among them. Grades describe the support in this dossier "
                   "(reliability A-F, credibility 1-6), never truth.", style="dim"))


def proposition(out: Console, p, suggestions=()) -> None:  # type: ignore[no-untyped-def]
    from claimscope.link.propositions import link_label, link_note

    dated = "".join(f" · {label} {readable(first)}" + (f" to {readable(last)}" if last else "") + note
                    for label, first, last, note in p.times())
    out.rule(Text(p.text.replace("\n", " "), style="bold"))
    out.print(Text(f"{p.id} · {len(p.documents)} documents{dated}", style="dim"))
    if out.width < 160:  # six columns in 80: "the words" was 13 characters wide, four rows 60 lines tall
        out.print(Text("Stance map", style="italic"))
        for m in p.members:  # a block for each claim: its document, then who holds what, then its words
            out.print(Text(f"\n{m.title or m.document}", style="bold") + Text(
                f"  (side: {m.side_name or m.side}; link {link_label(m)})", style="dim"))
            for s in m.claim.stances:
                out.print(Text(f"  {p.who(s)}: ") + Text(stance_label(m.claim, s), style=STANCE_STYLE[s.stance]))
            out.print(Text(f"  “{m.words.replace(chr(10), ' ')}”"))
    else:  # the words get the room (the columns were all of one width)
        table = Table(title="Stance map", title_justify="left", show_edge=False, expand=True)
        for column, ratio in (("document", 2), ("document's side", None), ("holder", None), ("stance", None),
                              ("the words", 5)):
            table.add_column(column, overflow="fold", ratio=ratio)
        table.add_column("link", no_wrap=True, min_width=4)
        for m in p.members:
            for s in m.claim.stances:
                table.add_row(m.title or m.document, m.side_name or m.side, p.who(s),
                              Text(stance_label(m.claim, s), style=STANCE_STYLE[s.stance]),
                              Text(m.words.replace("\n", " ")), link_label(m))
        out.print(table)
    out.print(Text(f"link: {link_note()}", style="dim"))
    out.print(Text(f"\nGrade {p.grade.reliability}{p.grade.credibility}", style="bold"))
    for reason in p.grade.reasons:
        out.print(f"  {reason}", highlight=False)
    out.print(Text(p.grade.note, style="dim"))
    if suggestions:
        out.print(Text("\nMay state it too (not linked; add one with --add CLAIM_ID --author NAME)", style="bold"))
        for s in suggestions:
            out.print(Text(f"  {s.claim}  ", style="dim") + Text(s.text.replace("\n", " "))
                      + Text(f"  ({s.reason()}; {s.score:.2f})", style="dim"))
