"""The entity pages: every entity of the dossier with the merges proposed, one entity's page, and a reviewer's
merge or keep-apart decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimscope import grade
from claimscope.analyse.entities import pack_names
from claimscope.errors import Conflict, InputError
from claimscope.link import entities
from claimscope.model import Claim, Stance
from claimscope.pack import Pack, name_key
from claimscope.store import Store, queries
from claimscope.store.review import Review
from claimscope.web.deps import FormDep, StoreDep
from claimscope.web.pages import PackDep, back, cached, dossier_index, page, refused

router = APIRouter(include_in_schema=False)


def entity_review(request: Request, store: Store, pack: Pack | None) -> entities.Review:
    """Reviewers' entity merges, and the merges still proposed, once per state of the dossier."""
    key = ("entity-review", store.dossier_stamp(), pack.digest if pack else None)
    return cached(request, key, lambda: {"review": entities.review(store, pack)})["review"]


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, pack: PackDep) -> Response:
    """Every entity of the dossier (reviewers' merges applied), most mentioned first, and the proposed merges."""
    review = entity_review(request, store, pack)
    by_document, names = dossier_index(request, store)
    rows = entities.overview(review.entities, review.merged, by_document)
    example = next((e for e in pack.entities if len(e.aliases) >= 2), None) if pack else None  # the pack's first
    return page(request, "entities.html", {"rows": rows, "proposals": review.proposals, "names": names,
                                           "pack_example": example.aliases[:3] if example else []})


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, store: StoreDep, pack: PackDep) -> Response:
    merged = entity_review(request, store, pack).merged
    if merged.of(entity_id) != entity_id:  # a reviewer merged it: its page is the entity it joined
        return RedirectResponse(f"/entities/{merged.of(entity_id)}", status_code=307)
    return page(request, "entity.html", entity_context(request, store, pack, entity_id))


# the stances an entity holds, denials first: what a reader of an entity's page asks first is what it denies
HELD_ORDER = grade.STANCES[::-1]


def held_stances(request: Request, store: Store, holders: list[str]) -> list[tuple[str, Claim, Stance]]:
    """(document title, claim, stance) for each stance one of ``holders`` holds, as the reports show them (without
    what reviewers rejected): denials and disputes first, then the most check-worthy claims. The stances of every
    holder are gathered once per state of the dossier (`publish` renders every entity's page)."""
    def build() -> dict[str, Any]:
        review = Review(store)
        by_holder: dict[str, list[tuple[str, Claim, Stance]]] = {}
        for doc_id in queries.documents_holding(store):
            audit = review.reviewed(store.audit(doc_id))
            for c in audit.claims:
                for s in c.stances:
                    if s.holder != "author":
                        by_holder.setdefault(s.holder, []).append((audit.document.title or doc_id, c, s))
        return {"held": by_holder}

    by_holder = cached(request, ("held-stances", store.dossier_stamp()), build)["held"]
    held = [h for holder in holders for h in by_holder.get(holder, [])]
    return sorted(held, key=lambda h: (HELD_ORDER.index(h[2].stance), -h[1].checkworthiness, h[1].id))


def entity_context(request: Request, store: Store, pack: Pack | None, entity_id: str) -> dict[str, Any]:
    review = entity_review(request, store, pack)
    merged, proposals = review.merged, review.proposals
    members = merged.members(entity_id)
    found = queries.entity(store, entity_id, merged=[m for m in members if m != entity_id])
    mine = [p for p in proposals if p.entity in members or p.into in members]
    names = queries.entity_names(store, sorted({*found.ambiguous, *members, *(i for p in mine for i in (p.entity,
                                                                                                       p.into))}))
    merged = [m for m in members if m != entity_id]
    known = pack_names(pack)
    disparaging = {name_key(n) for n in pack.pejorative_names()} if pack else set()
    found = replace(found, aliases=queries.distinct_names(found.aliases, [found.name],
                                                          Counter(m["text"] for m in found.mentions)))
    return {"entity": found, "names": names, "proposals": mine, "merged": merged,
            "held": held_stances(request, store, members),
            "merged_by": entities.merged_by(store, merged),
            "pejorative": [a for a in found.aliases if name_key(a) in disparaging],
            "candidates": {i: names.get(i) or known.get(i, i) for i in found.ambiguous}}


@router.post("/entities/{entity_id}/decide")
def decide_entities(request: Request, entity_id: str, store: FormDep, pack: PackDep,
                    author: Annotated[str, Form()] = "", other: Annotated[str, Form()] = "",
                    decision: Annotated[str, Form()] = "") -> Response:
    """Merge ``entity_id`` into ``other``, or keep the two apart (which also undoes their merge)."""
    try:
        entities.decide(store, decision, entity_id, other, author)
    except (InputError, Conflict) as exc:  # the entity's page again (the one it is merged into), the error at its top
        shown = entity_review(request, store, pack).merged.of(entity_id)
        return refused(request, "entity.html", entity_context(request, store, pack, shown), exc, {"author": author})
    return back(f"/entities/{other if decision == 'merge' else entity_id}", author)
