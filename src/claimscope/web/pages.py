"""The pages: dossier home, documents, sources, propositions, document, claim, timeline, search; and the forms
that change the dossier (audit a text, a URL or a file; notes; review decisions; metadata corrections; removal).
The entity pages are in ``entity_pages``."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimscope.analyse.flags import load_lexicon as load_flags
from claimscope.dates import readable
from claimscope.errors import ClaimscopeError, InputError, Moved, NotFound, TooLarge
from claimscope.export.figure import data_uri, draw
from claimscope.link import entities, related
from claimscope.link.propositions import Proposition, homes_of, renamed
from claimscope.link.propositions import build as build_propositions
from claimscope.link.related import Related
from claimscope.model import Claim, make_id
from claimscope.pack import Pack
from claimscope.service import PASTED, audit_upload, audit_url, outdated, utf8
from claimscope.store import Store, queries
from claimscope.store.review import EDITABLE, Review, without_rejected
from claimscope.store.search import entities_named, expansions, has_words, search_cut
from claimscope.web.deps import CSRF_COOKIE, FormDep, StoreDep, csrf_token, pack_of
from claimscope.web.view import STANCE_ICON, render

router = APIRouter(include_in_schema=False)
PackDep = Annotated[Pack | None, Depends(pack_of)]
READER = "claimscope_reader"  # cookie remembering the name a reader gave
MAX_QUERY = 500  # characters of a search (as the API's)
PAGE_CACHE_SIZE = 32  # documents whose page context is kept in memory
CONTEXT = 300  # characters of the text shown on each side of a claim, at most


def page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    from claimscope.export import FORMATS

    token = csrf_token(request)
    context = {"given": {}, "form_error": None, "reader": request.cookies.get(READER, ""), **context, "csrf": token,
               "icons": STANCE_ICON, "export_formats": FORMATS, "readable": readable}
    response = request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
    # a page shows the dossier as it is now: Back after a removal or a decision must not show it as it was
    response.headers["Cache-Control"] = "no-store"
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


def refused(request: Request, template: str, context: dict[str, Any], error: ClaimscopeError,
            given: dict[str, str]) -> Response:
    """The page of a form that was refused, again: the error above the form and what the reader gave kept in it
    (a page of its own would lose a pasted text), the reader's name too."""
    named = {"reader": given["author"]} if given.get("author") else {}
    return page(request, template, {**context, "form_error": str(error), "given": given, **named},
                status=error.status)


