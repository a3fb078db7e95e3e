"""Use cases of people's rights: ask to be erased, approve or refuse, erase, and the retention sweep.

Erasing a person keeps what they wrote (ideas belong to the organisation) and removes who they
were: their name becomes "Former colleague (their team)" everywhere the hub names them (every
page, export, API answer and email reads ``users.name``), their email becomes an address no
mail can reach, their bio and skills go (and with them the search indexes' words, by the
triggers on ``users``), the account is deactivated, its sessions, API tokens and feed
addresses end, its sign-in links and SSO links are removed, mail owed to them is cancelled,
and their name and email are taken out of other people's @mentions and of any text that names them
(ideas, responses, project updates, sprint posts and their earlier versions), of notifications, of
mail waiting to go, and of the activity log's details. Nothing here commits.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import String, cast, delete, func, or_, select, update

from ideashub.challenges.models import ChallengePost
from ideashub.core import activity
from ideashub.core.activity import Activity
from ideashub.core.errors import ensure, get_or_refuse
from ideashub.core.events import SECURITY
from ideashub.core.i18n import _
from ideashub.core.outbox import CANCELLED, PENDING, Delivery, OutboxEvent
from ideashub.core.text import clean_text
from ideashub.extensions import db
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Idea, IdeaRevision, Response, ResponseMention, ResponseRevision
from ideashub.people.models import ApiToken, EmailLink, Role, User
from ideashub.people.services import end_sessions
from ideashub.people.sso_models import ExternalIdentity, ScimUser
from ideashub.privacy import rules
from ideashub.privacy.models import APPROVED, ASKED, ERASING, REFUSED, RETENTION, ErasureRequest
from ideashub.privacy.models import PENDING as WAITING
from ideashub.projects.models import Project, ProjectUpdate
from ideashub.reach.feeds import FeedToken
from ideashub.reach.follows import Follow
from ideashub.reach.preferences import NotificationSetting


def _active_admins() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True)))


def requests_of(person: User) -> list[ErasureRequest]:
    """The person's own requests, newest first."""
    return list(db.session.scalars(select(ErasureRequest).where(ErasureRequest.user_id == person.id)
                                   .order_by(ErasureRequest.id.desc())))


def pending_request(person: User) -> ErasureRequest | None:
    return next((r for r in requests_of(person) if r.status == WAITING), None)


def request_erasure(person: User, now: datetime) -> ErasureRequest:
    """The person asks an admin to erase them."""
    ensure(rules.can_request_erasure(person, pending_request(person) is not None))
    request = ErasureRequest(user_id=person.id, kind=ASKED, status=WAITING, requested_at=now)
    db.session.add(request)
    db.session.flush()
    activity.record(person, "privacy.erasure_requested", now, subject=person, visibility=SECURITY)
    return request


def erasure_requests(actor) -> list[ErasureRequest]:
    """Every request, waiting ones first, for the admins' page."""
    ensure(rules.can_handle_erasures(actor))
    waiting = ErasureRequest.status == WAITING
    return list(db.session.scalars(select(ErasureRequest).order_by(waiting.desc(), ErasureRequest.id.desc())
                                   .limit(500)))


def _decidable(actor, request_id: int) -> ErasureRequest:
    request = get_or_refuse(ErasureRequest, request_id, _("There is no such erasure request."))
    ensure(rules.can_decide_erasure(actor, request.status, request.user, _active_admins(), WAITING))
    return request


def approve_erasure(actor, request_id: int, now: datetime) -> ErasureRequest:
    """An admin approves: the person is erased, at once and for good."""
    ensure(rules.can_handle_erasures(actor))  # who may, before what
    request = _decidable(actor, request_id)
    request.decided_at, request.decided_by_id = now, actor.id
    activity.record(actor, "privacy.erasure_approved", now, subject=request.user, visibility=SECURITY)
    erase_person(request, now)
    return request


def refuse_erasure(actor, request_id: int, reason: str, now: datetime) -> ErasureRequest:
    """An admin refuses, saying why (the person sees the reason)."""
    ensure(rules.can_handle_erasures(actor))
    request = _decidable(actor, request_id)
    request.status, request.decided_at, request.decided_by_id = REFUSED, now, actor.id
    request.reason = clean_text(reason) or None
    db.session.flush()
    activity.record(actor, "privacy.erasure_refused", now, subject=request.user, reason=request.reason,
                    visibility=SECURITY)
    return request


# --- Erasing ----------------------------------------------------------------------------------


def erase_person(request: ErasureRequest, now: datetime) -> User:
    """Erase the person of ``request`` (see the module's docstring); the request ends ``approved``."""
    person = request.user
    former = rules.former_name(person.team.name if person.team else None)
    redact = rules.redactor(person.name, person.email, former)
    request.status = ERASING  # lets this transaction clean the activity log (see the migration)
    db.session.flush()
    _clean_log(person, redact)
    _rewrite_mentions(person, former)
    _clean_messages(person, redact)
    _end_access(person, now)
    person.name, person.email = former, rules.placeholder_email(person.id)
    person.bio, person.skills, person.active, person.erased_at = "", "", False, now
    request.status = APPROVED
    db.session.flush()
    end_sessions(person)
    return person


def _mentioning(column, person: User):
    """Rows whose ``column`` holds the person's name or email (any case), as a SQL condition."""
    text = func.lower(cast(column, String))
    # JSON columns may keep a name with accents as \\u escapes: look for that spelling too.
    forms = {person.name.lower(), person.email.lower(), json.dumps(person.name.lower())[1:-1]}
    return or_(*(text.contains(form, autoescape=True) for form in sorted(forms) if form))


