"""API: administration of people, organisations and settings."""

from __future__ import annotations

from flask import jsonify, request

from ideashub.admin import queries, services
from ideashub.api import bp
from ideashub.api.common import (
    BadRequest,
    actor,
    json_body,
    next_page_url,
    refuse_long_args,
    team_json,
    user_json,
)
from ideashub.core import clock
from ideashub.core.errors import ensure, refuse_if_forbidden
from ideashub.core.i18n import _
from ideashub.core.settings import all_settings
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.people.rules import can_manage_people
from ideashub.people.services import get_user


def organisation_json(organisation) -> dict:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "domains": [d.domain for d in organisation.domains],
        "teams": [{"id": t.id, "name": t.name} for t in organisation.teams],
    }


@bp.get("/users")
def list_users():
    ensure(can_manage_people(actor()))
    raw = request.args.get("page")
    page = 1 if raw in (None, "") else whole_number(raw, high=10_000)
    if page is None:
        raise BadRequest(_("%(name)s must be a whole number from %(low)s to %(high)s.", name="page", low=1, high="10,000"),
                         {"page": _("Use a whole number from %(low)s to %(high)s.", low=1, high="10,000")})
    refuse_long_args(q=100)
    people, more = queries.people((request.args.get("q") or "").strip(), page)
    data = {"items": [dict(user_json(p, with_email=True), active=p.active) for p in people]}
    data["next"] = next_page_url("api.list_users", page, queries.PAGE, page * queries.PAGE + (1 if more else 0), q=request.args.get("q"))
    return jsonify(data)


@bp.patch("/users/<int:user_id>")
def change_user(user_id: int):
    refuse_if_forbidden(can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("UserChanges")
    me, now, reason = actor(), clock.now(), body.get("reason") or ""
    if "team_id" in body:
        services.change_team(me, user_id, body["team_id"], reason, now)
    if "role" in body:
        services.change_role(me, user_id, body["role"], reason, now)
    if "active" in body:
        services.set_active(me, user_id, body["active"], reason, now)
    db.session.commit()
    person = get_user(user_id)
    return jsonify(dict(user_json(person, with_email=True), active=person.active))


@bp.get("/organisations")
def list_organisations():
    return jsonify({"items": [organisation_json(o) for o in queries.organisations()]})


@bp.post("/organisations")
def add_organisation():
    refuse_if_forbidden(can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("NewOrganisation")
    organisation = services.add_organisation(actor(), body["name"], clock.now())
    db.session.commit()
    return jsonify(organisation_json(organisation)), 201


@bp.post("/organisations/<int:organisation_id>/domains")
def add_domain(organisation_id: int):
    refuse_if_forbidden(can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("NewDomain")
    services.add_domain(actor(), organisation_id, body["domain"], clock.now())
    db.session.commit()
    return jsonify(organisation_json(services.get_organisation(organisation_id))), 201


@bp.post("/organisations/<int:organisation_id>/teams")
def add_team(organisation_id: int):
    refuse_if_forbidden(can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("NewTeam")
    team = services.add_team(actor(), organisation_id, body["name"], clock.now())
    db.session.commit()
    return jsonify(team_json(team)), 201


@bp.get("/settings")
def get_settings():
    return jsonify(all_settings())


@bp.put("/settings")
def put_settings():
    refuse_if_forbidden(can_manage_people(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("SettingsChange")
    reason = body.pop("reason", "") or ""
    values = services.change_settings(actor(), body, reason, clock.now())
    db.session.commit()
    return jsonify(values)
