"""API: triage, merging, reports, hiding, notifications."""

from __future__ import annotations

from flask import jsonify

from ideashub.api import bp
from ideashub.api.common import actor, attrs, iso, json_body, optional_date
from ideashub.api.ideas import idea_json, response_json
from ideashub.core import clock
from ideashub.core.errors import refuse_if_forbidden
from ideashub.extensions import db
from ideashub.hearing import notifications, services
from ideashub.hearing.rules import can_triage
from ideashub.ideas.services import get_idea, is_supporter


def _idea(idea_id: int):
    idea = get_idea(idea_id)
    return jsonify(idea_json(idea, is_supporter(actor().id, idea.id)))


@bp.post("/ideas/<int:idea_id>/stage")
def move_idea(idea_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("StageChange")
    move = services.Move(
        stage=body["stage"],
        reason=body.get("reason") or "",
        revisit_on=optional_date(body.get("revisit_on"), "revisit_on"),
        version=body.get("version"),
    )
    services.move_idea(actor(), idea_id, move, clock.now())
    db.session.commit()
    return _idea(idea_id)


@bp.post("/ideas/<int:idea_id>/merge")
def merge_idea(idea_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("Merge")
    target = services.merge_ideas(actor(), idea_id, body["into"], clock.now(), version=body.get("version"))
    db.session.commit()
    return _idea(target.id)


def _report_json(report) -> dict:
    return {**attrs(report, "id", "idea_id", "response_id", "reason"), "created_at": iso(report.created_at)}


@bp.post("/ideas/<int:idea_id>/reports")
def report_idea(idea_id: int):
    body = json_body("NewReport")
    report = services.report(actor(), idea_id, body["reason"], clock.now())
    db.session.commit()
    return jsonify(_report_json(report)), 201


@bp.post("/responses/<int:response_id>/reports")
def report_response(response_id: int):
    body = json_body("NewReport")
    response = services.get_response(response_id)
    report = services.report(actor(), response.idea_id, body["reason"], clock.now(), response_id=response_id)
    db.session.commit()
    return jsonify(_report_json(report)), 201


@bp.post("/ideas/<int:idea_id>/hide")
def hide_idea(idea_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("HideRequest")
    services.hide_idea(actor(), idea_id, body["reason"], clock.now())
    db.session.commit()
    return _idea(idea_id)


@bp.post("/ideas/<int:idea_id>/unhide")
def unhide_idea(idea_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("UnhideRequest")
    services.unhide_idea(actor(), idea_id, clock.now(), body.get("reason") or "")
    db.session.commit()
    return _idea(idea_id)


@bp.post("/responses/<int:response_id>/hide")
def hide_response(response_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("HideRequest")
    response = services.hide_response(actor(), response_id, body["reason"], clock.now())
    db.session.commit()
    return jsonify(response_json(response))


@bp.post("/responses/<int:response_id>/unhide")
def unhide_response(response_id: int):
    refuse_if_forbidden(can_triage(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("UnhideRequest")
    response = services.unhide_response(actor(), response_id, clock.now(), body.get("reason") or "")
    db.session.commit()
    return jsonify(response_json(response))


@bp.get("/notifications")
def list_notifications():
    me = actor()
    items = notifications.notifications_for(me.id)
    return jsonify(
        {
            "items": [
                {
                    "id": n.id,
                    "kind": n.kind,
                    "text": n.text,
                    "idea_id": n.idea_id,
                    "response_id": n.response_id,
                    "created_at": iso(n.created_at),
                    "read": n.read_at is not None,
                }
                for n in items
            ],
            "unread": notifications.unread_count(me.id),
        }
    )


@bp.post("/notifications/read")
def read_notifications():
    notifications.mark_read(actor().id, clock.now())
    db.session.commit()
    return jsonify({"unread": 0})
