"""The "Cymraeg" / "English" switch at the top of every page.

``GET /language/cy?next=PATH`` and ``/language/en?next=PATH`` set the language and return
to ``PATH`` (one of the hub's own paths; anything else returns home). Signed in, the choice
is kept on the person, so it follows them to every browser and to their emails; signed out,
in a cookie for a year. A link, not a form, so it works on every page without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, url_for
from flask_login import current_user

from ideashub.core.i18n import COOKIE, COOKIE_SECONDS, LANGUAGES
from ideashub.core.security import public, safe_next
from ideashub.extensions import db

bp = Blueprint("language", __name__)


@bp.get("/language/<code>")
@public
def choose(code: str):
    if code not in LANGUAGES:
        abort(404)
    target = safe_next(request.args.get("next"), url_for("home"))
    if current_user.is_authenticated and current_user.language != code:
        current_user.language = code
        db.session.commit()
    response = redirect(target)
    response.set_cookie(COOKIE, code, max_age=COOKIE_SECONDS, httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response
