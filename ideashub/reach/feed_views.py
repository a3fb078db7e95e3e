"""Feeds: the account page that makes and stops a feed address, and the Atom feeds themselves.

The feeds are public routes: no session, the secret in the address is the
authority (``reach.feeds.owner_of``). An unknown or stopped address, a
deactivated owner, or a thing the owner may not read all answer the same
short "not found" text, never a page, so a reader learns nothing from it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.db import will_write
from ideashub.core.errors import NotFound, ServiceError
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import one_click, run
from ideashub.core.i18n import _, _l, in_language
from ideashub.core.security import public
from ideashub.extensions import db
from ideashub.reach import feeds

bp = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"
NOT_FOUND = _l("Not found. If this is your feed address, make a new one in Your account, Feeds.")


def _addresses(raw: str) -> dict[str, str]:
    base = f"{current_app.config['HUB_URL']}/feeds/{raw}"
    return {"board": f"{base}/board.atom", "idea": f"{base}/ideas/", "challenge": f"{base}/challenges/"}


def account():
    token = feeds.live_token(current_user)
    return render_template("reach/feeds.html", token=token, addresses=None, form=ActionForm())


def make_address():
    """Make a new feed address and show it, this once, on the page (it is never stored)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    raw = run(lambda: feeds.make_feed_token(current_user, clock.now())).value
    return render_template(
        "reach/feeds.html", token=feeds.live_token(current_user), addresses=_addresses(raw), form=ActionForm()
    )


def stop():
    if not ActionForm().validate_on_submit():
        abort(400)
    return one_click(
        lambda: feeds.stop_feeds(current_user, clock.now()),
        _("Your feeds are stopped. Feed readers using your old address get nothing from now on."),
        url_for("feeds.account"),
    )


def _text(message: str, status: int) -> Response:
    return Response(str(message) + "\n", status, mimetype="text/plain")


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _serve(token: str, build):
    """Look the owner up, build their feed and answer it as Atom; "not found" for anything refused."""
    will_write()  # a use of the address is noted
    now = clock.now()
    owner = feeds.owner_of(token, now)
    if owner is None:
        db.session.rollback()
        return _text(NOT_FOUND, 404)
    with in_language(owner.language):  # a feed reader sends no cookie: the feed is in its owner's language
        try:
            feed = build(owner, now)
        except NotFound:
            db.session.rollback()
            return _text(NOT_FOUND, 404)
        except ServiceError as error:  # a filter the board cannot read: say which
            db.session.rollback()
            return _text(error.message, error.status if 400 <= error.status < 500 else 400)
        body = render_template("reach/feed.xml", feed=feed, hub=current_app.config["HUB_URL"], rfc3339=_rfc3339)
    db.session.commit()  # the address's last use
    response = Response(body, 200, content_type=ATOM)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@public
def board_feed(token: str):
    return _serve(token, lambda owner, now: feeds.board_feed(owner, request.args, fallback=owner.created_at))


@public
def idea_feed(token: str, idea_id: int):
    return _serve(token, lambda owner, now: feeds.idea_feed(owner, idea_id))


@public
def challenge_feed(token: str, challenge_id: int):
    return _serve(token, lambda owner, now: feeds.challenge_feed(owner, challenge_id, now))


# Every URL of the feature, at a glance.
URLS = [
    ("/account/feeds", "account", account, ["GET"]),
    ("/account/feeds/new", "make_address", make_address, ["POST"]),
    ("/account/feeds/stop", "stop", stop, ["POST"]),
    ("/feeds/<token>/board.atom", "board", board_feed, ["GET"]),
    ("/feeds/<token>/ideas/<int:idea_id>.atom", "idea", idea_feed, ["GET"]),
    ("/feeds/<token>/challenges/<int:challenge_id>.atom", "challenge", challenge_feed, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
