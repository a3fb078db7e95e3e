"""The JSON API, ``/api/v1``: thin adapters over the features' services.

Bearer tokens only (never the session cookie, so cross-site requests carry
no authority and the blueprint needs no CSRF token). Request bodies are
checked against the schemas of the OpenAPI document served at
``/api/v1/openapi.json``, so the document and the behaviour cannot drift.
Errors are ``{"error": {"code", "message", "fields"}}``.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, request

from ideashub.core import clock
from ideashub.core.errors import json_error
from ideashub.core.i18n import _
from ideashub.core.security import PUBLIC_ATTR
from ideashub.people.services import user_for_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def authenticate():
    g.api_user = g.api_token = None
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or getattr(view, PUBLIC_ATTR, False):
        return None
    scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return json_error(401, _("Send your token in the header %(header)s.", header="Authorization: Bearer TOKEN"))
    found = user_for_token(raw.strip(), clock.now())
    if found is None:
        return json_error(401, _("That token is not valid: it is unknown, expired or revoked."))
    g.api_user, g.api_token = found
    return None


# Import the route modules so their views attach to the blueprint.
from ideashub.api import (  # noqa: E402,F401
    admin,
    challenges,
    docs,
    follows,
    hearing,
    ideas,
    insights,
    invitations,
    notification_settings,
    people,
    privacy,
    projects,
    similar,
    webhooks,
)
