"""The JSON API under /api/: the pages' data, for scripts. Documents, audits (claimscope.audit/1), claims,
entities, search, the timeline; POST an audit of a text or a URL; notes, review decisions, corrections."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimscope.errors import InputError, NotFound, TooLarge
from claimscope.pack import Pack
from claimscope.service import PASTED, audit_upload, audit_url, utf8
from claimscope.store import queries, search
from claimscope.store.review import DECISIONS, EDITABLE, Review, anchors
from claimscope.store.search import entities_named, has_words
from claimscope.web.deps import StoreDep, WritableDep, pack_of


class ErrorBody(BaseModel):
    """Every error of the API has this shape (``ClaimscopeError.to_json`` and the app's handlers)."""

    ok: Literal[False] = False
    error: str = Field(description="The kind of error: InputError, NotFound, Conflict, TooLarge, InvalidRequest ...")
    message: str = Field(description="One line naming the input and the problem, and a hint in brackets.")
    status: int = Field(description="The HTTP status, repeated.")
    input: str | None = Field(None, description="The input the error is about, when there is one.")


ERRORS = {status: {"model": ErrorBody, "description": what} for status, what in (
    (404, "No such document, claim, entity or proposition"), (409, "Already done, or changed by another request"),
    (413, "The body is over the size limit"), (422, "The request is not valid (the message says which part)"))}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/entities/decisions", include_in_schema=False)
@router.get("/propositions/decisions", include_in_schema=False)
def decisions_are_posted(request: Request) -> None:
    # registered before the routes of one item, which would take "decisions" for an id and answer 404
    raise StarletteHTTPException(405, f"GET {request.url.path}: method not allowed (decisions are posted here; "
                                      "GET the proposals, or the items decided on)", headers={"Allow": "POST"})


PackDep = Annotated[Pack | None, Depends(pack_of)]


class Page(BaseModel):
    """A slice of a list route: ``offset`` items skipped, at most ``limit`` returned (all by default)."""

    limit: int | None = Field(None, ge=1, le=1000, description="At most this many items (default: all of them).")
    offset: int = Field(0, ge=0, description="Skip this many items first.")

    def of(self, items: list[Any], request: Request, response: Response) -> list[Any]:
        """The slice; the total goes in X-Total-Count and the next slice's address in a Link header (RFC 8288)."""
        response.headers["X-Total-Count"] = str(len(items))
        end = len(items) if self.limit is None else self.offset + self.limit
        if end < len(items):
            after = request.url.include_query_params(offset=end, limit=self.limit)
            response.headers["Link"] = f'<{after.path}?{after.query}>; rel="next"'
        return items[self.offset:end]


PageDep = Annotated[Page, Query()]


class Body(BaseModel):
    """A request body: a field it does not know is refused by name (a typo would otherwise be a silent no-op)."""

    model_config = ConfigDict(extra="forbid")


class AuditRequest(Body):
    """Exactly one of `text` or `url`."""

    text: str | None = Field(None, description="The text to audit (plain text or Markdown, YAML front matter read).")
    url: str | None = Field(None, description="An http(s) URL to fetch (through the guarded fetcher) and audit.")
    title: str | None = Field(None, max_length=300, description="The title of a `text` (else its own, if it has "
                                                                "one, or its first words).")

    @model_validator(mode="after")
    def one_source(self) -> AuditRequest:
        if bool(self.text and self.text.strip()) == bool(self.url and self.url.strip()):
            raise ValueError("give exactly one of `text` or `url`")
        return self


class NoteCreate(Body):
    document: str
    target: str = Field(description="The id of a claim, stance, source or flag, or the document's id.")
    author: str = Field(min_length=1, max_length=100)
    text: str = Field(min_length=1, max_length=10_000)


class DecisionCreate(Body):
    document: str
    target: str
    decision: Literal["confirmed", "rejected", "restored"]
    author: str = Field(min_length=1, max_length=100)


class DocumentPatch(Body):
    author: str = Field(min_length=1, max_length=100)
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    perspective: str | None = None


@router.get("/documents", summary="The documents of the dossier (a JSON list; `limit` and `offset` page it)")
def documents(store: StoreDep, page: PageDep, request: Request, response: Response) -> list[dict[str, Any]]:
    return [asdict(d) for d in page.of(store.documents(), request, response)]


@router.get("/documents/{doc_id}", summary="One document's summary")
def document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    return asdict(store.document(doc_id))


@router.get("/documents/{doc_id}/audit", summary="A document's audit, schema claimscope.audit/1")
def document_audit(doc_id: str, store: StoreDep) -> dict[str, Any]:
    audit = store.audit(doc_id)
    data = audit.to_json()
    data["review"] = {"rejected": sorted(Review(store).rejected(audit))}
    return data


@router.patch("/documents/{doc_id}", summary="Correct a document's title, date, publisher or perspective")
def correct_document(doc_id: str, patch: DocumentPatch, store: WritableDep) -> dict[str, Any]:
    review = Review(store)
    changes = patch.model_dump(exclude_unset=True, exclude={"author"})
    if not changes:
        raise InputError(doc_id, f"nothing to correct: give one of {', '.join(EDITABLE)}")
    review.correct(doc_id, changes, patch.author)
    return asdict(store.document(doc_id))


@router.delete("/documents/{doc_id}", summary="Remove a document and everything found in it")
def remove_document(doc_id: str, store: WritableDep) -> dict[str, Any]:
    return {"removed": asdict(store.remove(doc_id))}


@router.get("/documents/{doc_id}/notes", summary="The notes on a document and its items")
def document_notes(doc_id: str, store: StoreDep) -> list[dict[str, Any]]:
    return [asdict(n) for n in Review(store).notes(store.audit(doc_id))]


@router.get("/claims/{claim_id}", summary="A claim with its document, stances, sources, flags, notes and review")
def claim(claim_id: str, store: StoreDep) -> dict[str, Any]:
    audit = store.audit(queries.claim_document(store, claim_id))
    found = next(c for c in audit.claims if c.id == claim_id)
    review = Review(store)
    item_ids = {found.id, *found.flags, *found.citations} | {k for k in anchors(audit) if k.startswith(found.id)}
    return {"document": audit.document.id, "claim": found.to_json(),
            "sources": [asdict(s) for s in audit.sources if s.id in found.citations],
            "flags": [asdict(f) for f in audit.flags if f.id in found.flags],
            "notes": [asdict(n) for n in review.notes(audit) if n.target in item_ids],
            "decisions": {k: v for k, v in review.decisions(audit).items() if k in item_ids}}


@router.get("/entities", summary="The entities of the dossier, reviewers' merges applied, most mentioned first "
                                 "(`limit` and `offset` page it)")
def entity_list(request: Request, response: Response, store: StoreDep, pack: PackDep,
                page: PageDep) -> list[dict[str, Any]]:
    from claimscope.link.entities import overview
    from claimscope.web.entity_pages import entity_review
    from claimscope.web.pages import dossier_index

    review = entity_review(request, store, pack)
    return page.of(overview(review.entities, review.merged, dossier_index(request, store)[0]), request, response)


@router.get("/entities/proposals", summary="Entities that may be the same (proposed merges, with reasons)")
def entity_proposals(request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.web.entity_pages import entity_review

    proposals = entity_review(request, store, pack).proposals
    names = queries.entity_names(store, sorted({i for p in proposals for i in (p.entity, p.into)}))
    return {"proposals": [p.to_json(names) for p in proposals]}


class EntityDecision(Body):
    decision: Literal["merge", "keep-apart"]
    entity: str = Field(description="The entity to merge (or keep apart) ...")
    into: str = Field(description="... into (or from) this one.")
    author: str = Field(min_length=1, max_length=100)


@router.post("/entities/decisions", status_code=201, summary="Merge two entities, or keep them apart")
def entity_decision(body: EntityDecision, store: WritableDep) -> dict[str, Any]:
    from claimscope.link.entities import decide

    decide(store, body.decision, body.entity, body.into, body.author)
    return {"recorded": body.model_dump()}


@router.get("/entities/{entity_id}", summary="An entity: names, mentions across documents, claims, company "
                                              "(reviewers' merges applied)")
def entity(entity_id: str, request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.web.entity_pages import entity_review

    merged = entity_review(request, store, pack).merged
    root = merged.of(entity_id)
    page = queries.entity(store, root, merged=[m for m in merged.members(root) if m != root])
    data = {**asdict(page), "requested": entity_id, "members": merged.members(root)}
    data["claims"] = [asdict(c) for c in page.claims]
    return data


@router.get("/search", summary="Full-text search over documents and claims (a pack entity's name finds its "
            "others); `limit` applies to each kind, documents and claims; without `q`, the claims the filters keep")
def search_api(store: StoreDep, pack: PackDep, q: Annotated[str, Query(max_length=500)] = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 20,
               document: Annotated[str | None, Query(description="keep this document's hits (an id or its start)")]
               = None,
               entity: Annotated[str | None, Query(description="keep the claims naming this entity (its id, its "
                                                               "name, or a name or alias its pack gives it)")] = None,
               flag: Annotated[str | None, Query(description="keep the claims with a flag of this kind")] = None,
               ) -> list[dict[str, Any]]:
    from claimscope.analyse.flags import load_lexicon

    # a blank filter is no filter, as blank words are no words (and as the search page reads its empty fields)
    document, entity, flag = (value if value and value.strip() else None for value in (document, entity, flag))
    if not has_words(q) and not (document or entity or flag):
        raise InputError("q", "give words to search for, or a filter", "document, entity or flag")
    kinds = [k.name for k in load_lexicon().kinds]
    if flag is not None and flag not in kinds:
        raise InputError(flag, "is not a flag kind", f"the kinds are: {', '.join(kinds)}")
    ids = None
    if entity is not None:  # an alias two pack entities share is refused (422), not read as one of them
        ids = entities_named(entity, queries.entity_index(store)[1], pack)
        if not ids:
            raise NotFound(entity, "no such entity in this dossier", "see /api/entities for the ids and names")
    return [asdict(h) for h in search(store, q, limit=limit, document=store.resolve(document) if document else None,
                                      entity=ids, flag=flag, names=pack.other_names() if pack else None)]


@router.get("/timeline", summary="The dated expressions of the dossier in time order (`limit` and `offset` page "
                                 "it)")
def timeline(store: StoreDep, page: PageDep, request: Request, response: Response) -> list[dict[str, Any]]:
    return [asdict(e) for e in page.of(queries.timeline(store), request, response)]


@router.post("/audit", status_code=201, summary="Audit a text or a URL and store it; returns claimscope.audit/1")
def post_audit(body: AuditRequest, request: Request, store: WritableDep, pack: PackDep) -> JSONResponse:
    settings = request.app.state.web.settings
    if body.text is not None and body.text.strip():
        content = utf8(body.text, "text")
        if len(content) > settings.max_bytes:
            raise TooLarge("text", f"{len(content):,} bytes is over the limit of {settings.max_bytes:,}")
        audit, status = audit_upload(content, PASTED, store, settings, pack, title=(body.title or "").strip() or None)
    else:
        audit, status = audit_url((body.url or "").strip(), store, settings, pack)
    return JSONResponse(audit.to_json(), status_code=201 if status == "added" else 200,
                        headers={"Location": f"/api/documents/{audit.document.id}"})


@router.post("/notes", status_code=201, summary="Leave a note on an item (or the document)")
def post_note(body: NoteCreate, store: WritableDep) -> dict[str, Any]:
    return asdict(Review(store).add_note(body.document, body.target, body.author, body.text))


@router.post("/reviews", status_code=201, summary=f"Review an item: {', '.join(DECISIONS)}")
def post_review(body: DecisionCreate, store: WritableDep) -> dict[str, Any]:
    review = Review(store)
    review.decide(body.document, body.target, body.decision, body.author)
    audit = store.audit(body.document)
    return {"target": body.target, "history": review.decisions(audit).get(body.target, [])}


@router.get("/propositions", summary="Claims shared across documents, with stance maps and grades "
                                     "(claimscope.propositions/1; `limit` and `offset` page them)")
def propositions(request: Request, response: Response, store: StoreDep, pack: PackDep, page: PageDep,
                 contested: bool = False) -> dict[str, Any]:
    from claimscope.link.propositions import SCHEMA
    from claimscope.web.pages import propositions_of

    found = [p for p in propositions_of(request, store, pack) if p.contested or not contested]
    return {"schema": SCHEMA, "propositions": [p.to_json() for p in page.of(found, request, response)]}


@router.get("/propositions/{prop_id}", summary="One proposition: stance map and grade")
def proposition(prop_id: str, request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.web.pages import proposition_of

    return proposition_of(request, store, pack, prop_id)[0].to_json()


@router.get("/propositions/{prop_id}/suggested", summary="Claims in no proposition that may state this one too, "
                                                         "best first, with the terms they share (for a reviewer)")
def proposition_suggested(prop_id: str, request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.link.propositions import suggested
    from claimscope.web.pages import proposition_of

    found, everything = proposition_of(request, store, pack, prop_id)
    return {"proposition": prop_id, "suggested": [s.to_json() for s in suggested(store, pack, found, everything)]}


@router.get("/claims/{claim_id}/related", summary="The propositions most related to a claim, with reasons")
def claim_related(claim_id: str, request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.web.pages import propositions_of, related_to_claim

    audit = store.audit(queries.claim_document(store, claim_id))
    claim = next(c for c in audit.claims if c.id == claim_id)
    own = next((p.id for p in propositions_of(request, store, pack) if p.holds(claim_id)), None)
    return {"claim": claim_id, "proposition": own,
            "related": [r.to_json() for r in related_to_claim(request, store, pack, claim)]}


@router.get("/documents/{doc_id}/related", summary="A document's propositions and the documents most related to it")
def document_related(doc_id: str, request: Request, store: StoreDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.web.pages import related_to_document

    found = related_to_document(request, store, pack, store.resolve(doc_id))
    return {"document": store.resolve(doc_id), "propositions": [p.id for p in found["propositions"]],
            "related": [r.to_json() for r in found["documents"]]}


class LinkDecision(Body):
    decision: Literal["merge", "detach"]
    claim: str = Field(description="The claim to detach, or one claim of the first proposition to merge.")
    other: str | None = Field(None, description="For a merge: one claim of the other proposition.")
    author: str = Field(min_length=1, max_length=100)


@router.post("/propositions/decisions", status_code=201, summary="Merge two propositions or detach a claim; "
             "`propositions` then gives, for each claim concerned, the proposition that holds it now (null: none)")
def link_decision(body: LinkDecision, request: Request, store: WritableDep, pack: PackDep) -> dict[str, Any]:
    from claimscope.link.propositions import decide
    from claimscope.web.pages import propositions_of

    def holding() -> dict[str, str]:
        return {m.claim.id: p.id for p in propositions_of(request, store, pack) for m in p.members}

    before = holding()
    decide(store, body.decision, body.claim, body.other, body.author)
    after = holding()
    # the claims named and those that shared a proposition with them: a detach can leave the others apart too,
    # when they were grouped only through the claim taken out
    named = [c for c in (body.claim, body.other) if c]
    concerned = sorted({*named, *(c for c, prop in before.items() if prop in {before.get(n) for n in named})})
    return {"recorded": body.model_dump(), "propositions": {c: after.get(c) for c in concerned}}
