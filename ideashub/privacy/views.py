"""People's rights: download my data, erase me, the admins' erasure requests, the privacy page."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.errors import ensure
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import done_to, form_page, one_click
from ideashub.core.i18n import _
from ideashub.core.security import public
from ideashub.extensions import db
from ideashub.privacy import queries, rules, services
from ideashub.privacy.forms import RefuseForm
from ideashub.privacy.models import PENDING
from ideashub.reach import preferences

bp = Blueprint("privacy", __name__)


def my_data():
    """Everything the hub keeps about and by the person, as a page; and their erasure requests."""
    data = queries.data_of(current_user, clock.now())
    requests = services.requests_of(current_user)
    db.session.rollback()
    return render_template("privacy/my_data.html", data=data, requests=requests, pending=PENDING,
                           kinds=preferences.KINDS, choices=preferences.CHOICES)


def my_data_json():
    data = queries.data_of(current_user, clock.now())
    db.session.rollback()
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="my-data-{current_user.id}.json"'})


def erase():
    """GET: what erasing means, and the button; POST: ask an admin to erase me."""
    form = ActionForm()
    pending = services.pending_request(current_user) is not None
    return form_page(
        form,
        lambda: services.request_erasure(current_user, clock.now()),
        done=lambda _request: done_to(url_for("privacy.my_data"),
                               _("You have asked to be erased. An admin will approve or refuse it; this page shows which.")),
        page=lambda: render_template("privacy/erase.html", form=form, pending=pending),
        back=url_for("privacy.my_data"),
    )


def erasures():
    """The admins' list of erasure requests, waiting ones first."""
    requests = services.erasure_requests(current_user)
    return render_template("privacy/erasures.html", requests=requests, pending=PENDING, refuse_form=RefuseForm())


def approve(erasure_id: int):
    ensure(rules.can_handle_erasures(current_user))
    return one_click(lambda: services.approve_erasure(current_user, erasure_id, clock.now()),
                     _("The person is erased: they now show as a former colleague everywhere."),
                     url_for("privacy.erasures"))


def refuse(erasure_id: int):
    ensure(rules.can_handle_erasures(current_user))
    form = RefuseForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors) or _("Check the reason."), "error")
        return redirect(url_for("privacy.erasures"))
    return one_click(lambda: services.refuse_erasure(current_user, erasure_id, form.reason.data or "", clock.now()),
                     _("The request is refused; the person sees your reason."), url_for("privacy.erasures"))


@public
def privacy_page():
    """What the hub keeps, why, for how long, who sees it, and how to download or erase it."""
    return render_template("privacy/privacy.html", retention_days=current_app.config.get("RETENTION_DAYS"))


URLS = [
    ("/account/data", "my_data", my_data, ["GET"]),
    ("/account/data.json", "my_data_json", my_data_json, ["GET"]),
    ("/account/erase", "erase", erase, ["GET", "POST"]),
    ("/admin/erasures", "erasures", erasures, ["GET"]),
    ("/admin/erasures/<int:erasure_id>/approve", "approve", approve, ["POST"]),
    ("/admin/erasures/<int:erasure_id>/refuse", "refuse", refuse, ["POST"]),
    ("/privacy", "privacy", privacy_page, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
