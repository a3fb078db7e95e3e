"""Signing in and out, registering, your account, and the people directory."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ideashub.core import clock, limits
from ideashub.core.fields import choose
from ideashub.core.forms import ActionForm, show_service_error
from ideashub.core.handlers import done_to, for_page_scripts, form_page, run, script_answer
from ideashub.core.i18n import _
from ideashub.core.security import content_security_policy, csp_nonce, public, safe_next
from ideashub.extensions import db
from ideashub.people import links, profiles, services, sso, sso_views
from ideashub.people.forms import (
    ForgotPasswordForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from ideashub.people.models import OrganisationDomain, User
from ideashub.people.permissions import offer_to_templates

bp = Blueprint("people", __name__)
bp.record_once(offer_to_templates)  # can_moderate(current_user) and the other predicates, in every template


def _start_session(user: User) -> None:
    # A fresh session on sign-in: nothing set before it (by anyone) survives.
    session.clear()
    login_user(user)
    session.permanent = True


@limits.sign_in
@public
def login():
    """Sign in. With an organisation's provider in the hub the page asks for the email first: an
    address of such an organisation goes to its provider, any other gets the password field."""
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = LoginForm(next=request.args.get("next", ""))
    email_first = sso.any_provider()
    show_password, status, offer = not email_first, 200, None
    if form.is_submitted() and not form.validate_on_submit():
        status, show_password = 422, show_password or bool(form.password.data)
    elif form.is_submitted():
        email, typed = form.email.data.strip(), form.password.data or ""
        provider = sso.provider_for_email(email)
        if provider is not None and not typed:
            return _to_provider(provider, email, form.next.data)
        if provider is not None and not provider.password_sign_in:
            run(lambda: sso.refuse_password(provider, email, clock.now()))
            form.form_errors.append(_("%(heading)s: %(organisation)s signs you in with its own accounts, not with a "
                                      "password here.", heading=str(sso.SIGN_IN_WITH_ORGANISATION),
                                      organisation=provider.organisation.name))
            status, offer = 403, provider
        elif not typed:
            show_password = True
            if form.step.data != "email":
                form.password.errors.append(_("Enter your password."))
                status = 422
        else:
            # Committed either way: the sign-in (or the failed attempt) is in the audit log.
            user = run(lambda: services.authenticate(email, typed, clock.now())).value
            if user is not None:
                _start_session(user)
                flash(_("Welcome back, %(name)s.", name=user.name), "success")
                return redirect(safe_next(form.next.data, url_for("ideas.board")))
            form.form_errors.append(_("That email address and password do not match an account."))
            status, show_password = 401, True
    page = render_template("people/login.html", form=form, show_password=show_password, email_first=email_first,
                           offer=offer)
    return _may_go_to_providers(page, status)


def _may_go_to_providers(page: str, status: int):
    """The page, allowed to send its form on to the organisations' providers (Content-Security-Policy)."""
    response = make_response(page, status)
    origins = sso.form_action_origins()
    if origins:
        policy = content_security_policy(csp_nonce()).replace(
            "form-action 'self'", "form-action 'self' " + " ".join(origins))
        response.headers["Content-Security-Policy"] = policy
    return response


def _to_provider(provider, email: str, next_path: str):
    """Send the person to their organisation's provider; the session keeps state, nonce and verifier."""
    outcome = run(lambda: sso.start(provider, email, safe_next(next_path, ""), clock.now()), commit_refusals=True)
    if not outcome.ok:
        return sso_views.failed(outcome.error)
    session["sso"] = outcome.value.pending
    return redirect(outcome.value.url, 302)


def logout():
    form = ActionForm()
    if form.validate_on_submit():
        signed_in_with = session.get("sso_signout")
        run(lambda: services.sign_out(current_user, clock.now()))
        logout_user()
        session.clear()
        flash(_("You have signed out."), "success")
        if signed_in_with:
            # Then out of the organisation's provider too, where it supports it (RP-initiated logout).
            url = sso.end_session_url(signed_in_with.get("provider_id"), signed_in_with.get("id_token"), clock.now())
            db.session.rollback()
            if url:
                session["sso_end_url"] = url
                return redirect(url_for("sso.signed_out"))
    return redirect(url_for("people.login"))


@limits.register
@public
def register():
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = RegisterForm()
    groups = services.teams_by_organisation()
    form.team_id.choices = [choose(_("Choose your team…"))] + [
        SelectChoice(team.id, team.name, optgroup=org.name) for org, teams in groups for team in teams
    ]

    def page() -> str:
        """The form again, with the email domains people can join with."""
        domains = list(db.session.scalars(select(OrganisationDomain.domain).order_by(OrganisationDomain.domain)))
        return render_template("people/register.html", form=form, domains=domains)

    return form_page(
        form,
        lambda: links.start_registration(
            services.NewAccount(
                email=form.email.data, name=form.name.data, password=form.password.data, team_id=form.team_id.data
            ),
            clock.now(),
        ),
        # The same answer whether or not the address already has an account.
        done=lambda started: render_template("people/check_email.html", email=started.email, purpose="register"),
        page=page,
    )