def cached(request: Request, key: tuple[object, ...], build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The context of a page, kept while its key (the document's stamp: analysis, notes, decisions,
    corrections) is unchanged, so a document read by many is loaded and marked up once."""
    cache: OrderedDict[tuple[object, ...], dict[str, Any]] = request.app.state.page_cache
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    value = cache[key] = build()
    while len(cache) > PAGE_CACHE_SIZE:
        cache.popitem(last=False)
    return value


def back(url: str, reader: str | None = None) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    if reader:
        response.set_cookie(READER, reader, samesite="strict", max_age=60 * 60 * 24 * 365)
    return response


def propositions_of(request: Request, store: Store, pack: Pack | None) -> list[Proposition]:
    """The dossier's propositions, computed once per state of the dossier (and pack)."""
    key = ("propositions", store.dossier_stamp(), pack.digest if pack else None)
    return cached(request, key, lambda: {"found": build_propositions(store, pack)})["found"]


def proposition_of(request: Request, store: Store, pack: Pack | None,
                   prop_id: str) -> tuple[Proposition, list[Proposition]]:
    """The proposition, and all the dossier's; NotFound (404) for an unknown id."""
    everything = propositions_of(request, store, pack)
    found = next((p for p in everything if p.id == prop_id), None)
    if found is None:
        # A proposition is named by its first claim, so a claim that joins it (a new document, a reviewer's
        # merge) can rename it: an old address leads to the proposition its first claim is in now.
        now = renamed(everything, prop_id)
        if now is not None:
            location = request.url.path.replace(prop_id, now.id)
            raise Moved(prop_id, f"is now {now.id}", f"{location}?{request.url.query}" if request.url.query
                        else location)
        named = next((c for c in queries.claim_ids(store) if make_id("p", c) == prop_id), None)
        hint = f"the claim it was named by, {named}, is in no proposition now: see /claims/{named}" if named \
            else None
        raise NotFound(prop_id, "no such proposition in this dossier", hint)
    return found, everything


def for_reviewer(request: Request, store: Store, pack: Pack | None, what: tuple[str, str],
                 build: Callable[[], list[Any]]) -> list[Any]:
    """What a page offers a reviewer to add (claims, propositions), once per state of the dossier; nothing where
    nothing can be added (read-only, a published site)."""
    if request.app.state.web.read_only:
        return []
    key = (*what, store.dossier_stamp(), pack.digest if pack else None)
    return cached(request, key, lambda: {"found": build()})["found"]


def related_to_claim(request: Request, store: Store, pack: Pack | None, claim: Claim) -> list[Related]:
    _, names = dossier_index(request, store)
    return related.for_claim(claim.id, claim.entities, claim.when, propositions_of(request, store, pack), names,
                             canonical=merges(request, store))


def related_to_document(request: Request, store: Store, pack: Pack | None, doc_id: str) -> dict[str, list[Any]]:
    """The propositions a document takes part in, and the documents most related to it."""
    def build() -> dict[str, Any]:
        by_document, names = dossier_index(request, store)
        propositions = propositions_of(request, store, pack)
        titles = {d.id: d.title or d.id for d in store.documents()}
        return {"propositions": [p for p in propositions if doc_id in p.documents],
                "documents": related.for_document(doc_id, by_document, titles, propositions, names)}

    return cached(request, ("related", doc_id, store.dossier_stamp(), pack.digest if pack else None), build)


def merges(request: Request, store: Store) -> dict[str, str]:
    """Reviewers' entity merges: an entity id -> the entity it was merged into (once per state of the dossier)."""
    return cached(request, ("merges", store.dossier_stamp()),
                  lambda: {"canonical": entities.entity_map(store)[0].canonical})["canonical"]


def dossier_index(request: Request, store: Store) -> tuple[dict[str, set[str]], dict[str, str]]:
    key = ("entity-index", store.dossier_stamp())
    return cached(request, key, lambda: {"index": queries.entity_index(store, merges(request, store))})["index"]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, pack: PackDep, removed: str = "") -> Response:
    return page(request, "home.html", {**home_context(request, store, pack), "removed": removed[:300]})


def home_context(request: Request, store: Store, pack: Pack | None) -> dict[str, Any]:
    docs = store.documents()
    contested = [p for p in propositions_of(request, store, pack) if p.contested][:10]
    # what reviewers rejected reads the reviewed documents' audits: once per state of the dossier
    hidden = cached(request, ("hidden", store.dossier_stamp()), lambda: {"hidden": Review(store).hidden()})["hidden"]
    return {"stats": queries.stats(store, hidden), "contested": queries.contested_claims(store, hidden=hidden),
            "propositions": contested, "recent": sorted(docs, key=lambda d: d.ingested_at, reverse=True)[:10],
            "outdated": outdated(store, pack)}


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep) -> Response:
    """Every document, grouped by the topic its breadcrumbs give (documents without one last)."""
    topics: dict[str | None, list[Any]] = {}
    by_title = sorted(store.documents(), key=lambda d: (queries.title_key(d.title or d.id), d.id))
    for d in sorted(by_title, key=lambda d: (d.topic is None, d.topic or "")):  # stable: by title within a topic
        topics.setdefault(d.topic, []).append(d)
    return page(request, "documents.html", {"topics": topics})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep) -> Response:
    return page(request, "sources.html", {"sources": queries.sources(store)})


@router.get("/propositions", response_class=HTMLResponse)
def propositions_page(request: Request, store: StoreDep, pack: PackDep, contested: bool = False,
                      taken_out: str = "") -> Response:
    found = [p for p in propositions_of(request, store, pack) if p.contested or not contested]
    return page(request, "propositions.html", {"found": found, "contested": contested,
                                               "taken_out": claim_taken_out(store, taken_out)})


