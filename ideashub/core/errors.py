"""Errors a service can raise, and the one place that turns errors into answers.

Services raise ``ServiceError`` subclasses with a message a person can read;
a request that wants JSON (``wants_json``: the API, ``/healthz``, a page
script's fetch) gets ``{"error": {"code", "message", "fields"}}`` with the
status, a browser gets a page. Nothing here leaks a traceback, SQL or settings.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, jsonify, redirect, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from ideashub.core import activity, clock
from ideashub.core.i18n import _, _l
from ideashub.core.serverlog import redact
from ideashub.extensions import db

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """A refusal a person can read: its HTTP ``status``, a short ``code``, and ``fields``.

    A subclass names its status and code where it is declared
    (``class Conflict(ServiceError, status=409, code="conflict")``).
    """

    status = 400
    code = "bad_request"

    def __init_subclass__(cls, status: int | None = None, code: str | None = None, **kwargs):
        """Take the subclass's ``status`` and ``code`` from its class line; otherwise inherit them."""
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if code is not None:
            cls.code = code

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Invalid(ServiceError, status=422, code="invalid"):
    """The input has the right shape but breaks a rule about its values."""


class Forbidden(ServiceError, status=403, code="forbidden"):
    """This person may never do this; the error handler writes the refusal to the audit log."""


class NotFound(ServiceError, status=404, code="not_found"):
    """There is no such thing."""


def get_or_refuse(model, ident, message: str):
    """The row of ``model`` with this id, or ``NotFound`` with ``message`` (a 404 to its reader)."""
    row = db.session.get(model, ident)
    if row is None:
        raise NotFound(message)
    return row


class Conflict(ServiceError, status=409, code="conflict"):
    """A rule of the product forbids this now (the message says why)."""


class Unauthorised(ServiceError, status=401, code="unauthorised"):
    """Nobody is signed in, or the token is unknown, expired or revoked."""


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorised",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    503: "unavailable",
    422: "invalid",
    429: "rate_limited",
}

# Lazy: each is made in the language of the request that meets the error (str() at use).
FRIENDLY = {
    400: _l("The request could not be understood."),
    401: _l("Sign in to do that."),
    403: _l("You are not allowed to do that."),
    404: _l("We could not find that page."),
    405: _l("That action is not available here."),
    413: _l("That was too large to accept."),
    415: _l("Send JSON with Content-Type: application/json."),
    429: _l("Too many attempts. Please wait a little and try again."),
    500: _l("Something went wrong on our side. Nothing you did caused it."),
}


def wants_json() -> bool:
    """Whether this request is answered in JSON: the one decision for the whole app.

    The API and ``/healthz`` always answer JSON; a page URL answers JSON when
    the request prefers it (a page script's ``fetch`` sends
    ``Accept: application/json``), and a page otherwise (a browser prefers HTML).
    The error handlers, the sign-in check and every view ask this.
    """
    if request.path.startswith("/api/") or request.path == "/healthz":
        return True
    return request.accept_mimetypes.best == "application/json"


def json_error(status: int, message: str, fields: dict | None = None, code: str | None = None):
    body = {
        "error": {
            "code": code or HTTP_CODES.get(status, "error"),
            "message": str(message),
            "fields": fields or {},
        }
    }
    return jsonify(body), status


def _page(status: int, message: str):
    return render_template("errors/error.html", status=status, message=message), status


