"""Sources as CSL-JSON (for Zotero and every citation processor), formatted with citeproc-py; propositions as
schema.org ClaimReview (JSON-LD), whose rating grades support, never truth.

CSL-JSON and the report's bibliography list works a reader can look for, each once however many documents cite it:
a vague mention of a source ("intelligence documents", "testimonies") names none, nor does an attribution ("according
to the U.S. State Department"), so both are left out; the sources table and CSV keep every source."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from claimscope.export.scope import Scope
from claimscope.model import Source
from claimscope.pack import Pack

CSL_TYPES = {"official report": "report", "NGO report": "report", "court record": "legal_case",
             "news": "article-newspaper", "academic": "article-journal", "testimony": "interview",
             "intelligence": "report", "document": "document", "unknown": "document"}


def csl_item(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.id, "type": CSL_TYPES.get(source.kind, "document"),
                            "title": source.title or source.text,
                            "note": f"claimscope: {source.kind}, {source.specificity}, public: "
                                    f"{ {True: 'yes', False: 'no', None: 'unknown'}[source.public] }"}
    if source.publisher:
        item["publisher"] = source.publisher
        if item["type"] == "report":  # an agency's or an NGO's report is its own work: the author, not a title twice
            item["author"] = [{"literal": source.publisher}]
    parts = [int(p) for p in re.findall(r"\d+", source.date or "")[:3]] if source.date and source.date[:4].isdigit() \
        else []
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def listed(source: Source) -> bool:
    """Whether a source names a work a bibliography can list: not a vague mention ("intelligence documents"), nor
    an attribution (the word of whom a claim reports, "according to the U.S. State Department")."""
    return source.specificity != "vague" and source.kind != "attribution"


def _work(source: Source) -> tuple[str, str, str]:
    """What makes two cited sources one work: its title (or words), its publisher and its date, as words."""
    def words(text: str | None) -> str:
        return " ".join(re.findall(r"\w+", (text or "").lower()))
    return words(source.title or source.text), words(source.publisher), source.date or ""


def csl_items(scope: Scope) -> list[dict[str, Any]]:
    """The works the scope's documents cite, each once (two documents citing one report give one item)."""
    works: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s in (s for audit in scope.audits for s in audit.sources if listed(s)):
        works.setdefault(_work(s), csl_item(s))
    return list(works.values())


def unlisted(scope: Scope) -> list[Source]:
    """The sources left out of the bibliography and CSL-JSON: vague mentions and attributions, which name no work."""
    return [s for audit in scope.audits for s in audit.sources if not listed(s)]


def to_csl(scope: Scope) -> str:
    return json.dumps(csl_items(scope), ensure_ascii=False, indent=2) + "\n"


def bibliography(items: list[dict[str, Any]]) -> list[str]:
    """The items formatted as a bibliography (plain text) by citeproc-py, with the style it ships."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    if not items:
        return []
    # A work with no author is named by its title, which CSL says to print once; citeproc-py prints it twice ("court
    # session (no date) court session."), so such a work's title stands as its author here.
    items = [item if item.get("author") or item.get("publisher") else
             {**{k: v for k, v in item.items() if k != "title"}, "author": [{"literal": item["title"]}]}
             for item in items]
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def grade_scale() -> tuple[str, str]:
    """The best and the last grade of the rubric (A1, F6), written as a grade is: a letter and a number."""
    from claimscope.grade import rubric

    rows = rubric()
    letters = sorted({str(r["grade"]) for r in rows["reliability"]})
    numbers = sorted({int(r["grade"]) for r in rows["credibility"]})
    return f"{letters[0]}{numbers[0]}", f"{letters[-1]}{numbers[-1]}"


def appearances(p) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The documents a proposition appears in, each once (a document may state it in several claims), with its
    address where the dossier knows it."""
    seen: dict[str, dict[str, Any]] = {}
    for m in p.members:
        if m.document not in seen:
            seen[m.document] = {"@type": "CreativeWork", "name": m.title or m.document,
                                **({"url": m.url} if m.url else {}),
                                **({"publisher": {"@type": "Organization", "name": m.publisher}} if m.publisher
                                   else {})}
    return list(seen.values())


def to_claimreview(scope: Scope) -> str:
    """One ClaimReview per proposition: the claim, who made it and where it appeared, and the grade of its support
    (its reasons in the review body). The rating is the grade as the report writes it (B3), on the rubric's scale
    from A1 to F6: a grade of support in the dossier, never a verdict on truth."""
    today = dt.date.today().isoformat()
    best, worst = grade_scale()
    graph = []
    for p in scope.propositions:
        grade = f"{p.grade.reliability}{p.grade.credibility}"
        graph.append({
            "@type": "ClaimReview",
            "identifier": p.id,
            "claimReviewed": p.text,
            "datePublished": today,
            "author": {"@type": "Organization", "name": "claimscope (automated audit)"},
            "itemReviewed": {"@type": "Claim", "appearance": appearances(p),
                             "author": [{"@type": "Thing", "name": n} for n in _asserters(p, scope.pack)]},
            "reviewRating": {"@type": "Rating", "ratingValue": grade, "bestRating": best, "worstRating": worst,
                             "reviewAspect": "support in the dossier", "alternateName":
                             f"Support {grade}: a grade of how well this is supported in the dossier, not of "
                             "whether it is true", "ratingExplanation": " ".join(p.grade.reasons)},
            "reviewBody": " ".join(p.grade.reasons) + " " + p.grade.note,
        })
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=2) + "\n"


def _asserters(p, pack: Pack | None) -> list[str]:  # type: ignore[no-untyped-def]
    """Who asserts or testifies to the proposition: named holders, and a document's author as its publisher (the
    organisation, not the label, by the pack's name for it as the grade's reasons name it: "U.S. Department of State
    (...), as reproduced by ..." and "United States Department of State" -> "U.S. Department of State"), or as "the
    author of “title”" when the document names no publisher."""
    from claimscope.link.support import publisher_of

    names: list[str] = []
    for m in p.members:
        for s in m.claim.stances:
            if s.stance in ("asserts", "testifies"):
                name = (publisher_of(m.publisher, pack) or f"the author of “{m.title or m.document}”") \
                    if s.holder == "author" else p.names.get(s.holder, s.holder_text)
                name = (pack.publisher_name(name, None) if pack else None) or name  # a holder that publishes
                if name not in names:
                    names.append(name)
    return names
