"""Links sent by email: finish registering, and reset a forgotten password.

Both answer the same whether or not an account exists for the address, so
neither the register page nor the reset page tells a stranger who has an
account: the difference is only in the email the address's owner receives.
A link's token is random, stored only as its SHA-256, works once, expires,
and asking for a new link voids the earlier ones.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from ideashub.core import activity, mail
from ideashub.core.activity import SECURITY
from ideashub.core.errors import Conflict, Invalid, ServiceError
from ideashub.core.i18n import _, _l, in_language, language
from ideashub.extensions import db
from ideashub.people import rules, services, sso
from ideashub.people.models import EmailLink, Role, User

REGISTER = "register"
RESET = "reset"
LIFETIME = {REGISTER: timedelta(hours=24), RESET: timedelta(hours=1)}
EXPIRED = _l("This link has expired or has already been used. Ask for a new one.")


class LinkExpired(ServiceError):
    status = 410
    code = "gone"

    def __init__(self):
        super().__init__(str(EXPIRED))


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _issue(purpose: str, email: str, now: datetime, user_id: int | None = None, data: dict | None = None) -> str:
    # A new link voids the earlier unused ones for the same address and purpose.
    db.session.execute(
        update(EmailLink)
        .where(EmailLink.email == email, EmailLink.purpose == purpose, EmailLink.used_at.is_(None))
        .values(used_at=now)
    )
    raw = secrets.token_urlsafe(32)
    db.session.add(EmailLink(purpose=purpose, token_hash=_hash(raw), email=email, user_id=user_id, data=data,
                             created_at=now, expires_at=now + LIFETIME[purpose]))
    db.session.flush()
    return raw


def find(purpose: str, raw: str, now: datetime) -> EmailLink | None:
    """The unused, unexpired link for this token, locked for the change it allows."""
    if not raw or len(raw) > 100:
        return None
    link = db.session.scalar(
        select(EmailLink).where(EmailLink.token_hash == _hash(raw), EmailLink.purpose == purpose).with_for_update()
    )
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def _send(to: str, subject: str, template: str, now: datetime, **context) -> None:
    [text] = mail.render(f"email/{template}.txt", **context)
    mail.queue(to, subject, text, None, now, kind="account", label=template)


# --- Registration -------------------------------------------------------------------


@dataclass
class Started:
    email: str


def start_registration(account: services.NewAccount, now: datetime) -> Started:
    """Check the form and email a link; an existing account's owner is told instead."""
    email = services.clean_email(account.email)
    provider = sso.password_refused_for(email)
    if provider is not None:
        message = _("%(heading)s: %(organisation)s signs you in with its own accounts, so there is no account to "
                    "create here. Go to the sign-in page and enter your email.",
                    heading=str(sso.SIGN_IN_WITH_ORGANISATION), organisation=provider.organisation.name)
        raise Invalid(message, {"email": message})
    name = services.clean_name(account.name)
    team = services.team_for_email(email, account.team_id)
    problem = rules.password_problem(account.password or "", email, name)
    if problem:
        raise Invalid(problem, {"password": problem})
    hub = current_app.config["HUB_NAME"]
    # Hashed either way, so a taken address takes as long to answer as a new one.
    password_hash = services.hash_password(account.password)
    existing = services.find_user_by_email(email)
    # An imported person (from a Trello board or a CSV file) claims their account by signing up.
    if existing is not None and existing.imported_at is None:
        activity.record(existing, "auth.register_existing", now, subject=existing, visibility=SECURITY)
        with in_language(existing.language or language()):
            _send(email, _("%(hub)s: you already have an account", hub=hub), "already_registered", now, user=existing)
        return Started(email)
    raw = _issue(REGISTER, email, now,
                 data={"name": name, "team_id": team.id, "password_hash": password_hash})
    with in_language(language()):  # the language of the page the person registered on
        _send(email, _("%(hub)s: finish creating your account", hub=hub), "finish_registration", now,
              name=name, team=team, token=raw, hours=int(LIFETIME[REGISTER].total_seconds() // 3600))
    return Started(email)


def finish_registration(raw: str, now: datetime) -> User:
    link = find(REGISTER, raw, now)
    if link is None:
        raise LinkExpired()
    existing = services.find_user_by_email(link.email)
    if existing is not None and existing.imported_at is None:
        link.used_at = now
        raise Conflict(_("An account with this email address exists already: sign in, or reset the password."))
    team = services.team_for_email(link.email, link.data["team_id"])
    if existing is not None:
        return _claim(existing, link, team, now)
    user = User(email=link.email, name=link.data["name"], team_id=team.id, role=Role.MEMBER,
                password_hash=link.data["password_hash"], created_at=now)
    db.session.add(user)
    link.used_at = now
    link.data = None  # the password hash is not kept twice
    db.session.flush()
    activity.record(user, "user.registered", now, subject=user, visibility=SECURITY)
    return user


def _claim(user: User, link: EmailLink, team, now: datetime) -> User:
    """An imported person takes their account: their name, team and password from now on;
    what was imported under it (ideas, responses, supports) stays theirs."""
    user.name, user.team_id, user.password_hash = link.data["name"], team.id, link.data["password_hash"]
    user.imported_at = None
    link.used_at = now
    link.data = None
    db.session.flush()
    activity.record(user, "user.registered", now, subject=user, visibility=SECURITY, data={"claimed": True})
    return user


# --- Password reset -----------------------------------------------------------------


def start_reset(email: str, now: datetime) -> None:
    """Email a reset link if an active account uses this address; say nothing either way."""
    try:
        email = services.clean_email(email)
    except Invalid:
        return
    user = services.find_user_by_email(email)
    if user is None or not user.active:
        activity.record(None, "auth.reset_unknown", now, data={"email": email}, visibility=SECURITY)
        return
    raw = _issue(RESET, email, now, user_id=user.id)
    activity.record(user, "auth.reset_requested", now, subject=user, visibility=SECURITY)
    with in_language(user.language or language()):
        _send(email, _("%(hub)s: reset your password", hub=current_app.config["HUB_NAME"]), "reset_password", now,
              user=user, token=raw, minutes=int(LIFETIME[RESET].total_seconds() // 60))


def finish_reset(raw: str, password: str, now: datetime) -> User:
    link = find(RESET, raw, now)
    user = db.session.get(User, link.user_id) if link is not None else None
    if user is None or not user.active:
        raise LinkExpired()
    problem = rules.password_problem(password or "", user.email, user.name)
    if problem:
        raise Invalid(problem, {"password": problem})
    user.password_hash = services.hash_password(password)
    user.imported_at = None  # an imported person who sets a password from the emailed link has claimed the account
    link.used_at = now
    db.session.flush()
    services.end_sessions(user)  # a thief's sessions and tokens end with the old password
    activity.record(user, "auth.password_reset", now, subject=user, visibility=SECURITY)
    return user
