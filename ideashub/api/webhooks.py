"""API: outgoing webhooks (admins), over the same services as the admin pages."""

from __future__ import annotations

from flask import jsonify

from ideashub.api import bp
from ideashub.api.common import actor, iso, json_body
from ideashub.core import clock
from ideashub.core.errors import Invalid, refuse_if_forbidden
from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.reach import webhooks

SCOPE_FIELDS = ("organisation_id", "team_id", "tag", "challenge_id")


def webhook_json(webhook, with_secret: bool = False) -> dict:
    data = {
        "id": webhook.id,
        "url": webhook.shown_url,
        "format": webhook.format,
        "events": list(webhook.events),
        "organisation_id": webhook.organisation_id,
        "team_id": webhook.team_id,
        "tag": webhook.tag,
        "challenge_id": webhook.challenge_id,
        "active": webhook.active,
        "created_at": iso(webhook.created_at),
        "updated_at": iso(webhook.updated_at),
    }
    if with_secret:
        data["secret"] = webhook.secret
    return data


def delivery_json(row) -> dict:
    return {
        "id": row.id,
        "event": (row.payload or {}).get("event", ""),
        "status": row.status,
        "status_code": row.status_code,
        "attempts": row.attempts,
        "last_error": row.last_error,
        "created_at": iso(row.created_at),
        "sent_at": iso(row.sent_at),
    }


def _admin_only() -> None:
    refuse_if_forbidden(webhooks.can_manage_webhooks(actor()))  # who may, before what they sent: 403, not 422


def _scope(body: dict, draft: webhooks.WebhookDraft | None = None) -> webhooks.WebhookDraft:
    """The draft with the body's scope: exactly one scope field (none on a change keeps the old one)."""
    given = [name for name in SCOPE_FIELDS if name in body]
    draft = draft or webhooks.WebhookDraft()
    if len(given) > 1 or (not given and not draft.scope):
        message = _("Give exactly one of organisation_id, team_id, tag and challenge_id.")
        raise Invalid(message, {name: message for name in (given or SCOPE_FIELDS)})
    if given:
        name = given[0]
        draft.scope = name.removesuffix("_id")
        draft.organisation_id = draft.team_id = draft.tag = draft.challenge_id = None
        setattr(draft, name, body[name])
    return draft


@bp.get("/webhooks")
def list_webhooks():
    _admin_only()
    return jsonify({"items": [webhook_json(w) for w in webhooks.list_webhooks()]})


@bp.post("/webhooks")
def create_webhook():
    _admin_only()
    body = json_body("NewWebhook")
    draft = _scope(body)
    draft.url, draft.format, draft.events = body["url"], body["format"], body["events"]
    draft.secret = body.get("secret")
    draft.active = body.get("active", True)
    webhook = webhooks.create_webhook(actor(), draft, clock.now())
    db.session.commit()
    return jsonify(webhook_json(webhook, with_secret=True)), 201


@bp.get("/webhooks/<int:webhook_id>")
def get_webhook(webhook_id: int):
    _admin_only()
    return jsonify(webhook_json(webhooks.get_webhook(webhook_id)))


@bp.patch("/webhooks/<int:webhook_id>")
def change_webhook(webhook_id: int):
    _admin_only()
    body = json_body("WebhookChanges")
    webhook = webhooks.get_webhook(webhook_id)
    draft = _scope(body, webhooks.draft_of(webhook))
    for name in ("url", "format", "events", "active"):
        if name in body:
            setattr(draft, name, body[name])
    rotate = bool(body.get("rotate_secret"))
    webhook = webhooks.change_webhook(actor(), webhook_id, draft, clock.now(), rotate_secret=rotate)
    db.session.commit()
    return jsonify(webhook_json(webhook, with_secret=rotate))


@bp.delete("/webhooks/<int:webhook_id>")
def delete_webhook(webhook_id: int):
    _admin_only()
    webhooks.delete_webhook(actor(), webhook_id, clock.now())
    db.session.commit()
    return "", 204


@bp.get("/webhooks/<int:webhook_id>/deliveries")
def list_webhook_deliveries(webhook_id: int):
    _admin_only()
    webhooks.get_webhook(webhook_id)
    return jsonify({"items": [delivery_json(row) for row in webhooks.deliveries(webhook_id)]})


@bp.post("/webhooks/<int:webhook_id>/test")
def test_webhook(webhook_id: int):
    _admin_only()
    row = webhooks.send_test(actor(), webhook_id, clock.now())
    db.session.commit()
    return jsonify(delivery_json(row))
