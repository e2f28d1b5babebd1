"""Exports: the findings in the formats other tools read. Each format is an ``Exporter`` in ``FORMATS``; the CLI
(and later the web app) only look formats up here, so adding one is adding an entry.

An export reads the store (and, for the dossier, its propositions); it never re-runs analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimscope.export import references, report, tables, webannotation
from claimscope.export.scope import Scope

# What a file's suffix says it holds, to a reader and to the program that opens it by its suffix. A format is not
# written under a suffix that says another kind (csv's tables come zipped: x.csv would hold a zip); the JSON
# suffixes are one kind, since each JSON format is read by JSON tools; a suffix not listed says nothing. A suffix of
# two parts (.tar.gz) is read whole, before its last part.
KINDS = {".json": "JSON", ".jsonld": "JSON", ".jsonl": "JSON", ".ndjson": "JSON", ".zip": "a zip archive",
         ".csv": "CSV", ".tsv": "CSV", ".pdf": "PDF", ".html": "HTML", ".htm": "HTML", ".md": "Markdown",
         ".markdown": "Markdown", ".tar.gz": "a tar archive", ".tgz": "a tar archive", ".tar": "a tar archive",
         ".gz": "a gzip file", ".xlsx": "an Excel workbook", ".xls": "an Excel workbook",
         ".ods": "an OpenDocument spreadsheet", ".docx": "a Word document", ".doc": "a Word document",
         ".odt": "an OpenDocument text", ".bib": "BibTeX", ".ris": "RIS"}


def suffix_of(name: str) -> str | None:
    """The suffix of a file name that ``KINDS`` knows, the longest first (x.tar.gz: .tar.gz, not .gz)."""
    name = name.lower()
    return next((s for s in sorted(KINDS, key=len, reverse=True) if name.endswith(s) and len(name) > len(s)), None)


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    binary: bool
    describe: str
    write: Callable[[Scope], bytes | str]
    media: str = "application/json"

    def filename(self, stem: str) -> str:
        """``stem`` with the format's suffix, and its name where the suffix does not tell it (csl and json are both
        .json): claimscope-dossier.html, claimscope-dossier.csl.json."""
        kind = "" if self.suffix.lstrip(".").startswith(self.name) else f".{self.name}"
        return f"{stem}{kind}{self.suffix}"

    @property
    def kind(self) -> str:
        """The kind of file it writes, as ``KINDS`` names it (a zip archive for csv)."""
        return KINDS["." + self.suffix.rsplit(".", 1)[-1]]

    def clash(self, path: Path) -> str | None:
        """The kind of file ``path``'s suffix says, when it is not the kind this format writes; else None."""
        said = KINDS.get(suffix_of(path.name) or "")
        return said if said and said != self.kind else None

    def fitting(self, path: Path) -> Path:
        """``path`` named for what this format writes: each suffix saying another kind dropped, then this format's
        suffix added unless what is left says its kind already (json: x.json.zip -> x.json, not x.json.json; csv:
        tables.tar.gz -> tables.zip; ftm: x.ftm.zip -> x.ftm.json)."""
        name = path.name
        while (said := suffix_of(name)) and KINDS[said] != self.kind:
            name = name[:-len(said)]
        if suffix_of(name) is None:
            parts = self.suffix.split(".")[1:]  # ["ftm", "json"]: a name ending .ftm lacks only .json
            have = next((k for k in range(len(parts) - 1, 0, -1)
                         if name.lower().endswith("." + ".".join(parts[:k]))), 0)
            name += "." + ".".join(parts[have:])
        return path.with_name(name)


def _ftm(scope: Scope) -> str:
    from claimscope.export.ftm import to_ftm  # followthemoney loads its model on import: only when asked

    return to_ftm(scope)


FORMATS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("json", ".json", False, "the audits (claimscope.audit/1) and, for the dossier, its propositions",
             tables.to_json),
    Exporter("csv", ".zip", True, "claims, stances, sources, flags and their documents as CSV tables, one file "
             "each, in a zip", tables.to_csv_zip, "application/zip"),
    Exporter("annotations", ".jsonld", False, "W3C Web Annotations (one per claim, stance cue and flag) with "
             "TextQuoteSelector and TextPositionSelector", webannotation.to_annotations, "application/ld+json"),
    Exporter("csl", ".json", False, "the sources that name a work (not vague mentions) as CSL-JSON, for Zotero and "
             "citation processors", references.to_csl),
    Exporter("claimreview", ".jsonld", False, "schema.org ClaimReview JSON-LD for each proposition; the rating "
             "grades support, not truth", references.to_claimreview, "application/ld+json"),
    Exporter("ftm", ".ftm.json", False, "FollowTheMoney entities (JSON lines) for Aleph: documents, people, "
             "organisations, places, events and their mentions", _ftm, "application/x-ndjson"),
    Exporter("html", ".html", False, "the report as a web page (the same content as md, styled for print)",
             report.to_html, "text/html"),
    Exporter("pdf", ".pdf", True, "the report as PDF, rendered from the HTML by WeasyPrint", report.to_pdf,
             "application/pdf"),
    Exporter("md", ".md", False, "a report: summary, contested propositions with stance maps and grades, flagged "
             "wording, sources, and footnotes quoting the exact sentences", tables.to_markdown, "text/markdown"),
)}

__all__ = ["FORMATS", "Exporter", "Scope"]
