"""Sources as CSL-JSON (for Zotero and every citation processor), formatted with citeproc-py; propositions as
schema.org ClaimReview (JSON-LD), whose rating grades support, never truth."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from claimscope.export.scope import Scope
from claimscope.model import Source

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
    parts = [int(p) for p in re.findall(r"\d+", source.date or "")[:3]] if source.date and source.date[:4].isdigit() \
        else []
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def csl_items(scope: Scope) -> list[dict[str, Any]]:
    return [csl_item(s) for audit in scope.audits for s in audit.sources]


def to_csl(scope: Scope) -> str:
    return json.dumps(csl_items(scope), ensure_ascii=False, indent=2) + "\n"


def bibliography(items: list[dict[str, Any]]) -> list[str]:
    """The items formatted as a bibliography (plain text) by citeproc-py, with the style it ships."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    if not items:
        return []
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def to_claimreview(scope: Scope) -> str:
    """One ClaimReview per proposition: the claim, who made it and where it appeared, and the grade of its support
    (its reasons in the review body)."""
    today = dt.date.today().isoformat()
    graph = []
    for p in scope.propositions:
        appearances = [{"@type": "CreativeWork", "name": m.title or m.document,
                        **({"publisher": {"@type": "Organization", "name": m.publisher}} if m.publisher else {})}
                       for m in p.members]
        grade = f"{p.grade.reliability}{p.grade.credibility}"
        graph.append({
            "@type": "ClaimReview",
            "identifier": p.id,
            "claimReviewed": p.text,
            "datePublished": today,
            "author": {"@type": "Organization", "name": "claimscope (automated audit)"},
            "itemReviewed": {"@type": "Claim", "appearance": appearances,
                             "author": [{"@type": "Thing", "name": n} for n in _asserters(p)]},
            "reviewRating": {"@type": "Rating", "ratingValue": grade, "alternateName":
                             f"Support {grade}: a grade of how well this is supported in the dossier, not of "
                             "whether it is true", "ratingExplanation": " ".join(p.grade.reasons)},
            "reviewBody": " ".join(p.grade.reasons) + " " + p.grade.note,
        })
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=2) + "\n"


def _asserters(p) -> list[str]:  # type: ignore[no-untyped-def]
    names: list[str] = []
    for m in p.members:
        for s in m.claim.stances:
            if s.stance in ("asserts", "testifies"):
                name = (m.publisher or m.title or m.document) if s.holder == "author" else p.names.get(
                    s.holder, s.holder_text)
                if name not in names:
                    names.append(name)
    return names
