"""One exception family. Each error names the input, the problem and, where there is one, the fix.

The CLI prints ``str(error)`` as one line and exits non-zero; the web app (later) turns ``status`` into the
HTTP status of a JSON error body. Nothing below this layer prints.
"""

from __future__ import annotations

from http import HTTPStatus

MAX_SUBJECT = 300


class ClaimscopeError(Exception):
    """Base class. ``status`` is the HTTP status a web surface should answer with."""

    status = 400

    def __init__(self, subject: str, problem: str, hint: str | None = None):
        # the input is named, not echoed: a 100,000-character value makes a one-line error of 300
        self.subject = subject if len(subject) <= MAX_SUBJECT else subject[:MAX_SUBJECT - 1] + "…"
        self.problem = problem
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        line = f"{self.subject}: {self.problem}"
        return f"{line} ({self.hint})" if self.hint else line

    @property
    def kind(self) -> str:
        """The ``error`` of a JSON error body: the class's name, or for this general class the name of its HTTP
        status ("BadRequest"), as for the web app's other errors, rather than the name of the base class."""
        if type(self) is ClaimscopeError:
            return HTTPStatus(self.status).phrase.replace(" ", "")
        return type(self).__name__

    def to_json(self) -> dict[str, object]:
        return {"ok": False, "error": self.kind, "input": self.subject,
                "message": str(self), "status": self.status}


class InputError(ClaimscopeError):
    """The input cannot be read as a document: missing, empty, binary, corrupt, unsupported, too large."""

    status = 422


class UnsupportedType(InputError):
    status = 415


class TooLarge(InputError):
    status = 413


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP error, time-out)."""

    status = 502


class FetchRefused(FetchError):
    """A URL was refused by the guard: scheme, or an address in a refused range."""

    status = 403


class InvalidURL(FetchError):
    """The URL the client gave cannot be parsed: the client's mistake (422), not the network's (502)."""

    status = 422


class NotFound(ClaimscopeError):
    status = 404


class Conflict(ClaimscopeError):
    """The request is already done, or undoes nothing ("rejected" twice, a merge into a second entity): refused, so
    a reviewer's history says what was decided, once."""

    status = 409


class Moved(ClaimscopeError):
    """What was asked for is now under another id (a proposition named by a claim that joined another one): the
    web app answers with a redirect to ``location``."""

    status = 307

    def __init__(self, subject: str, problem: str, location: str) -> None:
        super().__init__(subject, problem)
        self.location = location
