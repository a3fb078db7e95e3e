"""Mail in: a message becomes a draft (confirmed by a link) or a response, or is counted as refused.

``receive_mail`` is the one entry of both ways mail arrives (the SMTP listener and
``fetch-mail``). It never commits (its caller does, once per message) and never raises
for anything the message holds: what it cannot use is refused, counted with its reason
(``mail.refused`` in the activity log, no address kept) and answered with nothing, so a
forged sender gets no mail from the hub (no backscatter). Each message's change runs in a
savepoint: a message that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from limits import parse_many
from sqlalchemy import func, select

from ideashub.core import activity, mail, reply_address
from ideashub.core.activity import Activity
from ideashub.core.errors import Forbidden, ServiceError
from ideashub.core.i18n import _, in_language
from ideashub.core.text import normalise_email
from ideashub.extensions import db, limiter
from ideashub.ideas import rules as idea_rules
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea
from ideashub.mailin import rules
from ideashub.people.models import EmailLink, User

DRAFT = "mail_draft"
LIFETIME = timedelta(hours=48)
REFUSED = "mail.refused"


@dataclass(frozen=True)
class Received:
    """What became of one message: ``made`` is "draft", "response" or None (refused, with ``reason``)."""

    made: str | None
    reason: str | None = None


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def refuse(reason: str, now: datetime) -> Received:
    """Count a refused message by its reason (nothing of the message is kept)."""
    with in_language("en"):  # the log keeps the reason's words as they were written, in English
        detail = str(rules.REASONS.get(reason, reason))
    activity.record(None, "mail.refused", now, reason=reason, data={"detail": detail}, visibility=activity.SECURITY)
    db.session.flush()
    return Received(None, reason)


def receive_mail(raw: bytes, mail_from: str | None, recipients: list[str] | None, now: datetime) -> Received:
    """Read one message and make of it what it asks for, or refuse it (counted, never answered)."""
    config = current_app.config
    letter = rules.read_message(raw, mail_from, recipients, config["MAIL_IN_MAX_BYTES"])
    if isinstance(letter, rules.Refusal):
        return refuse(letter.reason, now)
    ideas_address = config.get("IDEAS_ADDRESS") or ""
    token = rules.reply_token(letter.recipients, ideas_address) if ideas_address else None
    try:
        with db.session.begin_nested():
            made = _reply(letter, token, now) if token else _draft(letter, now)
        return Received(made)
    except _Refused as refused:
        return refuse(refused.reason, now)
    except ServiceError:
        return refuse("invalid", now)


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _sender(letter: rules.Letter) -> User:
    person = db.session.scalar(select(User).where(User.email == normalise_email(letter.sender)))
    if person is None:
        raise _Refused("unknown_sender")
    if not person.active:
        raise _Refused("inactive_sender")
    return person


def _within_limit(setting: str, scope: str, person: User) -> bool:
    """The same budget per person as posting on the page (``RATELIMIT_IDEAS``, ``RATELIMIT_RESPONSES``)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    # The identifiers in Flask-Limiter's order for a shared limit (key, scope), so the budget is one.
    identifiers = [f"person:{person.id}", scope]
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    if prefix:
        identifiers = [prefix, *identifiers]
    strategy = limiter.limiter
    return all(strategy.hit(item, *identifiers) for item in parse_many(current_app.config[setting]))


# --- A new idea: a draft, confirmed by a link ----------------------------------------------------


