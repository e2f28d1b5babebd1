"""Dependencies the routes share: the store, the write guard (read-only mode and CSRF), the dossier's pack."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Form, Request

from claimscope.errors import ClaimscopeError
from claimscope.pack import Pack
from claimscope.store import Store

CSRF_COOKIE = "claimscope_csrf"


class ReadOnly(ClaimscopeError):
    status = 403


class CsrfFailed(ClaimscopeError):
    status = 403


def get_store(request: Request) -> Store:
    return request.app.state.store


def writable(request: Request) -> Store:
    """The store, for a request that changes the dossier; refused when the server is read-only."""
    if request.app.state.web.read_only:
        raise ReadOnly(request.url.path, "this dossier is served read-only", "start `claimscope serve` without "
                                                                            "--read-only to change it")
    return request.app.state.store


def pack_of(request: Request) -> Pack | None:
    from claimscope.service import dossier_pack

    return dossier_pack(request.app.state.store, request.app.state.web.pack, remember=False)


def csrf_token(request: Request) -> str:
    """The form token of this browser (double-submit: the same value in a SameSite cookie and in the form)."""
    return request.cookies.get(CSRF_COOKIE) or request.state.__dict__.setdefault("new_csrf", secrets.token_urlsafe(24))


def checked_form(request: Request, csrf: Annotated[str, Form()] = "") -> Store:
    """A form post from one of our own pages, on a writable dossier."""
    store = writable(request)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, csrf):
        raise CsrfFailed(request.url.path, "the form is out of date or came from another site", "reload the page")
    return store


StoreDep = Annotated[Store, Depends(get_store)]
WritableDep = Annotated[Store, Depends(writable)]
FormDep = Annotated[Store, Depends(checked_form)]
