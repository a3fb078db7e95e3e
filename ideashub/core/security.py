"""Security headers, the default-deny sign-in gate and safe redirects."""

from __future__ import annotations

import secrets
import unicodedata
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request

from ideashub.core.errors import ServiceError
from ideashub.core.i18n import _, _l
from ideashub.core.words import number

PUBLIC_ATTR = "_ideashub_public"


def public(view):
    """Mark a view as open to people who are not signed in.

    Every other view needs a signed-in person: the gate is on by default, so
    a new route cannot be left open by forgetting a decorator.
    """
    setattr(view, PUBLIC_ATTR, True)
    return view


def is_public_endpoint(app: Flask, endpoint: str | None) -> bool:
    if endpoint is None:
        return True  # 404s and the like: nothing to protect
    if endpoint == "static":
        return True
    view = app.view_functions.get(endpoint)
    return bool(view is not None and getattr(view, PUBLIC_ATTR, False))


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ]
    )


def apply_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("HTTPS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static" and "Cache-Control" not in headers:
        # Pages and API answers carry personal data: never keep them in a cache.
        headers["Cache-Control"] = "no-store"
    return response


def is_safe_redirect(target: str | None) -> bool:
    """True only for a path on this site ("/ideas/4"), never another host.

    Follows Django's url_has_allowed_host_and_scheme: no scheme, no host,
    no leading slashes or backslashes that browsers read as a host, no
    control characters.
    """
    if not target or not isinstance(target, str):
        return False
    target = target.strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(unicodedata.category(ch)[0] == "C" for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str) -> str:
    return target.strip() if is_safe_redirect(target) else default


NUL_MESSAGE = _l("The request contains a NUL character (\\0), which the hub cannot store or search for. Remove it and try again.")


def has_nul(value) -> bool:
    """True when a decoded string (or any string inside a JSON value) holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def refuse_nul_characters():
    """400 for a NUL in the path, the query string or a posted form.

    No text of the hub has a use for it, SQLite would keep it and PostgreSQL
    refuses it outright (a 500 on every query that reached it with one, such
    as ``/ideas/?tag=%00``). JSON bodies are checked field by field in the API.
    """
    posted = request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded", "multipart/form-data"
    )
    fields = [*request.args.items(multi=True), *(request.form.items(multi=True) if posted else [])]
    if has_nul(request.path) or any(has_nul(k) or has_nul(v) for k, v in fields):
        raise ServiceError(str(NUL_MESSAGE))


# The longest address (path and query string) the hub answers. gunicorn is started with
# --limit-request-line 8190 (its most), above this, so a longer one reaches the app and gets
# the app's answer (JSON with the security headers for the API, a page otherwise) instead of
# the server's bare HTML error. The API document states the figure.
MAX_URL_LENGTH = 4096


class UrlTooLong(ServiceError, status=414, code="uri_too_long"):
    """The address is longer than the hub reads."""


def refuse_long_urls():
    """414 for an address longer than ``MAX_URL_LENGTH`` characters."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.full_path
    if len(raw) > MAX_URL_LENGTH:
        raise UrlTooLong(
            _("The address is too long: the hub reads addresses of at most %(count)s characters. "
              "Send a shorter search or fewer filters.", count=number(MAX_URL_LENGTH))
        )