@router.get("/propositions/{prop_id}", response_class=HTMLResponse)
def proposition_page(request: Request, prop_id: str, store: StoreDep, pack: PackDep, taken_out: str = "") -> Response:
    context = proposition_context(request, store, pack, prop_id)
    return page(request, "proposition.html", {**context, "taken_out": claim_taken_out(store, taken_out)})


def claim_taken_out(store: Store, claim_id: str) -> Claim | None:
    """After a reviewer's decision, the claim taken out, for the page to say what was done."""
    if not claim_id:
        return None
    try:
        audit = store.audit(queries.claim_document(store, claim_id))
    except ClaimscopeError:
        return None
    return next((c for c in audit.claims if c.id == claim_id), None)


def proposition_context(request: Request, store: Store, pack: Pack | None, prop_id: str) -> dict[str, Any]:
    from claimscope.link.propositions import CUT_MARK, link_label, link_note, suggested

    found, everything = proposition_of(request, store, pack, prop_id)
    others = [p for p in everything if p.id != prop_id]
    suggestions = for_reviewer(request, store, pack, ("suggested", prop_id),
                               lambda: suggested(store, pack, found, everything))
    titles = {d.id: d.title or d.id for d in store.documents()} if suggestions else {}
    return {"p": found, "others": others, "link_label": link_label, "cut_mark": CUT_MARK,
            "link_note": link_note(), "suggested": suggestions, "titles": titles}


@router.post("/propositions/{prop_id}/decide")
def decide_proposition(request: Request, prop_id: str, store: FormDep, pack: PackDep,
                       author: Annotated[str, Form()] = "", claim: Annotated[str, Form()] = "",
                       other: Annotated[str, Form()] = "", add: Annotated[str, Form()] = "") -> Response:
    """Take a claim out of the proposition, merge it with another proposition, or add a claim to it (one decision
    per form)."""
    try:
        return _decide_proposition(request, store, pack, prop_id, author, claim, other, add)
    except ClaimscopeError as exc:  # a refused decision changed nothing: the page is as it was (404 if none)
        return refused(request, "proposition.html", proposition_context(request, store, pack, prop_id), exc,
                       {"claim": claim, "other": other, "add": add, "author": author})


def _decide_proposition(request: Request, store: Store, pack: Pack | None, prop_id: str, author: str, claim: str,
                        other: str, add: str = "") -> Response:
    from claimscope.link.propositions import decide, holding

    current, everything = proposition_of(request, store, pack, prop_id)
    found = {p.id: p for p in everything}
    members = {m.claim.id for m in current.members}
    if sum(map(bool, (claim, other, add))) != 1:
        raise InputError("decision", "choose a claim to take out, a proposition to merge with or a claim to add "
                                     "(one of them)")
    if claim:
        if claim not in members:
            raise InputError(claim, f"is not a claim of proposition {prop_id}")
        decide(store, "detach", claim, None, author)
        # on to the proposition the other claims now form (a new id if the claim taken out was its first), if any
        now = holding(propositions_of(request, store, pack), members - {claim})
        return back(f"/propositions/{now.id}?taken_out={claim}" if now else f"/propositions?taken_out={claim}", author)
    if add:
        if add in members:
            raise InputError(add, f"is a claim of proposition {prop_id} already")
        partner = add  # an unknown claim is refused by ``decide``
    elif other not in found:
        raise NotFound(other, "no such proposition in this dossier")
    elif other == prop_id:
        raise InputError(other, "is the same proposition: nothing to merge")
    else:
        partner = found[other].members[0].claim.id
    first = current.members[0].claim.id
    decide(store, "merge", first, partner, author)
    merged = next(p for p in propositions_of(request, store, pack) if p.holds(first))
    return back(f"/propositions/{merged.id}", author)


