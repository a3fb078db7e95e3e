"""Admin pages for outgoing webhooks, under /admin/webhooks: list, set up, change, delete,
send a test, a new secret, and each webhook's delivery log. Admins only."""

from __future__ import annotations

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from ideashub.challenges.models import Challenge
from ideashub.core import clock, events
from ideashub.core.errors import ensure
from ideashub.core.fields import choose, chosen_id, too_long
from ideashub.core.handlers import done_to, form_page, one_click, run
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.people.services import teams_by_organisation
from ideashub.reach import webhooks
from ideashub.reach.webhooks import FORMATS, SCOPES, SECRET_MAX, URL_MAX, WebhookDraft

bp = Blueprint("webhooks", __name__, url_prefix="/admin/webhooks")


@bp.before_request
def admins_only():
    ensure(webhooks.can_manage_webhooks(current_user))


def event_words(name: str) -> str:
    """An event as people read it: "A person posts an idea"."""
    if name == webhooks.TEST_EVENT:
        return _("A test message")
    kind = events.CATALOGUE.get(name)
    if kind is None:
        return _("An event")
    when = str(kind.when)
    return when[:1].upper() + when[1:]


class WebhookForm(FlaskForm):
    url = StringField(
        _l("Address (URL)"),
        description=_l("The webhook address Teams, Slack or your service gave you, starting with https://."),
        validators=[Optional(), Length(max=URL_MAX, message=too_long(URL_MAX))],
    )
    format = RadioField(_l("What it is"), choices=[SelectChoice(k, v) for k, v in FORMATS.items()], default="generic", validate_choice=False)
    scope = RadioField(_l("What it tells about"), choices=[SelectChoice(k, v) for k, v in SCOPES.items()], validate_choice=False)
    organisation_id = SelectField(_l("Organisation"), coerce=chosen_id, validate_choice=False, validators=[Optional()])
    team_id = SelectField(_l("Team"), coerce=chosen_id, validate_choice=False, validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=40, message=too_long(40))])
    challenge_id = SelectField(_l("Challenge"), coerce=chosen_id, validate_choice=False, validators=[Optional()])
    events = SelectMultipleField(_l("Events"), validate_choice=False)
    secret = StringField(
        _l("Secret (optional)"),
        description=_l("To sign each message for a service of your own: %(least)s to %(most)s characters. "
                       "Leave it empty and the hub makes one.", least=webhooks.SECRET_MIN, most=SECRET_MAX),
        validators=[Optional(), Length(max=SECRET_MAX, message=too_long(SECRET_MAX))],
    )
    active = BooleanField(_l("Send events (untick to pause the webhook)"), default=True)


def _form(webhook=None) -> WebhookForm:
    data = None
    if webhook is not None and request.method == "GET":
        draft = webhooks.draft_of(webhook)
        data = {**draft.__dict__, "url": ""}
    form = WebhookForm(data=data) if data else WebhookForm()
    form.organisation_id.choices = [choose()] + [SelectChoice(o.id, o.name) for o, _teams in teams_by_organisation()]
    form.team_id.choices = [choose()] + [
        SelectChoice(t.id, t.name, optgroup=o.name) for o, teams in teams_by_organisation() for t in teams
    ]
    form.challenge_id.choices = [choose()] + [
        SelectChoice(c.id, c.title) for c in db.session.scalars(db.select(Challenge).order_by(Challenge.starts_on.desc()))
    ]
    return form


def _draft(form: WebhookForm, keep_url: str | None = None) -> WebhookDraft:
    url = (form.url.data or "").strip()
    return WebhookDraft(
        url=url or keep_url or "", format=form.format.data or "", events=list(form.events.data or []),
        scope=form.scope.data or "", organisation_id=form.organisation_id.data, team_id=form.team_id.data,
        tag=form.tag.data, challenge_id=form.challenge_id.data, secret=form.secret.data or None,
        active=bool(form.active.data),
    )


def _event_choices() -> list[tuple[str, str]]:
    return [(name, event_words(name)) for name in webhooks.subscribable_events()]


def _form_page(form, webhook=None):
    return render_template(
        "reach/webhooks_form.html", form=form, webhook=webhook, event_choices=_event_choices(),
        chosen=set(form.events.data or []),
    )


