"""Admins see what the hub could not deliver (email, webhooks) and can send it again."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ideashub.core import clock, outbox
from ideashub.core.errors import NotFound, ensure
from ideashub.core.handlers import one_click
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.people.rules import can_manage_people

bp = Blueprint("deliveries", __name__, url_prefix="/admin/deliveries")

CHANNELS = {"email": _l("Email"), "webhook": _l("Webhook")}
KINDS = {
    "own_idea": _l("About their idea"), "mention": _l("A mention"), "following": _l("What they follow"),
    "invitation": _l("An invitation to hear"), "challenge_day": _l("A challenge day"),
    "account": _l("Account (sign-up, password)"), "executive_digest": _l("Executive digest"),
    "summary_daily": _l("Daily summary"), "summary_weekly": _l("Weekly summary"), "webhook": _l("Webhook call"),
}
PAGE = 100


@bp.before_request
def admins_only():
    ensure(can_manage_people(current_user))


def index():
    counts = dict(db.session.execute(
        select(outbox.Delivery.status, func.count()).where(outbox.Delivery.channel.in_(CHANNELS))
        .group_by(outbox.Delivery.status)).all())
    troubled = list(db.session.scalars(
        select(outbox.Delivery).where(
            outbox.Delivery.channel.in_(CHANNELS),
            (outbox.Delivery.status == outbox.FAILED)
            | ((outbox.Delivery.status == outbox.PENDING) & (outbox.Delivery.attempts > 0)))
        .order_by(outbox.Delivery.created_at.desc(), outbox.Delivery.id.desc()).limit(PAGE)))
    return render_template("reach/deliveries.html", counts=counts, troubled=troubled, channels=CHANNELS, kinds=KINDS,
                           waiting_events=outbox.waiting_events())


def retry(delivery_id: int):
    def again():
        row = db.session.get(outbox.Delivery, delivery_id)
        if row is None or row.channel not in CHANNELS:
            raise NotFound(_("There is no such delivery."))
        outbox.retry(row, clock.now())

    return one_click(again, _("It will be sent again in a moment."), url_for("deliveries.index"))


URLS = [
    ("/", "index", index, ["GET"]),
    ("/<int:delivery_id>/retry", "retry", retry, ["POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
