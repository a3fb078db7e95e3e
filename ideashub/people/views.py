"""Signing in and out, registering, your account, and the people directory."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import or_, select
from wtforms.fields.choices import SelectChoice

from ideashub.core import clock, limits
from ideashub.core.errors import Invalid, ServiceError
from ideashub.core.forms import ActionForm, show_service_error
from ideashub.core.security import public, safe_next
from ideashub.extensions import db
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.models import Idea, Response
from ideashub.people import links, services
from ideashub.people.forms import (
    ForgotPasswordForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from ideashub.people.models import Organisation, OrganisationDomain, Team, User
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
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data, clock.now())
        db.session.commit()  # the sign-in (or the failed attempt) is in the audit log
        if user is not None:
            _start_session(user)
            flash(f"Welcome back, {user.name}.", "success")
            return redirect(safe_next(form.next.data, url_for("ideas.board")))
        form.form_errors.append("That email address and password do not match an account.")
        status = 401
    elif form.is_submitted():
        status = 422
    return render_template("people/login.html", form=form), status


def logout():
    form = ActionForm()
    if form.validate_on_submit():
        services.sign_out(current_user, clock.now())
        db.session.commit()
        logout_user()
        session.clear()
        flash("You have signed out.", "success")
    return redirect(url_for("people.login"))


@limits.register
@public
def register():
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = RegisterForm()
    groups = services.teams_by_organisation()
    form.team_id.choices = [
        SelectChoice(team.id, team.name, optgroup=org.name) for org, teams in groups for team in teams
    ]
    if form.validate_on_submit():
        try:
            started = links.start_registration(
                services.NewAccount(
                    email=form.email.data,
                    name=form.name.data,
                    password=form.password.data,
                    team_id=form.team_id.data,
                ),
                clock.now(),
            )
        except ServiceError as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            # The same answer whether or not the address already has an account.
            return render_template("people/check_email.html", email=started.email, purpose="register")
    status = 422 if form.is_submitted() else 200
    domains = list(db.session.scalars(select(OrganisationDomain.domain).order_by(OrganisationDomain.domain)))
    return render_template("people/register.html", form=form, domains=domains), status


@public
def finish_registration(token: str):
    if current_user.is_authenticated:
        return redirect(url_for("ideas.board"))
    form = ActionForm()
    now = clock.now()
    if form.validate_on_submit():
        try:
            user = links.finish_registration(token, now)
        except ServiceError as error:
            db.session.commit()  # a link for an address registered meanwhile is used up
            return render_template("people/link_failed.html", message=error.message), error.status
        db.session.commit()
        _start_session(user)
        flash("Welcome to the hub. Post an idea, or build on someone else's.", "success")
        return redirect(url_for("ideas.board"))
    link = links.find(links.REGISTER, token, now)
    db.session.rollback()
    if link is None:
        return render_template("people/link_failed.html", message=links.EXPIRED), 410
    return render_template("people/finish_registration.html", form=form, email=link.email)


@public
@limits.password_reset
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        links.start_reset(form.email.data, clock.now())
        db.session.commit()
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
    if form.validate_on_submit():
        try:
            links.finish_reset(token, form.password.data, now)
        except links.LinkExpired as error:
            db.session.rollback()
            return render_template("people/link_failed.html", message=error.message), error.status
        except Invalid as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            flash("Your password is changed and you have been signed out everywhere. Sign in with the new one.",
                  "success")
            return redirect(url_for("people.login"))
    elif links.find(links.RESET, token, now) is None:
        db.session.rollback()
        return render_template("people/link_failed.html", message=links.EXPIRED), 410
    db.session.rollback()
    status = 422 if form.is_submitted() else 200
    return render_template("people/reset_password.html", form=form), status


def account():
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_profile(
                current_user, form.name.data, form.bio.data or "", form.skills.data or "", clock.now()
            )
        except Invalid as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            flash("Your profile is saved.", "success")
            return redirect(url_for("people.profile", user_id=current_user.id))
    status = 422 if form.is_submitted() else 200
    return render_template("people/account.html", form=form), status


def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data, clock.now()
            )
        except Invalid as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            # Changing the password ended every session, this one included: start a new one.
            _start_session(current_user._get_current_object())
            flash("Your password is changed. You have been signed out everywhere else.", "success")
            return redirect(url_for("people.account"))
    status = 422 if form.is_submitted() else 200
    return render_template("people/password.html", form=form), status


def directory():
    q = (request.args.get("q") or "").strip()[:100]
    stmt = select(User).where(User.active.is_(True)).order_by(User.name).limit(200)
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(
            or_(
                User.name.ilike(like),
                User.skills.ilike(like),
                User.bio.ilike(like),
                User.team_id.in_(select(Team.id).where(Team.name.ilike(like))),
                User.team_id.in_(
                    select(Team.id).join(Organisation).where(Organisation.name.ilike(like))
                ),
            )
        )
    people = db.session.scalars(stmt).unique().all()
    return render_template("people/directory.html", people=people, q=q)


def profile(user_id: int):
    person = services.get_user(user_id)
    ideas, _ = idea_queries.list_ideas(
        idea_queries.IdeaFilters(author_id=person.id, sort="new"), None, 1, 20
    )
    offers = db.session.scalars(
        select(Response)
        .join(Idea, Idea.id == Response.idea_id)
        .where(
            Response.author_id == person.id,
            Response.kind == "offer",
            Response.hidden_at.is_(None),
            Idea.hidden_at.is_(None),
        )
        .order_by(Response.id.desc())
        .limit(20)
    ).all()
    return render_template("people/profile.html", person=person, ideas=ideas, offers=offers)


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
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