@router.post("/audit")
async def audit_form(request: Request, store: FormDep, pack: PackDep, text: Annotated[str, Form()] = "",
                     url: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
                     file: Annotated[UploadFile | None, File()] = None) -> Response:
    try:
        doc_id = await _audit_form(request, store, pack, text, url, title, file)
    except ClaimscopeError as exc:
        return refused(request, "home.html", home_context(request, store, pack), exc,
                       {"text": text, "url": url, "title": title})
    return back(f"/documents/{doc_id}")


async def _audit_form(request: Request, store: Store, pack: Pack | None, text: str, url: str, title: str,
                      file: UploadFile | None) -> str:
    settings = request.app.state.web.settings
    given = [bool(text.strip()), bool(url.strip()), bool(file and file.filename)]
    if sum(given) != 1:
        raise InputError("audit", "give one of: pasted text, a URL, or a file")
    if file and file.filename:
        content = await file.read(settings.max_bytes + 1)
        if len(content) > settings.max_bytes:
            raise TooLarge(file.filename, f"over the upload limit of {settings.max_bytes:,} bytes")
        audit, _ = await run_in_threadpool(audit_upload, content, file.filename, store, settings, pack)
    elif text.strip():
        content = utf8(text.replace("\r\n", "\n"), "pasted text")
        if len(content) > settings.max_bytes:
            raise TooLarge("pasted text", f"over the limit of {settings.max_bytes:,} bytes")
        audit, _ = await run_in_threadpool(audit_upload, content, PASTED, store, settings, pack,
                                           title.strip()[:300] or None)
    else:
        audit, _ = await run_in_threadpool(audit_url, url.strip(), store, settings, pack)
    return audit.document.id


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, store: StoreDep, pack: PackDep) -> Response:
    return page(request, "document.html", document_context(request, store, pack, doc_id))


def document_context(request: Request, store: Store, pack: Pack | None, doc_id: str) -> dict[str, Any]:
    def build() -> dict[str, Any]:
        audit = store.audit(doc_id)
        review = Review(store)
        rejected = review.rejected(audit)
        shown = without_rejected(audit, rejected)
        return {"audit": audit, "doc": audit.document, "html": render(audit, rejected), "summary": shown.summary(),
                "names": {e.id: e.name for e in audit.entities}, "rejected": rejected,
                "named": sorted(audit.entities, key=lambda e: (-len(e.mentions), e.name.lower())),
                "notes": review.notes(audit), "editable": EDITABLE, "claims": shown.claims,
                "sources": list(enumerate(audit.sources, 1)), "edits": review.edits(audit.document.id)}

    context = cached(request, ("document", store.stamp(doc_id)), build)
    return {**context, "related": related_to_document(request, store, pack, context["doc"].id)}


@router.post("/documents/{doc_id}/edit")
def edit_document(request: Request, doc_id: str, store: FormDep, pack: PackDep, author: Annotated[str, Form()] = "",
                  field: Annotated[str, Form()] = "", value: Annotated[str, Form()] = "") -> Response:
    try:
        Review(store).edit_document(doc_id, field, value, author)
    except ClaimscopeError as exc:  # a refused correction changed nothing (404 if there is no such document)
        return refused(request, "document.html", document_context(request, store, pack, doc_id), exc,
                       {"field": field, "value": value, "author": author})
    return back(f"/documents/{store.resolve(doc_id)}?{urlencode({'corrected': field})}#correct", author)


@router.post("/documents/{doc_id}/remove")
def remove_document(doc_id: str, store: FormDep) -> Response:
    removed = store.remove(doc_id)
    return back(f"/?{urlencode({'removed': removed.title or removed.id})}")


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str, store: StoreDep, pack: PackDep) -> Response:
    return page(request, "claim.html", claim_context(request, store, pack, claim_id))