def _secret_page(webhook, made: bool):
    """The secret, shown this once: no browser or proxy keeps a copy of the page."""
    response = make_response(render_template("reach/webhooks_secret.html", webhook=webhook, made=made))
    response.headers["Cache-Control"] = "no-store"
    return response


def index():
    found = webhooks.list_webhooks()
    return render_template("reach/webhooks.html", webhooks=found, last=webhooks.last_deliveries([w.id for w in found]),
                           event_words=event_words)


def new():
    form = _form()
    return form_page(
        form,
        lambda: webhooks.create_webhook(current_user, _draft(form), clock.now()),
        done=lambda webhook: _secret_page(webhook, made=True),
        page=lambda: _form_page(form),
    )


def edit(webhook_id: int):
    webhook = webhooks.get_webhook(webhook_id)
    form = _form(webhook)
    form.secret.data = None  # a secret is changed with "Make a new secret", not here
    return form_page(
        form,
        lambda: webhooks.change_webhook(current_user, webhook_id, _draft(form, keep_url=webhook.url), clock.now()),
        done=lambda _webhook: done_to(url_for("webhooks.index"), _("The webhook is saved.")),
        page=lambda: _form_page(form, webhook),
    )


def delete(webhook_id: int):
    webhook = webhooks.get_webhook(webhook_id)
    if request.form.get("confirmed") != "yes":
        return render_template(
            "layouts/confirm.html", title=_("Delete the webhook to %(address)s?", address=webhook.shown_url),
            action=url_for("webhooks.delete", webhook_id=webhook_id),
            consequences=[_("Nothing more is sent to it, including messages waiting to be sent."),
                          _("Its delivery log is kept, but you cannot open it from this list any more.")],
            hidden={"confirmed": "yes"}, button=_("Yes, delete the webhook"), cancel=url_for("webhooks.index"),
        )
    return one_click(lambda: webhooks.delete_webhook(current_user, webhook_id, clock.now()),
                     _("The webhook is deleted."), url_for("webhooks.index"))


def send_test(webhook_id: int):
    back = url_for("webhooks.deliveries", webhook_id=webhook_id)
    outcome = run(lambda: webhooks.send_test(current_user, webhook_id, clock.now()))
    if not outcome.ok:
        flash(outcome.error.message, "error")
        return redirect(back)
    delivery = outcome.value
    if delivery.status == "sent":
        flash(_("The test message went through: the address answered %(code)s.", code=delivery.status_code), "success")
    else:
        flash(_("The test message did not go through: %(error)s.", error=delivery.last_error or _("no answer")), "warning")
    return redirect(back)


def new_secret(webhook_id: int):
    webhook = webhooks.get_webhook(webhook_id)
    if request.form.get("confirmed") != "yes":
        return render_template(
            "layouts/confirm.html", title=_("Make a new secret for the webhook to %(address)s?", address=webhook.shown_url),
            action=url_for("webhooks.new_secret", webhook_id=webhook_id),
            consequences=[_("Messages are signed with the new secret from now on."),
                          _("The service receiving them must be given the new secret, or it will refuse them.")],
            hidden={"confirmed": "yes"}, button=_("Yes, make a new secret"), cancel=url_for("webhooks.index"),
        )
    outcome = run(lambda: webhooks.change_webhook(current_user, webhook_id, webhooks.draft_of(webhook), clock.now(),
                                                  rotate_secret=True))
    if not outcome.ok:
        flash(outcome.error.message, "error")
        return redirect(url_for("webhooks.index"))
    return _secret_page(outcome.value, made=False)


def deliveries(webhook_id: int):
    webhook = webhooks.get_webhook(webhook_id)
    return render_template("reach/webhooks_log.html", webhook=webhook, rows=webhooks.deliveries(webhook_id),
                           event_words=event_words)


URLS = [
    ("", "index", index, ["GET"]),
    ("/new", "new", new, ["GET", "POST"]),
    ("/<int:webhook_id>", "edit", edit, ["GET", "POST"]),
    ("/<int:webhook_id>/delete", "delete", delete, ["POST"]),
    ("/<int:webhook_id>/test", "send_test", send_test, ["POST"]),
    ("/<int:webhook_id>/secret", "new_secret", new_secret, ["POST"]),
    ("/<int:webhook_id>/deliveries", "deliveries", deliveries, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
