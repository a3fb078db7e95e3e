"""API: tokens, the signed-in person, teams, creating accounts."""

from __future__ import annotations

from flask import g, jsonify
from sqlalchemy import select

from ideashub.api import bp
from ideashub.api.common import actor, json_body, team_json, user_json
from ideashub.core import clock, limits
from ideashub.core.errors import Unauthorised, refuse_if_forbidden
from ideashub.core.i18n import _
from ideashub.core.security import public
from ideashub.extensions import db
from ideashub.people import rules, services
from ideashub.people.models import Organisation, Team


@bp.post("/tokens")
@public
@limits.sign_in
def create_token():
    body = json_body("TokenRequest")
    now = clock.now()
    user = services.authenticate(body["email"], body["password"], now)
    if user is None:
        db.session.commit()  # keep the failed attempt in the audit log
        raise Unauthorised(_("That email address and password do not match an account."))
    token = services.issue_token(user, now)
    db.session.commit()
    return jsonify({"token": token, "user": user_json(user, with_email=True)}), 201


@bp.delete("/tokens/current")
def revoke_current_token():
    services.revoke_token(g.api_token, clock.now())
    db.session.commit()
    return "", 204


@bp.get("/me")
def me():
    return jsonify(user_json(actor(), with_email=True))


@bp.get("/teams")
def teams():
    rows = db.session.scalars(
        select(Team).join(Organisation).order_by(Organisation.name, Team.name)
    ).all()
    return jsonify({"items": [team_json(t) for t in rows]})


@bp.post("/users")
def create_user():
    refuse_if_forbidden(rules.can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("NewUser")
    account = services.NewAccount(
        email=body["email"],
        name=body["name"],
        password=body["password"],
        team_id=body.get("team_id"),
        role=body.get("role", "member"),
    )
    user = services.create_user(actor(), account, clock.now())
    db.session.commit()
    return jsonify(user_json(user, with_email=True)), 201