def claim_context(request: Request, store: Store, pack: Pack | None, claim_id: str) -> dict[str, Any]:
    audit = store.audit(queries.claim_document(store, claim_id))
    found = next(c for c in audit.claims if c.id == claim_id)
    review = Review(store)
    decisions = review.decisions(audit)
    rejected = {k for k, h in decisions.items() if h[-1][0] == "rejected"}
    everything = propositions_of(request, store, pack)
    own = next((p for p in everything if p.holds(claim_id)), None)
    may_state = [] if own else for_reviewer(request, store, pack, ("homes", claim_id),
                                            lambda: homes_of(store, pack, claim_id, everything))
    return {
        "audit": audit, "doc": audit.document, "claim": found, "decisions": decisions, "rejected": rejected,
        **queries.around(audit.document.text, found.start, found.end, CONTEXT),
        "paragraph": queries.paragraph_at([(p.start, p.end) for p in audit.paragraphs], found.start),
        "names": {e.id: e.name for e in audit.entities},
        "entities": [e for e in audit.entities if e.id in found.entities],
        "sources": [s for s in audit.sources if s.id in found.citations],
        "flags": [f for f in audit.flags if f.id in found.flags],
        "proposition": own, "homes": may_state, "texts": {p.id: p.text for p in everything} if may_state else {},
        "related": related_to_claim(request, store, pack, found),
        "notes": [n for n in review.notes(audit) if n.target is not None and (
            n.target.startswith(found.id) or n.target in found.flags or n.target in found.citations)]}


@router.post("/claims/{claim_id}/join")
def join_proposition(request: Request, claim_id: str, store: FormDep, pack: PackDep,
                     author: Annotated[str, Form()] = "", proposition: Annotated[str, Form()] = "") -> Response:
    """Add a claim in no proposition to one (a reviewer's merge, as the proposition's own page records it)."""
    if not proposition:
        raise InputError("proposition", "choose the proposition to add the claim to")
    return _decide_proposition(request, store, pack, proposition, author, "", "", claim_id)


@router.post("/claims/{claim_id}/notes")
def add_note(request: Request, claim_id: str, store: FormDep, pack: PackDep, author: Annotated[str, Form()] = "",
             text: Annotated[str, Form()] = "", target: Annotated[str, Form()] = "") -> Response:
    doc_id = queries.claim_document(store, claim_id)  # an unknown claim: 404, no page to show the form on
    try:
        Review(store).add_note(doc_id, target or claim_id, author, text)
    except ClaimscopeError as exc:  # the form again, with the error and what the reader wrote
        return refused(request, "claim.html", claim_context(request, store, pack, claim_id), exc,
                       {"form": "note", "author": author, "text": text, "target": target})
    return back(f"/claims/{claim_id}#notes", author)


@router.post("/claims/{claim_id}/review")
def review_item(request: Request, claim_id: str, store: FormDep, pack: PackDep, author: Annotated[str, Form()] = "",
                target: Annotated[str, Form()] = "", decision: Annotated[str, Form()] = "") -> Response:
    doc_id = queries.claim_document(store, claim_id)
    try:
        Review(store).decide(doc_id, target, decision, author)
    except ClaimscopeError as exc:
        return refused(request, "claim.html", claim_context(request, store, pack, claim_id), exc,
                       {"form": "review", "author": author, "target": target})
    return back(f"/claims/{claim_id}", author)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, store: StoreDep) -> Response:
    def build() -> dict[str, Any]:  # drawing the figure takes a while: once per state of the dossier
        entries = queries.timeline(store)
        by_document: dict[str, list[str]] = {}
        for e in entries:
            by_document.setdefault(e.title or e.document_id[:12], []).append(e.when)
        figure = draw(by_document.items())
        return {"entries": entries, "figure": data_uri(figure) if figure else None}

    return page(request, "timeline.html", cached(request, ("timeline", store.dossier_stamp()), build))