def record_denial() -> None:
    """Write a refused request to the audit log, in a transaction of its own.

    The request's own changes (if any) are rolled back first; a failure here
    never hides the refusal from the person who made the request.
    """
    actor = g.get("api_user") or (current_user if current_user.is_authenticated else None)
    if actor is None:
        return
    try:
        db.session.rollback()
        g.writes = True  # a GET's transaction would otherwise be read-only on SQLite
        activity.record(
            actor,
            "authz.denied",
            clock.now(),
            visibility=activity.SECURITY,
            data={"method": request.method, "path": request.path[:200], "endpoint": request.endpoint},
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("Could not record a refused request")


def _service_error(error: ServiceError):
    """A refusal a service raised and no view showed itself: its status and message."""
    if error.status == 403:
        record_denial()
    if wants_json():
        return json_error(error.status, error.message, error.fields, error.code)
    return _page(error.status, error.message)


def _database_unavailable(error: OperationalError | InterfaceError):
    """503 with Retry-After: the database is restarting, unreachable or (SQLite) still locked.

    The request changed nothing, so the answer says "try again", not "our bug".
    """
    log.warning("Database unavailable on %s %s: %s", request.method, redact(request.path), type(error.orig).__name__)
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone; the pool replaces it
        log.debug("rollback after a database error failed", exc_info=True)
    message = _("The hub's database is not answering just now. Please try again in a few seconds.")
    if wants_json():
        response = current_app.make_response(json_error(503, message, code="unavailable"))
    else:
        response = current_app.make_response((render_template("errors/unavailable.html", message=message), 503))
    response.headers["Retry-After"] = "5"
    return response


def _csrf_error(error: CSRFError):
    """400: the form's CSRF token is missing, expired or from another site."""
    message = _("This form has expired or was not sent from this site. Go back, reload the page and try again.")
    if wants_json():
        return json_error(400, message, code="csrf")
    return _page(400, message)


def _page_above(path: str) -> str | None:
    """The nearest page above ``path`` that answers GET (/ideas/41/responses: /ideas/41), if any."""
    adapter = current_app.create_url_adapter(request)
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) or "/"
        try:
            adapter.match(candidate, method="GET")
        except RequestRedirect:
            return candidate + "/"
        except HTTPException:
            continue
        return candidate
    return None


def _http_error(error: HTTPException):
    """An HTTP error (404, 405, 413, 429...) with a friendly message, keeping Retry-After and Allow."""
    status = error.code or 500
    if status == 405 and request.method == "GET" and not wants_json():
        # The address of a form that only posts (shown after a refusal, then reloaded or
        # typed in): the page the form belongs to, rather than an error.
        above = _page_above(request.path)
        if above:
            return redirect(above)
    if status == 403:
        record_denial()
    friendly = FRIENDLY.get(status)
    message = str(friendly) if friendly is not None else (error.description or _("Error"))
    if wants_json():
        if status == 400 and error.description and "JSON" in str(error.description):
            message = _("The body is not valid JSON.")
        response, status = json_error(status, message)
    else:
        response, status = _page(status, message)
    response = current_app.make_response((response, status))
    headers = dict(error.get_headers())
    for name in ("Retry-After", "Allow"):
        if headers.get(name):
            response.headers[name] = headers[name]
    if status == 429 and "Retry-After" not in response.headers:
        response.headers["Retry-After"] = "60"
    return response


def _unexpected(error: Exception):
    """500 without a traceback for the person; the log keeps it. Tests see the error itself."""
    app = current_app
    if app.config.get("PROPAGATE_EXCEPTIONS") or (app.testing and not app.config.get("ERROR_PAGES_IN_TESTS")):
        raise error  # let the test (or the debugger) see it
    log.exception("Unhandled error on %s %s", request.method, redact(request.path))
    if wants_json():
        return json_error(500, str(FRIENDLY[500]), code="server_error")
    return _page(500, str(FRIENDLY[500]))


def register_error_handlers(app: Flask) -> None:
    """Answer every error in one place: JSON when ``wants_json``, a page otherwise."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(InterfaceError, _database_unavailable)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def ensure(decision) -> None:
    """Raise the matching error when a rule's decision is a no."""
    if decision:
        return
    if decision.kind == "forbidden":
        raise Forbidden(decision.reason)
    raise Conflict(decision.reason)


def refuse_if_forbidden(decision) -> None:
    """Raise ``Forbidden`` when a rule says this person may never do this.

    Views that explain a rule's "not now" with a message still do so; a
    "not you" is a 403 (and an entry in the audit log), never a flash that
    looks like a rule of timing.
    """
    if not decision and decision.kind == "forbidden":
        raise Forbidden(decision.reason)
