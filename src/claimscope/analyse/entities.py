"""Entity mentions from the NER model, grouped into entities by type and normalized name.

Analysis v0: no dossier pack yet (issue 3), so names are grouped only when they are spelled alike once
leading articles and possessives are set aside ("the Iran-Iraq War" and "Iran-Iraq War"; "Saddam Hussein's").
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from claimscope.model import Entity, EntityType, Mention, make_id

NER_TYPES: dict[str, EntityType] = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
    "EVENT": "Event", "NORP": "Group", "LAW": "Other", "WORK_OF_ART": "Other", "PRODUCT": "Other",
}
LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
TRAILING = re.compile(r"(['’]s?|\s*[-–—,;:.])$")


def trim(text: str, start: int) -> tuple[str, int, int]:
    """A mention's words without a leading article or a trailing possessive, with its offsets."""
    end = start + len(text)
    lead = LEADING.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end():]
    tail = TRAILING.search(text)
    if tail and tail.start() > 0:
        end -= len(text) - tail.start()
        text = text[:tail.start()]
    return text, start, end


def normalize_name(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def collect(ents: list[tuple[SpacySpan, int]], doc_text: str) -> list[Entity]:
    """Entities from (spaCy entity span, offset of its paragraph in the document) pairs."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent, offset in ents:
        etype = NER_TYPES.get(ent.label_)
        if etype is None:
            continue  # dates, numbers and quantities are not entities (time expressions come later)
        text, start, end = trim(ent.text, offset + ent.start_char)
        if not any(ch.isalpha() for ch in text) or "\n" in text:
            continue
        key = (etype, normalize_name(text))
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(id=make_id("e", *key), name=text, type=etype)
        elif text not in entity.aliases and text != entity.name:
            entity.aliases.append(text)
        assert doc_text[start:end] == text
        entity.mentions.append(Mention(start, end, text, ent.label_))
    return sorted(by_key.values(), key=lambda e: (-len(e.mentions), e.name))
