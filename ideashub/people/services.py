"""Use cases for people: register, sign in, passwords, API tokens, creating accounts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import case, func, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ideashub.core import activity, events
from ideashub.core.activity import SECURITY
from ideashub.core.errors import Conflict, Invalid, ensure, get_or_refuse
from ideashub.core.i18n import _
from ideashub.core.text import clean_text, normalise_email, normalise_name
from ideashub.extensions import db
from ideashub.people import rules
from ideashub.people.models import (
    BOARD_VIEWS,
    ApiToken,
    Organisation,
    OrganisationDomain,
    Role,
    Team,
    User,
)

TOKEN_PREFIX = "ih_"  # noqa: S105 - a visible prefix, not a secret
TOKEN_DAYS = 90


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


_dummy_hash: dict[str, str] = {}


def _dummy() -> str:
    # Checked against when the email is unknown, so a wrong email and a wrong
    # password take the same time to answer.
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _dummy_hash:
        _dummy_hash[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return _dummy_hash[method]


def clean_email(raw: str) -> str:
    """A normalised, syntactically valid email address, or Invalid."""
    email = normalise_email(raw)
    if len(email) > rules.EMAIL_MAX:
        message = _("That email address is too long.")
        raise Invalid(message, {"email": message})
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        message = _("Enter an email address like name@council.gov.uk.")
        raise Invalid(message, {"email": message}) from None
    return email


def clean_name(raw: str) -> str:
    name = normalise_name(raw)
    if not name:
        message = _("Enter your name.")
        raise Invalid(message, {"name": message})
    if len(name) > rules.NAME_MAX:
        raise Invalid(_("That name is too long."), {"name": _("Use at most %(count)s characters.", count=rules.NAME_MAX)})
    return name


def organisation_for_email(email: str) -> Organisation | None:
    return db.session.scalar(
        select(Organisation)
        .join(OrganisationDomain)
        .where(OrganisationDomain.domain == rules.email_domain(email))
    )


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_team(team_ref) -> Team:
    """A team by id or by exact name."""
    team = None
    if isinstance(team_ref, int) or (isinstance(team_ref, str) and team_ref.isdigit()):
        team = db.session.get(Team, int(team_ref))
    if team is None and isinstance(team_ref, str):
        team = db.session.scalar(select(Team).where(Team.name == team_ref.strip()))
    if team is None:
        raise Invalid(_("There is no such team."), {"team_id": _("Choose one of the teams.")})
    return team


@dataclass
class NewAccount:
    email: str
    name: str
    password: str
    team_id: int | None = None
    role: str = Role.MEMBER


def _check_new_account(account: NewAccount) -> tuple[str, str]:
    email = clean_email(account.email)
    name = clean_name(account.name)
    problem = rules.password_problem(account.password or "", email, name)
    if problem:
        raise Invalid(problem, {"password": problem})
    if find_user_by_email(email) is not None:
        raise Conflict(
            _("An account with that email already exists."),
            {"email": _("An account with that email already exists. Sign in instead.")},
        )
    return email, name


def team_for_email(email: str, team_id: int | None) -> Team:
    """The chosen team, if it belongs to the organisation of the email's domain."""
    organisation = organisation_for_email(email)
    if organisation is None:
        message = _("Use the email address of an organisation that is part of this hub.")
        raise Invalid(message, {"email": message})
    if team_id is None:
        message = _("Choose your team.")
        raise Invalid(message, {"team_id": message})
    team = get_team(team_id)
    if team.organisation_id != organisation.id:
        message = _("Choose a team of %(organisation)s, the organisation of your email address.",
                    organisation=organisation.name)
        raise Invalid(message, {"team_id": message})
    return team