def _clean_log(person: User, redact) -> None:
    """The activity log keeps what happened, without the person's name, email or address."""
    rows = db.session.scalars(select(Activity).where(or_(
        Activity.actor_id == person.id, _mentioning(Activity.data, person), _mentioning(Activity.reason, person))))
    for entry in rows:
        entry.data = redact(entry.data) if entry.data else entry.data
        entry.reason = redact(entry.reason) if entry.reason else entry.reason
        if entry.actor_id == person.id:
            entry.ip = None
    db.session.flush()


# Free text other people (or the person) wrote, where a name or an email may appear: (model, columns).
_WRITTEN = (
    (Idea, ("title", "problem", "proposal", "benefit", "decision_reason", "hidden_reason")),
    (IdeaRevision, ("title", "problem", "proposal", "benefit")),
    (Response, ("body", "suggestion", "hidden_reason")),
    (ResponseRevision, ("body",)),
    (Project, ("name", "goal")),
    (ProjectUpdate, ("body",)),
    (ChallengePost, ("body",)),
)


def _rewrite_mentions(person: User, former: str) -> None:
    """Other people's @mentions of the person, and their name or email written anywhere in the
    hub's text (an idea, a response, a project update, a sprint post, and their earlier
    versions), now read "Former colleague (team)"."""
    redact = rules.redactor(person.name, person.email, former)
    for model, columns in _WRITTEN:
        condition = or_(*(_mentioning(getattr(model, c), person) for c in columns))
        if model is Response:
            mentioned = select(ResponseMention.response_id).where(ResponseMention.user_id == person.id)
            condition = or_(Response.id.in_(mentioned), condition)
        for row in db.session.scalars(select(model).where(condition)):
            for column in columns:
                value = getattr(row, column)
                if value:
                    limit = getattr(model.__table__.c[column].type, "length", None)
                    setattr(row, column, redact(value)[:limit] if limit else redact(value))
    db.session.execute(update(ResponseMention).where(ResponseMention.user_id == person.id).values(by_name=True)
                       .execution_options(synchronize_session=False))


def _clean_messages(person: User, redact) -> None:
    """Notifications and mail that name the person lose the name; mail owed to them is cancelled."""
    for note in db.session.scalars(select(Notification).where(_mentioning(Notification.text, person))):
        note.text = redact(note.text)
    db.session.execute(delete(Notification).where(Notification.user_id == person.id))
    db.session.execute(update(Delivery).where(Delivery.user_id == person.id, Delivery.status == PENDING)
                       .values(status=CANCELLED, claimed_by=None).execution_options(synchronize_session=False))
    for delivery in db.session.scalars(select(Delivery).where(or_(
            Delivery.user_id == person.id, _mentioning(Delivery.payload, person),
            func.lower(Delivery.address) == person.email.lower()))):
        delivery.payload = redact(delivery.payload)
        if delivery.user_id == person.id or delivery.address.lower() == person.email.lower():
            delivery.address = rules.placeholder_email(person.id)
    for event in db.session.scalars(select(OutboxEvent).where(_mentioning(OutboxEvent.data, person))):
        event.data = redact(event.data)
    db.session.flush()


def _end_access(person: User, now: datetime) -> None:
    """Every way in ends: API tokens, feed addresses, emailed links, SSO and SCIM links."""
    db.session.execute(update(ApiToken).where(ApiToken.user_id == person.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=now).execution_options(synchronize_session=False))
    db.session.execute(update(FeedToken).where(FeedToken.user_id == person.id, FeedToken.revoked_at.is_(None))
                       .values(revoked_at=now).execution_options(synchronize_session=False))
    db.session.execute(delete(EmailLink).where(or_(EmailLink.user_id == person.id,
                                                   func.lower(EmailLink.email) == person.email.lower())))
    db.session.execute(delete(ExternalIdentity).where(ExternalIdentity.user_id == person.id))
    db.session.execute(update(ScimUser).where(ScimUser.user_id == person.id)
                       .values(user_name=rules.placeholder_email(person.id), external_id=None, deleted=True)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(Follow).where(Follow.user_id == person.id))
    db.session.execute(delete(NotificationSetting).where(NotificationSetting.user_id == person.id))
    db.session.flush()


# --- Retention --------------------------------------------------------------------------------


def due_for_retention(now: datetime, days: int | None) -> list[User]:
    """Deactivated accounts, not yet erased, whose last deactivation is older than ``days``."""
    cutoff = rules.retention_cutoff(now, days)
    if cutoff is None:
        return []
    deactivated = (select(Activity.subject_id, func.max(Activity.at).label("at"))
                   .where(Activity.action.in_(("user.deactivated", "scim.deleted")), Activity.subject_type == "user")
                   .group_by(Activity.subject_id).subquery())
    stmt = (select(User).join(deactivated, deactivated.c.subject_id == User.id)
            .where(User.active.is_(False), User.erased_at.is_(None), deactivated.c.at < cutoff).order_by(User.id))
    return list(db.session.scalars(stmt).unique())


def sweep_retention(now: datetime, days: int | None, dry_run: bool = False) -> list[User]:
    """Anonymise every account due (see ``due_for_retention``); returns them (as they were named)."""
    due = due_for_retention(now, days)
    if dry_run:
        return due
    for person in due:
        request = ErasureRequest(user_id=person.id, kind=RETENTION, status=WAITING, requested_at=now, decided_at=now)
        db.session.add(request)
        db.session.flush()
        activity.record(None, "privacy.retention_erased", now, subject=person, visibility=SECURITY)
        erase_person(request, now)
    return due
