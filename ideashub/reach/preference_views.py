"""Pages of notification preferences: your email settings, and the one-click unsubscribe link.

The unsubscribe page is public (mail is opened where nobody is signed in) and its POST needs
no CSRF token: mail programs send RFC 8058's ``List-Unsubscribe=One-Click`` without one. That is
safe because the signed token in the address is the authority, and all it can do is stop one
kind of email for one person. A GET never changes anything: link scanners follow links.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ideashub.core import clock
from ideashub.core.handlers import done_to, form_page, run
from ideashub.core.i18n import _, _l
from ideashub.core.security import public
from ideashub.extensions import csrf
from ideashub.reach import preferences
from ideashub.reach.preferences import CHOICES, KINDS

bp = Blueprint("preferences", __name__)

# A line under some kinds' headings, where the heading alone leaves a question.
HINTS = {
    "following": _l("Ideas, tags, teams and challenges you follow."),
    "challenge_day": _l("For challenges you take part in or follow."),
}


class NotificationsForm(FlaskForm):
    """One group of radio buttons per kind of email (fields named by the kinds, added below)."""


for _kind, _label in KINDS.items():
    setattr(
        NotificationsForm,
        _kind,
        RadioField(
            _label,
            choices=[SelectChoice(value, text) for value, text in CHOICES.items()],
            description=HINTS.get(_kind, ""),
            validators=[InputRequired(message=_l("Choose how you want these emails."))],
        ),
    )


def notifications():
    form = NotificationsForm(data=preferences.settings_of(current_user.id))
    return form_page(
        form,
        lambda: preferences.update_settings(
            current_user, {kind: form[kind].data for kind in KINDS}, clock.now()
        ),
        done=lambda _settings: done_to(url_for("preferences.notifications"), _("Your email settings are saved.")),
        page=lambda: render_template(
            "reach/notifications.html", form=form, kinds=KINDS, why_defaults=preferences.WHY_DEFAULTS
        ),
    )


@public
def unsubscribe(token: str):
    """GET: say which emails would stop, with a button; nothing changes (link scanners follow links).

    POST (the button, or a mail program's one-click ``List-Unsubscribe=One-Click``): stop them.
    """
    if request.method == "POST":
        _person, kind = run(lambda: preferences.unsubscribe(token, clock.now())).value
        return render_template("reach/unsubscribe.html", token=token, kind=KINDS[kind], done=True)
    person, kind = preferences.unsubscribe_target(token)  # a forged link: 404
    choice = preferences.email_choice(person.id, kind)
    return render_template("reach/unsubscribe.html", token=token, kind=KINDS[kind], already_off=choice == preferences.OFF)


# Mail programs post without the page's token; the signed token in the address is the authority.
csrf.exempt(unsubscribe)

URLS = [
    ("/account/notifications", "notifications", notifications, ["GET", "POST"]),
    ("/unsubscribe/<token>", "unsubscribe", unsubscribe, ["GET", "POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
