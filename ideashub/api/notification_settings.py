"""API: your notification settings (how each kind of notification reaches you by email)."""

from __future__ import annotations

from flask import jsonify

from ideashub.api import bp
from ideashub.api.common import actor, json_body
from ideashub.core import clock
from ideashub.extensions import db
from ideashub.reach import preferences


@bp.get("/me/notification-settings")
def get_notification_settings():
    return jsonify({"email": preferences.settings_of(actor().id)})


@bp.put("/me/notification-settings")
def put_notification_settings():
    body = json_body("NotificationSettingsChange")
    settings = preferences.update_settings(actor(), body["email"], clock.now())
    db.session.commit()
    return jsonify({"email": settings})
