"""Moving out (the admin's "Export everything") and the decision trail of an idea.

The export page says what the document holds and what stays behind; the download streams the
document as it is read, so a large hub never sits whole in memory.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, stream_with_context
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.errors import Forbidden, ensure
from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.ideas import services as ideas
from ideashub.people.permissions import can_see_hidden
from ideashub.people.rules import can_manage_people
from ideashub.portability import export, schema, services
from ideashub.portability.trail import trail_of

bp = Blueprint("portability", __name__)


def _admins_only() -> None:
    ensure(can_manage_people(current_user))


def export_page():
    _admins_only()
    return render_template(
        "portability/export.html", exported=schema.EXPORTED, not_data=schema.NOT_DATA, left_out=schema.LEFT_OUT,
        version=schema.SCHEMA_VERSION, format=schema.FORMAT,
    )


def download():
    now = clock.now()
    services.record_export(current_user, now)
    db.session.commit()  # the audit line stands whatever happens to the download

    def document():
        try:
            yield from export.chunks(now)
        finally:
            db.session.rollback()

    name = f"ideashub-export-{now.strftime('%Y%m%dT%H%M%SZ')}.json"
    return Response(stream_with_context(document()), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


def trail(idea_id: int):
    idea = ideas.get_idea(idea_id)
    if idea.hidden_at is not None and not can_see_hidden(current_user):
        # As the idea's history: members see only the moderator's notice on the idea page.
        raise Forbidden(_("This idea has been hidden by a moderator."))
    return render_template("portability/trail.html", trail=trail_of(idea, current_user), idea=idea)


# Every URL of the feature, at a glance.
URLS = [
    ("/admin/export", "export_page", export_page, ["GET"]),
    ("/admin/export/download", "download", download, ["GET"]),
    ("/ideas/<int:idea_id>/trail", "trail", trail, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
