"""The web app: built by a factory from its settings (nothing happens at import), so tests need no services.

One error shape: any ``ClaimscopeError`` becomes its HTTP status with a JSON body under ``/api/`` and an HTML
page elsewhere; a request that fails validation is a 422 with a message, never a 500.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import IntegrityError, NoResultFound
from sqlalchemy.orm.exc import StaleDataError
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimscope import __version__, grade
from claimscope.analyse.flags import kind_label
from claimscope.errors import ClaimscopeError, Moved
from claimscope.settings import Settings
from claimscope.store import Store

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
# Everything the pages load comes from this server; inline scripts and styles are not allowed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


FORM_OVERHEAD = 64 * 1024


@dataclass(frozen=True)
class WebSettings:
    settings: Settings
    read_only: bool = False
    pack: str | None = None  # None: the dossier's own pack
    published: bool = False  # rendering a static site (`claimscope publish`): no search, no forms, fewer downloads


def create_app(web: WebSettings) -> FastAPI:
    from claimscope.service import dossier_pack

    store = Store(web.settings.db)
    if web.pack is not None and not web.read_only:
        dossier_pack(store, web.pack)  # the dossier remembers the pack it is served with (a bad name fails here)
    if web.read_only:
        from claimscope.link import index

        if index.outdated(store, dossier_pack(store, web.pack, remember=False)):  # linking would write
            raise ClaimscopeError(str(web.settings.db), "its links across documents were made with another pack or "
                                  "claimscope version, and a read-only server cannot store new ones",
                                  "serve it once without --read-only, with the same --pack, then read-only")

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        from claimscope.analyse import nlp

        nlp.load()  # the model loads once, before the first request
        # matplotlib takes seconds to import and to find its fonts: done beside the first requests, not in the
        # first /timeline (it took 4 s)
        threading.Thread(target=_warm_figures, name="warm-figures", daemon=True).start()
        yield
        store.engine.dispose()

    # FastAPI's own /docs pages load their scripts from a CDN; ours (pages.api_docs) is served from here.
    app = FastAPI(title="claimscope", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Audit what a text claims and how well it is sourced. Every finding points to the "
                              "exact words; grades describe support, never truth.")
    app.state.store = store
    app.state.web = web
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals.update(version=__version__, read_only=web.read_only, published=web.published,
                                           grade_legend=grade.legend, stance_label=grade.stance_label)
    app.state.templates.env.filters.update(slug=slug, flag_label=kind_label, counted=grade.counted)
    app.state.page_cache = OrderedDict()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(Guard, max_bytes=web.settings.max_bytes)
    app.add_middleware(Head)

    @app.exception_handler(ClaimscopeError)
    async def domain_error(request: Request, exc: ClaimscopeError) -> Response:
        if isinstance(exc, Moved):
            return RedirectResponse(exc.location, status_code=exc.status)
        return error_response(request, exc.status, str(exc), exc.kind)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(validation_problem(e) for e in exc.errors())
        return error_response(request, 422, problems or "invalid request", "InvalidRequest")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Starlette's own errors say only "Not Found": name the path (and the method) as the domain errors do
        phrase = http_phrase(exc.status_code)
        message = str(exc.detail)
        if message == phrase:
            path = request.url.path if len(request.url.path) <= 200 else request.url.path[:200] + "…"
            subject = f"{request.method} {path}" if exc.status_code == 405 else path
            message = f"{subject}: {phrase.lower()}"
            if exc.status_code == 404 and path.startswith("/api/"):
                message += " (see /docs for the API's routes)"
        if exc.status_code == 400 and message == "There was an error parsing the body":  # FastAPI's words
            message = "body: cannot be read as JSON (not UTF-8, or nested too deep)"
        kind = "TooLarge" if exc.status_code == 413 else phrase.replace(" ", "") or "HTTPError"
        response = error_response(request, exc.status_code, message, kind)
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        if exc.status_code == 405 and str(exc.detail) == phrase:  # Starlette's own: it names one route's methods
            response.headers["Allow"] = allowed(request)
        return response

    @app.exception_handler(IntegrityError)
    @app.exception_handler(NoResultFound)
    @app.exception_handler(StaleDataError)
    async def raced(request: Request, exc: Exception) -> Response:
        # two requests changed the same rows at once (a note sent while its document was being removed): the
        # transaction was rolled back whole, so the dossier is as the other request left it
        log.warning("concurrent change on %s: %s", request.url.path, type(exc).__name__)
        return error_response(request, 409, f"{request.url.path}: the dossier changed while this request ran "
                              "(another request at the same moment); nothing of it was stored, try again", "Conflict")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal error: the server could not complete this request",
                              "InternalError")

    from claimscope.web import api, entity_pages, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(entity_pages.router)
    return app


def _warm_figures() -> None:
    from claimscope.export.figure import draw

    draw([("warm-up", ["1979"])])


def slug(text: str) -> str:
    """A name fit for an HTML id or a file name: "Opposition Groups" -> "opposition-groups"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def http_phrase(status: int) -> str:
    """"Not Found" for 404; "" for a status HTTP does not name."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


def allowed(request: Request) -> str:
    """Every method the app answers at this path. Starlette's 405 names only the methods of the first route whose
    path matched (GET, where PATCH and DELETE are routes of their own)."""
    methods = {method for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
               if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                      for route in request.app.router.routes)}
    return ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))


class Head:
    """HEAD answered wherever GET is, as HTTP asks (RFC 9110 9.3.2): the GET route runs and its body is dropped,
    its headers kept. FastAPI's routes, unlike Starlette's, answer only the methods they were declared with."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class Guard:
    """Refuses an oversized body before reading it, and sets the security headers on every response. A plain ASGI
    middleware: ``@app.middleware("http")`` streams each response through a task group and memory streams, which
    cost more than rendering a cached page."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        limit = self.max_bytes + FORM_OVERHEAD  # multipart adds a little to a file
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > limit:
            response = error_response(Request(scope), 413, too_large(int(length), self.max_bytes), "TooLarge")
            await response(scope, receive, with_headers)
            return
        received = 0

        async def counted() -> Message:  # a chunked body declares no length: it is counted as it comes
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                # raised where the body is read; FastAPI passes an HTTPException through (any other error would
                # become its 400 "error parsing the body"), and http_error answers it in the one error shape
                raise StarletteHTTPException(413, too_large(received, self.max_bytes, "more than "))
            return message

        await self.app(scope, counted, with_headers)


def validation_problem(error: Any) -> str:
    """One of pydantic's errors in a reader's words: the field it is about, then the problem."""
    if error.get("type") == "json_invalid":  # its location is a character offset, not a field
        position = error["loc"][-1]
        return f"body: is not valid JSON (at character {position}: {error.get('ctx', {}).get('error', 'syntax')})"
    where = ".".join(str(p) for p in error["loc"] if p != "body") or "body"
    return f"{where}: {error['msg'].removeprefix('Value error, ')}"


def too_large(size: int, limit: int, more: str = "") -> str:
    return f"request body of {more}{size:,} bytes is over the limit of {limit:,}"


def error_response(request: Request, status: int, message: str, error: str) -> Response:
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "") \
            and "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"ok": False, "error": error, "message": message, "status": status}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