def _draft(letter: rules.Letter, now: datetime) -> str:
    person = _sender(letter)
    if not idea_rules.can_post(person):
        raise _Refused("no_team")
    draft = rules.draft_of(letter)
    if not draft.title and not draft.problem:
        raise _Refused("empty")
    if not _within_limit("RATELIMIT_IDEAS", "ideas", person):
        raise _Refused("rate_limited")
    raw = secrets.token_urlsafe(32)
    data = {"title": draft.title[:idea_rules.TITLE_MAX * 2], "problem": draft.problem[:idea_rules.TEXT_MAX * 2],
            "proposal": draft.proposal[:idea_rules.TEXT_MAX * 2],
            "benefit": draft.benefit[:idea_rules.BENEFIT_MAX * 2], "attachments": letter.attachments}
    db.session.add(EmailLink(purpose=DRAFT, token_hash=_hash(raw), email=person.email, user_id=person.id,
                             data=data, created_at=now, expires_at=now + LIFETIME))
    activity.record(person, "mail.drafted", now, subject=person, visibility=activity.SECURITY)
    hub = current_app.config["HUB_NAME"]
    with in_language(person.language):
        [text] = mail.render("email/mailin_draft.txt", user=person, title=draft.title, token=raw,
                             hours=int(LIFETIME.total_seconds() // 3600), attachments=letter.attachments)
        subject = _("%(hub)s: check and post your idea", hub=hub)
    # Auto-Submitted: an out-of-office answering this confirmation is not mailed back in a loop.
    mail.queue(person.email, subject, text, None, now, kind="account",
               label="mailin-draft", user_id=person.id, headers={"Auto-Submitted": "auto-replied"})
    db.session.flush()
    return "draft"


def find_draft(actor, raw: str, now: datetime) -> EmailLink:
    """The actor's unused, unexpired draft for this link; refused for anybody else."""
    link = None
    if raw and len(raw) <= 100:
        link = db.session.scalar(select(EmailLink).where(EmailLink.token_hash == _hash(raw),
                                                         EmailLink.purpose == DRAFT))
    if link is None or link.used_at is not None or link.expires_at <= now:
        raise DraftGone()
    if link.user_id != actor.id:
        raise Forbidden(_("This link was sent to someone else: only they can post this idea."))
    return link


class DraftGone(ServiceError, status=410, code="gone"):
    def __init__(self):
        super().__init__(_("This link has expired or has already been used. Send your idea by email again, "
                           "or post it on the board."))


def post_draft(actor, raw: str, text: ideas.IdeaText, now: datetime) -> Idea:
    """Post the idea of a mailed draft, as its writer checked it; the link then stops working."""
    link = find_draft(actor, raw, now)
    idea = ideas.post_idea(actor, text, now)
    link.used_at = now
    link.data = None
    db.session.flush()
    return idea


# --- A reply: a "builds on it" response --------------------------------------------------------


def is_closed(idea: Idea) -> bool:
    """Closed for replies by email: withdrawn or hidden, or past the open stages (``ideas.rules.OPEN_STAGES``:
    delivered, not taken forward, merged)."""
    return idea.withdrawn_at is not None or idea.hidden_at is not None or idea.stage not in idea_rules.OPEN_STAGES


def _reply(letter: rules.Letter, token: str, now: datetime) -> str:
    found = reply_address.read(token)
    if found is None:
        raise _Refused("bad_token")
    user_id, idea_id = found
    person = _sender(letter)
    if person.id != user_id:
        raise _Refused("wrong_person")
    idea = db.session.get(Idea, idea_id)
    if idea is None or is_closed(idea):
        raise _Refused("closed_idea")
    if not letter.text.strip():
        raise _Refused("empty")
    if not _within_limit("RATELIMIT_RESPONSES", "responses", person):
        raise _Refused("rate_limited")
    ideas.respond(person, idea.id, ideas.ResponseText(kind="build", body=letter.text[:idea_rules.RESPONSE_MAX]),
                  now)
    return "response"


# --- What was refused, for admins --------------------------------------------------------------


@dataclass(frozen=True)
class RefusedCount:
    reason: str
    words: str
    count: int
    last_at: datetime | None


def refused_counts(since: datetime | None = None) -> list[RefusedCount]:
    """How many messages were refused, by reason (most first), since ``since`` (or ever)."""
    query = select(Activity.reason, func.count(), func.max(Activity.at)).where(Activity.action == REFUSED)
    if since is not None:
        query = query.where(Activity.at >= since)
    rows = db.session.execute(query.group_by(Activity.reason)).all()
    counts = [RefusedCount(reason or "", str(rules.REASONS.get(reason or "", reason or _("unknown"))), count, last)
              for reason, count, last in rows]
    return sorted(counts, key=lambda c: (-c.count, c.reason))