SEARCH_LIMIT = 50  # documents and claims each shown at most, unless the reader asks for more
SEARCH_MAX = 200  # the most a reader can ask for: past it, words or a filter serve better than a longer list


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, pack: PackDep, q: str = "", document: str = "", entity: str = "",
                flag: str = "", limit: int = SEARCH_LIMIT) -> Response:
    limit = max(1, min(limit, SEARCH_MAX))
    _, entity_names = dossier_index(request, store)
    names = pack.other_names() if pack else {}
    entity_ids, problem = entity_filter(entity, entity_names, pack)
    kinds = [k.name for k in load_flags().kinds]
    if flag and flag not in kinds:
        problem = f"“{flag}” is not a flag kind (the kinds are: {', '.join(kinds)})"
    if document:
        try:
            document = store.resolve(document)
        except ClaimscopeError as exc:  # an unknown or ambiguous id: said, not 0 results
            problem = f"no document of this dossier has the id “{document}” ({exc.problem})"
    if len(q) > MAX_QUERY:
        problem = f"the search is {len(q):,} characters long; give at most {MAX_QUERY} (a few words find more)"
    asked = bool(has_words(q) or document or entity_ids or flag) and not problem  # filters alone list what they keep
    hits, cut = search_cut(store, q, limit, document=document or None, entity=entity_ids, flag=flag or None,
                           names=names) if asked else ([], [])
    # the entity is shown by its name; a pack's alias ("MKO") as typed, with the name it stands for
    shown = entity_names.get(entity, entity)
    named = sorted(n for n in {entity_names[i] for i in entity_ids} if n.lower() != shown.strip().lower())
    return page(request, "search.html", {  # quotes alone are no words: the page shows none, as for an empty search
        "q": q if has_words(q) else "", "asked": asked, "hits": hits, "cut": [f"{kind}s" for kind in cut],
        "limit": limit, "more": _with(request, limit=SEARCH_MAX) if limit < SEARCH_MAX else "",
        "document": document, "flag": flag, "problem": problem, "entity": shown, "named": named,
        "entity_names": sorted(set(entity_names.values())),
        "also": [(word, queries.distinct_names(others, [word])[:6]) for word, others in expansions(q, names) if others],
        "documents": store.documents(), "flag_kinds": sorted(queries.stats(store)["flags_by_kind"])},
        status=422 if problem else 200)


def _with(request: Request, **params: object) -> str:
    """This page's address with ``params`` set, relative to the site (the same search, more of it)."""
    url = request.url.include_query_params(**params)
    return f"{url.path}?{url.query}"


def entity_filter(entity: str, entity_names: dict[str, str], pack: Pack | None) -> tuple[list[str], str]:
    """The ids of the entities the filter names (by id, name, or any name its pack entity has), or the problem
    with it: no entity of the dossier so named, or an alias two pack entities share."""
    if not entity.strip():
        return [], ""
    try:
        found = entities_named(entity.strip(), entity_names, pack)
    except ClaimscopeError as exc:
        return [], f"“{entity}” {exc.problem} ({exc.hint})"
    return found, "" if found else f"no entity of this dossier is named “{entity}”"


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The API's reference, rendered here from the OpenAPI description (/openapi.json)."""
    spec = request.app.openapi()
    routes = [(path, method.upper(), op.get("summary", ""), op.get("requestBody") is not None)
              for path, ops in spec["paths"].items() for method, op in ops.items()]
    return page(request, "docs.html", {"routes": routes, "spec": spec})


@router.get("/export/{fmt}")
def export_download(request: Request, fmt: str, store: StoreDep, pack: PackDep, document: str | None = None,
                    proposition: str | None = None) -> Response:
    """A download of the dossier, a document (?document=ID) or a proposition (?proposition=ID) in one format."""
    from claimscope.export import FORMATS, Scope

    exporter = FORMATS.get(fmt)
    if exporter is None:
        raise NotFound(fmt, f"no such export format (choose one of {', '.join(FORMATS)})")
    for name, value in (("document", document), ("proposition", proposition)):
        if value is not None and not value.strip():  # a blank id is bad input, not an unknown one
            raise InputError(name, "needs an id", f"leave out ?{name}= for the whole dossier")
    data = exporter.write(Scope.of(store, pack, document, proposition))
    name = exporter.filename(f"claimscope-{document or proposition or 'dossier'}")
    return Response(data, media_type=exporter.media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
