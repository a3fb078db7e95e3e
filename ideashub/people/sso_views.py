"""The pages of signing in with an organisation's own accounts: the provider's answer (/sso/callback),
picking a team once, signing out of the provider too, and the provider's back-channel logout."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from wtforms.fields.choices import SelectChoice

from ideashub.core import clock
from ideashub.core.errors import Invalid, ServiceError
from ideashub.core.fields import choose
from ideashub.core.forms import show_service_error
from ideashub.core.handlers import run
from ideashub.core.i18n import _
from ideashub.core.security import public, safe_next
from ideashub.extensions import db
from ideashub.people import sso
from ideashub.people.forms import TeamChoiceForm
from ideashub.people.sso_models import IdentityProvider

bp = Blueprint("sso", __name__, url_prefix="/sso")
ID_TOKEN_IN_SESSION_MAX = 1800


def failed(error: ServiceError):
    """A refused sign-in: what happened in words, and the way back (400, 403 or 503)."""
    return render_template("people/sso_failed.html", message=error.message), error.status


def _signed_in(user, verified: sso.Verified, next_url: str):
    session.clear()
    login_user(user)
    session.permanent = True
    # Kept for signing out of the provider too (RP-initiated logout). A large ID token is left out
    # (the hint is optional): the session is a cookie, which browsers drop past 4 KB.
    hint = verified.id_token if 0 < len(verified.id_token) <= ID_TOKEN_IN_SESSION_MAX else None
    session["sso_signout"] = {"provider_id": verified.provider_id, "id_token": hint}
    flash(_("Welcome, %(name)s.", name=user.name), "success")
    return redirect(safe_next(next_url, url_for("ideas.board")))


def _complete(verified: sso.Verified, next_url: str, team_id: int | None = None):
    outcome = run(lambda: sso.sign_in(verified, clock.now(), team_id), commit_refusals=True)
    if not outcome.ok:
        return outcome.error
    if outcome.value.needs_team:
        waiting = asdict(verified)
        if len(verified.id_token) > ID_TOKEN_IN_SESSION_MAX:
            waiting["id_token"] = ""
        session["sso_new"] = {"verified": waiting, "next": next_url, "at": clock.now().timestamp()}
        return redirect(url_for("sso.team"))
    session.pop("sso_new", None)
    return _signed_in(outcome.value.user, verified, next_url)


@public
def callback():
    """The provider sends the person back here with a code and the state we gave it."""
    pending = session.pop("sso", None)  # used once, whatever happens next
    outcome = run(lambda: sso.finish(pending, request.args.to_dict(), clock.now()), commit_refusals=True)
    if not outcome.ok:
        return failed(outcome.error)
    answer = _complete(outcome.value, (pending or {}).get("next", ""))
    return failed(answer) if isinstance(answer, ServiceError) else answer


@public
def team():
    """Someone new whose team no claim gives picks one of their organisation's teams, once."""
    waiting = session.get("sso_new")
    now = clock.now()
    if not waiting or now.timestamp() - float(waiting.get("at", 0)) > sso.PENDING_LIFETIME.total_seconds():
        session.pop("sso_new", None)
        return failed(sso.SignInRefused(_("This sign-in has expired. Start again from the sign-in page.")))
    verified = sso.Verified(**waiting["verified"])
    provider = db.session.get(IdentityProvider, verified.provider_id)
    if provider is None:
        return failed(sso.SignInRefused(_("Your organisation no longer signs in this way. Start again.")))
    organisation = provider.organisation
    form = TeamChoiceForm()
    form.team_id.choices = [choose(_("Choose your team…"))] + [SelectChoice(t.id, t.name) for t in organisation.teams]
    status = 200
    if form.validate_on_submit():
        answer = _complete(verified, waiting.get("next", ""), form.team_id.data)
        if not isinstance(answer, ServiceError):
            return answer
        if not isinstance(answer, Invalid):
            session.pop("sso_new", None)
            return failed(answer)
        show_service_error(form, answer)
        status = 422
    elif form.is_submitted():
        status = 422
    db.session.rollback()
    return render_template("people/sso_team.html", form=form, organisation=organisation, name=verified.name,
                           email=verified.email), status


@public
def signed_out():
    """Signed out of the hub; on to the provider to sign out there too (no script needed)."""
    url = session.pop("sso_end_url", None)
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    if not url:
        return redirect(url_for("people.login"))
    return render_template("people/sso_signed_out.html", url=url)


@public
def backchannel_logout():
    """OpenID Connect back-channel logout: the provider says a person signed out there."""
    token = request.form.get("logout_token", "")
    if not token or len(token) > 16_000:
        return jsonify({"error": "invalid_request", "error_description": "Send a logout_token."}), 400
    outcome = run(lambda: sso.backchannel_logout(token, clock.now()), commit_refusals=True)
    if not outcome.ok:
        return jsonify({"error": "invalid_request", "error_description": outcome.error.message}), 400
    return "", 200


URLS = [
    ("/callback", "callback", callback, ["GET"]),
    ("/team", "team", team, ["GET", "POST"]),
    ("/signed-out", "signed_out", signed_out, ["GET"]),
    ("/backchannel-logout", "backchannel_logout", backchannel_logout, ["POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
