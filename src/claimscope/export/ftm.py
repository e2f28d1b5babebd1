"""FollowTheMoney entities (for Aleph and the `ftm` tools), made with the `followthemoney` library: a Document
per document, a Person, Organization, Address (places) or Event per entity, and a Mention linking each entity
to each document that names it. One JSON object a line, as FtM's tools read them."""

from __future__ import annotations

import json

from followthemoney import model
from followthemoney.proxy import EntityProxy

from claimscope.export.scope import Scope
from claimscope.model import written_name

SCHEMATA = {"Person": "Person", "Organization": "Organization", "Group": "Organization", "Place": "Address",
            "Event": "Event"}  # "Other" (titles of works, laws) has no FtM counterpart worth the guess


def entities(scope: Scope) -> list[EntityProxy]:
    """Reviewers' merges applied: names merged into one entity make one FtM entity and one Mention a document."""
    made: dict[str, EntityProxy] = {}
    out: list[EntityProxy] = []
    known = {e.id: e for a in scope.audits for e in a.entities}
    for audit in scope.audits:
        doc = audit.document
        document = model.make_entity("Document")
        document.make_id("claimscope", "document", doc.id)
        document.add("title", doc.title)
        document.add("sourceUrl", doc.url)
        document.add("publisher", doc.publisher)
        document.add("date", (doc.published or "")[:10] if (doc.published or "")[:4].isdigit() else None)
        # FtM's contentHash is a SHA-1 of the file; ours is the SHA-256 of the normalized text, so it goes in notes
        document.add("notes", f"claimscope document {doc.id}; sha256 of its text: {doc.sha256}")
        document.add("language", doc.language)
        document.add("bodyText", doc.text)
        out.append(document)
        mentions: dict[str, EntityProxy] = {}
        for named in audit.entities:
            root = scope.canonical.get(named.id, named.id)
            entity = known.get(root, named)
            schema = SCHEMATA.get(entity.type)
            if schema is None or entity.ambiguous:
                continue  # an ambiguous name is not an entity of its own (unless a reviewer said which it is)
            proxy = made.get(root)
            if proxy is None:
                proxy = made[root] = model.make_entity(schema)
                proxy.make_id("claimscope", "entity", root)
                proxy.add("full" if schema == "Address" else "name", entity.name)
                if schema != "Address":
                    proxy.add("alias", [a for a in entity.aliases if a != entity.name])
                    proxy.add("wikidataId", entity.wikidata)
                out.append(proxy)
            written = written_name(named.name)
            if schema != "Address" and written != entity.name:  # its name is not an alias of its own
                proxy.add("alias", written)
            mention = mentions.get(root)
            if mention is None:
                mention = mentions[root] = model.make_entity("Mention")
                mention.make_id("claimscope", "mention", doc.id, root)
                mention.add("document", document.id)
                mention.add("resolved", proxy.id)
                mention.add("detectedSchema", schema)
                out.append(mention)
            mention.add("name", sorted({m.text for m in named.mentions}))
    return out


def to_ftm(scope: Scope) -> str:
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in entities(scope))