def register(account: NewAccount, now: datetime) -> User:
    """A person signs themselves up: their email's domain must belong to an
    organisation, and they choose one of that organisation's teams."""
    email, name = _check_new_account(account)
    team = team_for_email(email, account.team_id)
    user = User(
        email=email,
        name=name,
        team_id=team.id,
        role=Role.MEMBER,
        password_hash=hash_password(account.password),
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    events.user_registered.announce(user, now, subject=user)
    return user


def create_user(actor, account: NewAccount, now: datetime) -> User:
    """An admin (or the command line, with ``actor`` None) creates an account with any role."""
    if actor is not None:
        ensure(rules.can_manage_people(actor))
    if account.role not in {r.value for r in Role}:
        raise Invalid(_("Unknown role."), {"role": _("Choose member, moderator, executive or admin.")})
    email, name = _check_new_account(account)
    team = None
    if account.team_id is not None:
        team = get_team(account.team_id)
    elif account.role != Role.ADMIN:
        raise Invalid(_("Everyone but an admin belongs to a team."), {"team_id": _("Choose a team.")})
    user = User(
        email=email,
        name=name,
        team_id=team.id if team else None,
        role=account.role,
        password_hash=hash_password(account.password),
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    events.user_created.announce(actor, now, subject=user, data={"role": account.role, "team_id": user.team_id})
    return user


def authenticate(email: str, password: str, now: datetime) -> User | None:
    """The person with this email and password, or None (recorded as a failed sign-in).

    Unknown email, wrong password and deactivated account all answer None
    after the same password check, so none can be told apart.
    """
    user = find_user_by_email(email or "")
    password_hash = user.password_hash if user is not None else _dummy()
    ok = check_password_hash(password_hash, password or "")
    if user is None or not ok or not user.active:
        activity.record(
            user,
            "auth.signin_failed",
            now,
            subject_type="user",
            subject_id=user.id if user else None,
            data={"email": normalise_email(email or "")[:254]},
            visibility=SECURITY,
        )
        return None
    activity.record(user, "auth.signin", now, subject=user, visibility=SECURITY)
    return user


def end_sessions(user: User) -> None:
    """End every session and API token of this person (atomically)."""
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["session_version"])


def sign_out(user: User, now: datetime) -> None:
    """Signing out ends the person's sessions everywhere, so a copied cookie is worthless."""
    end_sessions(user)
    activity.record(user, "auth.signout", now, subject=user, visibility=SECURITY)


def change_password(user: User, current: str, new: str, now: datetime) -> None:
    if not check_password_hash(user.password_hash, current or ""):
        raise Invalid(_("Your current password is not right."),
                      {"current_password": _("This is not your current password.")})
    problem = rules.password_problem(new or "", user.email, user.name)
    if problem:
        raise Invalid(problem, {"new_password": problem})
    user.password_hash = hash_password(new)
    db.session.flush()
    end_sessions(user)
    activity.record(user, "auth.password_changed", now, subject=user, visibility=SECURITY)


def update_profile(user: User, name: str, bio: str, skills: str, now: datetime) -> User:
    user.name = clean_name(name)
    bio = clean_text(bio)
    if len(bio) > rules.BIO_MAX:
        limit = f"{rules.BIO_MAX:,}"
        raise Invalid(_("Your bio is too long."), {"bio": _("Use at most %(count)s characters.", count=limit)})
    skill_list = [normalise_name(s) for s in (skills or "").split(",")]
    skills = ", ".join(s for s in skill_list if s)
    if len(skills) > rules.SKILLS_MAX:
        raise Invalid(_("Too many skills."), {"skills": _("Use at most %(count)s characters.", count=rules.SKILLS_MAX)})
    user.bio, user.skills = bio, skills
    db.session.flush()
    return user


def choose_board_view(user: User, view: str) -> User:
    """Remember how ``user`` likes the board's cards (one of ``BOARD_VIEWS``), for every browser."""
    if view not in BOARD_VIEWS:
        message = _("Choose full or compact cards.")
        raise Invalid(message, {"view": message})
    user.board_view = view
    db.session.flush()
    return user


# --- API tokens ----------------------------------------------------------


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, now: datetime) -> str:
    """A new bearer token for ``user``; only its hash is kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            user_id=user.id,
            token_hash=_token_hash(raw),
            created_at=now,
            expires_at=now + timedelta(days=TOKEN_DAYS),
            session_version=user.session_version,
        )
    )
    db.session.flush()
    activity.record(user, "auth.token_issued", now, subject=user, visibility=SECURITY)
    return raw


def user_for_token(raw: str, now: datetime) -> tuple[User, ApiToken] | None:
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(raw)))
    if token is None or not hmac.compare_digest(token.token_hash, _token_hash(raw)):
        return None
    user = token.user
    if (
        token.revoked_at is not None
        or token.expires_at <= now
        or not user.active
        or token.session_version != user.session_version
    ):
        return None
    return user, token


def revoke_token(token: ApiToken, now: datetime) -> None:
    token.revoked_at = now
    db.session.flush()
    activity.record(token.user, "auth.token_revoked", now, subject=token.user, visibility=SECURITY)


def get_user(user_id: int) -> User:
    return get_or_refuse(User, user_id, _("There is no such person."))


SUGGEST_LIMIT = 8
SUGGEST_TEXT_MAX = 100


def suggest_people(text: str, limit: int = SUGGEST_LIMIT) -> list[User]:
    """Up to ``limit`` active people whose name or email starts with ``text``, then those containing it.

    For the @mention suggestions (``static/js/mentions.js``); ``text`` of at least one character.
    """
    text = " ".join((text or "").split())[:SUGGEST_TEXT_MAX].lower()
    if not text:
        raise Invalid(_("Type at least one letter of a name or an email address."),
                      {"q": _("Type at least one letter.")})
    # Matched as typed: % and _ are escaped, never wildcards.
    name, email = func.lower(User.name), func.lower(User.email)
    starts = or_(name.startswith(text, autoescape=True), email.startswith(text, autoescape=True),
                 name.contains(" " + text, autoescape=True))
    stmt = (
        select(User)
        .where(User.active.is_(True), or_(name.contains(text, autoescape=True), email.contains(text, autoescape=True)))
        .order_by(case((starts, 0), else_=1), User.name, User.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


DIRECTORY_LIMIT = 200
DIRECTORY_WORDS = 6


def search_people(q: str = "", skill: str = "", limit: int = DIRECTORY_LIMIT) -> list[User]:
    """The people directory: active people, by name, whose name, skills, bio, team or organisation
    hold every word of ``q`` (any case, as typed: no wildcards), and who list ``skill`` among their
    skills (the whole skill, any case) when one is given."""
    words = " ".join((q or "").split()).lower().split(" ")[:DIRECTORY_WORDS] if (q or "").strip() else []
    skill = " ".join((skill or "").split()).lower()
    stmt = select(User).where(User.active.is_(True)).order_by(User.name, User.id)
    team_name = select(Team.id).join(Organisation, Organisation.id == Team.organisation_id)
    for word in words:
        stmt = stmt.where(or_(
            func.lower(User.name).contains(word, autoescape=True),
            func.lower(User.skills).contains(word, autoescape=True),
            func.lower(User.bio).contains(word, autoescape=True),
            User.team_id.in_(team_name.where(or_(func.lower(Team.name).contains(word, autoescape=True),
                                                 func.lower(Organisation.name).contains(word, autoescape=True)))),
        ))
    if not skill:
        return list(db.session.scalars(stmt.limit(limit)).unique())
    # Skills are kept as one comma-separated text: narrow in SQL, then keep whole skills only.
    found = db.session.scalars(stmt.where(func.lower(User.skills).contains(skill, autoescape=True))).unique()
    return [person for person in found if skill in (s.lower() for s in person.skill_list)][:limit]


@dataclass(frozen=True, slots=True)
class Named:
    """An organisation or team as a menu shows it."""

    id: int
    name: str


def teams_by_organisation() -> list[tuple[Named, list[Named]]]:
    """Every organisation (by name) with its teams (by name), for menus; one query of plain rows."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Team.id, Team.name)
        .outerjoin(Team, Team.organisation_id == Organisation.id)
        .order_by(Organisation.name, Organisation.id, Team.name, Team.id)
    )
    groups: list[tuple[Named, list[Named]]] = []
    for org_id, org_name, team_id, team_name in rows:
        if not groups or groups[-1][0].id != org_id:
            groups.append((Named(org_id, org_name), []))
        if team_id is not None:
            groups[-1][1].append(Named(team_id, team_name))
    return groups