@public
def finish_registration(token: str):
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = ActionForm()
    now = clock.now()
    if form.validate_on_submit():
        # A link for an address registered meanwhile is used up, refused or not.
        outcome = run(lambda: links.finish_registration(token, now), commit_refusals=True)
        if not outcome.ok:
            return render_template("people/link_failed.html", message=outcome.error.message), outcome.error.status
        _start_session(outcome.value)
        flash(_("Welcome to the hub. Post an idea, or build on someone else's."), "success")
        return redirect(url_for("ideas.board"))
    link = links.find(links.REGISTER, token, now)
    db.session.rollback()
    if link is None:
        return render_template("people/link_failed.html", message=str(links.EXPIRED)), 410
    return render_template("people/finish_registration.html", form=form, email=link.email)


@public
@limits.password_reset
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit() and (provider := sso.password_refused_for(form.email.data.strip())) is not None:
        db.session.rollback()
        return render_template("people/sign_in_with_organisation.html", organisation=provider.organisation), 403
    if form.validate_on_submit():
        run(lambda: links.start_reset(form.email.data, clock.now()))
        # The same answer whether or not an account uses the address.
        return render_template("people/check_email.html", email=form.email.data.strip(), purpose="reset")
    status = 422 if form.is_submitted() else 200
    return render_template("people/forgot_password.html", form=form), status


@public
def reset_password(token: str):
    if current_user.is_authenticated:
        logout_user()
        session.clear()
    now = clock.now()
    form = ResetPasswordForm()
    valid = form.validate_on_submit()
    if valid:
        outcome = run(lambda: links.finish_reset(token, form.password.data, now))
        if outcome.ok:
            return done_to(
                url_for("people.login"),
                _("Your password is changed and you have been signed out everywhere. Sign in with the new one."),
            )
        if isinstance(outcome.error, links.LinkExpired):
            return render_template("people/link_failed.html", message=outcome.error.message), outcome.error.status
        show_service_error(form, outcome.error)
    elif links.find(links.RESET, token, now) is None:
        db.session.rollback()
        return render_template("people/link_failed.html", message=str(links.EXPIRED)), 410
    db.session.rollback()
    status = 422 if form.is_submitted() else 200
    return render_template("people/reset_password.html", form=form), status


def account():
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    return form_page(
        form,
        lambda: services.update_profile(current_user, form.name.data, form.bio.data or "", form.skills.data or "", clock.now()),
        done=lambda _value: done_to(url_for("people.profile", user_id=current_user.id), _("Your profile is saved.")),
        page=lambda: render_template("people/account.html", form=form),
    )


def password():
    form = PasswordForm()
    return form_page(
        form,
        lambda: services.change_password(current_user, form.current_password.data, form.new_password.data, clock.now()),
        done=lambda _value: _password_changed(),
        page=lambda: render_template("people/password.html", form=form),
    )


def _password_changed():
    """Start a new session (changing the password ended every one, this one included) and go on."""
    _start_session(current_user._get_current_object())
    return done_to(url_for("people.account"), _("Your password is changed. You have been signed out everywhere else."))


def directory():
    """People: one search box over names, skills, bios, teams and organisations, and a skill's link."""
    q = (request.args.get("q") or "").strip()[:100]
    skill = (request.args.get("skill") or "").strip()[:100]
    people = services.search_people(q, skill)
    return render_template("people/directory.html", people=people, q=q, skill=skill)


@for_page_scripts(methods=("GET",))
@limits.suggest
def suggest():
    """People to @mention, for the response boxes' script (JSON; see the OpenAPI document)."""
    outcome = run(lambda: services.suggest_people(request.args.get("q", "")))
    return script_answer(outcome, lambda people: [
        {"id": p.id, "name": p.name, "email": p.email, "team": p.team.name if p.team else None} for p in people
    ])


def profile(user_id: int):
    person = services.get_user(user_id)
    return render_template("people/profile.html", person=person, **profiles.sections_for(person))


URLS = [
    ("/login", "login", login, ["GET", "POST"]),
    ("/logout", "logout", logout, ["POST"]),
    ("/register", "register", register, ["GET", "POST"]),
    ("/register/finish/<token>", "finish_registration", finish_registration, ["GET", "POST"]),
    ("/password/forgot", "forgot_password", forgot_password, ["GET", "POST"]),
    ("/password/reset/<token>", "reset_password", reset_password, ["GET", "POST"]),
    ("/account", "account", account, ["GET", "POST"]),
    ("/account/password", "password", password, ["GET", "POST"]),
    ("/people/", "directory", directory, ["GET"]),
    ("/people/<int:user_id>", "profile", profile, ["GET"]),
    ("/people/suggest", "suggest", suggest, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
