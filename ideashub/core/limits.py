"""Abuse limits: how often an address, an account or a person may do something.

Each limit is a setting (``RATELIMIT_*``, in the ``limits`` notation such as
``"10 per minute;50 per hour"``). A limit is shared by the page and the API
that do the same thing (signing in on the form and ``POST /api/v1/tokens``
count against one budget). Counters live in ``RATELIMIT_STORAGE_URI``: Redis
in production, so they hold across workers and app servers; memory
otherwise. A request over a limit gets 429 with ``Retry-After``.
"""

from __future__ import annotations

import hashlib

from flask import current_app, g, request
from flask_login import current_user

from ideashub.core.text import normalise_email
from ideashub.extensions import limiter

DEFAULTS = {
    # Per address: generous enough for an office behind one NAT at 9 a.m.
    "RATELIMIT_SIGN_IN": "30 per minute;300 per hour",
    # Per account: what guessing one person's password would need.
    "RATELIMIT_SIGN_IN_ACCOUNT": "10 per 15 minutes",
    "RATELIMIT_REGISTER": "10 per hour",
    "RATELIMIT_RESET": "10 per hour",
    "RATELIMIT_RESET_ACCOUNT": "3 per hour",
    "RATELIMIT_IDEAS": "20 per hour",
    "RATELIMIT_RESPONSES": "60 per hour",
    "RATELIMIT_SUPPORTS": "120 per minute",
    # The @mention suggestions: a request per letter typed, at most.
    "RATELIMIT_SUGGEST": "300 per minute",
}


def _setting(name: str):
    return lambda: current_app.config[name]


def by_address() -> str:
    return "address:" + (request.remote_addr or "unknown")


def by_person() -> str:
    """The signed-in person (by session or API token); the address for anyone else."""
    user = g.get("api_user")
    if user is None and current_user and current_user.is_authenticated:
        user = current_user
    return f"person:{user.id}" if user is not None else by_address()


def by_account() -> str:
    """The account a sign-in or reset names, hashed: the email never reaches the store."""
    email = request.form.get("email")
    if email is None and request.is_json:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    email = normalise_email(email if isinstance(email, str) else "")
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _pair(setting: str, scope: str, key_func):
    return limiter.shared_limit(_setting(setting), scope, key_func=key_func, methods=["POST"])


def _chain(*decorators):
    def apply(view):
        for decorator in reversed(decorators):
            view = decorator(view)
        return view

    return apply


# Decorators for the views; each names its shared scope, so page and API share a budget.
sign_in = _chain(
    _pair("RATELIMIT_SIGN_IN", "sign-in-address", by_address),
    _pair("RATELIMIT_SIGN_IN_ACCOUNT", "sign-in-account", by_account),
)
register = _pair("RATELIMIT_REGISTER", "register", by_address)
password_reset = _chain(
    _pair("RATELIMIT_RESET", "reset-address", by_address),
    _pair("RATELIMIT_RESET_ACCOUNT", "reset-account", by_account),
)


def _person(setting: str, scope: str, methods: list[str]):
    return limiter.shared_limit(_setting(setting), scope, key_func=by_person, methods=methods)


post_idea = _person("RATELIMIT_IDEAS", "ideas", ["POST"])
respond = _person("RATELIMIT_RESPONSES", "responses", ["POST"])
support = _person("RATELIMIT_SUPPORTS", "supports", ["POST", "PUT", "DELETE"])
suggest = _person("RATELIMIT_SUGGEST", "suggest", ["GET"])
