"""W3C Web Annotations (JSON-LD): one per claim, stance cue and flag, each anchored with a TextQuoteSelector
(exact words, with some context either side) and a TextPositionSelector (offsets into the document's text), so
that a Hypothesis-style client can anchor them on the original text."""

from __future__ import annotations

import json

from claimscope.export.scope import Scope
from claimscope.link.support import holder_name
from claimscope.model import Audit

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32  # characters of prefix and suffix in a TextQuoteSelector


def target(audit: Audit, start: int, end: int) -> dict[str, object]:
    text = audit.document.text
    source = audit.document.url or f"urn:sha256:{audit.document.sha256}"
    return {"source": source, "selector": [
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - AFFIX):start],
         "suffix": text[end:end + AFFIX]},
        {"type": "TextPositionSelector", "start": start, "end": end}]}


def annotation(audit: Audit, item_id: str, start: int, end: int, body: str, tag: str) -> dict[str, object]:
    return {"type": "Annotation", "id": f"urn:claimscope:{audit.document.id}:{item_id}",
            "motivation": "assessing", "creator": {"type": "Software", "name": "claimscope"},
            "body": [{"type": "TextualBody", "value": body, "purpose": "describing", "format": "text/plain"},
                     {"type": "TextualBody", "value": tag, "purpose": "tagging"}],
            "target": target(audit, start, end)}


def items(audit: Audit) -> list[dict[str, object]]:
    names = {e.id: e.name for e in audit.entities}
    found = []
    for c in audit.claims:
        found.append(annotation(audit, c.id, c.start, c.end, f"Claim ({c.kind}), check-worthiness "
                                f"{c.checkworthiness:.2f}" + (f", when {c.when}" if c.when else ""), "claim"))
        for i, s in enumerate(c.stances):
            if s.cue:
                found.append(annotation(audit, f"{c.id}/stance-{i}", s.start, s.end,
                                        f"{holder_name(s, names)} {s.stance} the claim “{c.text[:120]}”",
                                        f"stance:{s.stance}"))
    for f in audit.flags:
        found.append(annotation(audit, f.id, f.start, f.end, f.note, f"flag:{f.kind}"))
    return found


def to_annotations(scope: Scope) -> str:
    collection = {"@context": CONTEXT, "type": "AnnotationCollection", "label": "claimscope audit",
                  "total": 0, "first": {"type": "AnnotationPage", "items": []}}
    page = collection["first"]["items"]  # type: ignore[index]
    for audit in scope.audits:
        page.extend(items(audit))
    collection["total"] = len(page)
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
