"""In-app notifications: each person hears what happened to their ideas, responses and roles.

The listeners at the end of this module turn domain events (``core.events``)
into notifications; the services that announce them do not know who listens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update

from ideashub.core import events
from ideashub.core.errors import NotFound
from ideashub.core.i18n import _, format_moment, in_language
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.hearing.models import Notification
from ideashub.ideas.models import RESPONSE_KIND_LABELS, STAGE_LABELS, ResponseKind, Stage
from ideashub.people.models import ROLE_LABELS, Role, User


def notify(user_id: int | None, kind: str, text: str, now: datetime, idea_id=None, actor=None, response_id=None) -> None:
    """Tell a person something; nobody is told about their own action.

    ``idea_id`` and ``response_id`` say what it is about: opening it goes there.
    """
    if user_id is None or (actor is not None and actor.id == user_id):
        return
    db.session.add(
        Notification(
            user_id=user_id,
            kind=kind,
            text=text[:600],
            idea_id=idea_id,
            response_id=response_id,
            actor_id=getattr(actor, "id", None),
            created_at=now,
        )
    )


def unread_count_of(user_id):
    """SQL: how many notifications ``user_id`` (a value or a column) has not read."""
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


def unread_count(user_id: int) -> int:
    return db.session.scalar(select(unread_count_of(user_id)))


def notifications_for(user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def open_notification(user_id: int, notification_id: int, now: datetime) -> Notification:
    """One of the person's own notifications, marked read now if it was not (someone else's: not found)."""
    found = db.session.get(Notification, notification_id)
    if found is None or found.user_id != user_id:
        raise NotFound(_("There is no such notification."))
    if found.read_at is None:
        found.read_at = now
        db.session.flush()
    return found


def mark_read(user_id: int, now: datetime) -> int:
    """Mark every unread notification of this person as read; returns how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


# --- Listeners: who hears what ------------------------------------------------------------------


def _tell(user_id: int | None, event: events.Event, text: Callable[[], str], idea_id: int | None = None,
          kind: str | None = None, response_id: int | None = None) -> None:
    """``text()`` is made in the language of the person told: it is stored as it is read."""
    if user_id is None or (event.actor is not None and event.actor.id == user_id):
        return
    person = db.session.get(User, user_id)
    with in_language(getattr(person, "language", None)):
        words = text()
    notify(user_id, kind or event.name, words, event.at, idea_id, event.actor, response_id)


@events.response_added.connect
def _response_added(event: events.Event) -> None:
    response, idea, parent = event.subject, event.context["idea"], event.context["parent"]
    who = event.actor.name
    kind = RESPONSE_KIND_LABELS[ResponseKind(response.kind)]
    mentioned = set(_mentioned(event))  # they hear of it once: that they were mentioned
    if idea.author_id not in mentioned:
        _tell(idea.author_id, event, lambda: _("%(who)s responded to your idea “%(title)s” (%(what)s).", who=who,
                                               title=idea.title, what=str(kind).lower()),
              idea.id, "idea.response", response.id)
    if parent is not None and parent.author_id != idea.author_id and parent.author_id not in mentioned:
        _tell(parent.author_id, event, lambda: _("%(who)s replied to your response on “%(title)s”.", who=who, title=idea.title),
              idea.id, "response.reply", response.id)


def _mentioned(event: events.Event) -> list[int]:
    return (event.data or {}).get("mentions", [])


@events.response_added.connect
@events.response_edited.connect
def _mentions(event: events.Event) -> None:
    """Each person a response @mentions hears of it (on an edit, only those newly mentioned)."""
    response, idea = event.subject, event.context["idea"]
    for user_id in _mentioned(event):
        _tell(user_id, event, lambda: _("%(who)s mentioned you in a response to “%(title)s”.", who=event.actor.name,
                                        title=idea.title), idea.id, "mention", response.id)


def _move_text(event: events.Event) -> str:
    idea, to, who = event.subject, event.data["to"], event.actor.name
    if to == Stage.NOT_TAKEN_FORWARD:
        return _("%(who)s decided not to take your idea “%(title)s” forward. Their reason: %(reason)s",
                 who=who, title=idea.title, reason=event.reason)
    if to == Stage.PARKED:
        return _("%(who)s parked your idea “%(title)s” until %(date)s. Their reason: %(reason)s", who=who,
                 title=idea.title, date=format_moment(idea.revisit_on, "%-d %B %Y"), reason=event.reason)
    if event.name == events.idea_reopened.name:
        return _("%(who)s reopened your idea “%(title)s”: it is being heard again.", who=who, title=idea.title)
    return _("%(who)s moved your idea “%(title)s” to %(stage)s.", who=who, title=idea.title, stage=STAGE_LABELS[Stage(to)])


@events.idea_moved.connect
@events.idea_reopened.connect
@events.challenge_decision.connect
def _moved(event: events.Event) -> None:
    _tell(event.subject.author_id, event, lambda: _move_text(event), event.subject.id, "idea.moved")


def _tells_author(event_type: events.EventType, text: Callable[..., str], of=lambda event: event.subject, idea_of=None,
                  about_response: bool = False) -> None:
    """When ``event_type`` happens, tell the author of ``of(event)`` (an idea or a response).

    ``text`` is called with ``who`` (the actor's name), ``title`` (of the idea it is about),
    ``other`` (the title of the other idea of a merge) and ``reason``.
    """
    idea_of = idea_of or of

    def listener(event: events.Event) -> None:
        idea = idea_of(event)
        other = event.context.get("target") or event.context.get("source")
        facts = {"who": event.actor.name, "title": idea.title, "other": getattr(other, "title", ""), "reason": event.reason}
        _tell(of(event).author_id, event, lambda: text(**facts), idea.id,
              response_id=of(event).id if about_response else None)

    event_type.connect(listener)


_tells_author(events.idea_merged, lambda **facts: _(
    "%(who)s merged your idea “%(title)s” into “%(other)s”. "
    "Its supporters now support that idea, and its responses stay readable.", **facts))
_tells_author(events.idea_merged_in, lambda **facts: _(
    "%(who)s merged a similar idea, “%(other)s”, into your idea “%(title)s”. Its supporters now support yours.", **facts))
_tells_author(events.idea_hidden, lambda **facts: _("%(who)s hid your idea “%(title)s”. Their reason: %(reason)s", **facts))
_tells_author(events.idea_unhidden, lambda **facts: _("%(who)s made your idea “%(title)s” visible again.", **facts))
_tells_author(events.response_hidden,
              lambda **facts: _("%(who)s hid your response to “%(title)s”. Their reason: %(reason)s", **facts),
              idea_of=lambda event: event.context["idea"], about_response=True)


@events.challenge_created.connect
def _challenge_created(event: events.Event) -> None:
    challenge = event.subject
    def text(sponsor: bool) -> str:
        facts = {"who": event.actor.name, "title": challenge.title, "date": format_moment(challenge.starts_on, "%-d %B")}
        if sponsor:
            return _("%(who)s set up the challenge “%(title)s”, starting %(date)s, with you as its sponsor.", **facts)
        return _("%(who)s set up the challenge “%(title)s”, starting %(date)s, with you as its facilitator.", **facts)

    for person in {challenge.sponsor_id, challenge.facilitator_id}:
        sponsor = person == challenge.sponsor_id
        _tell(person, event, lambda sponsor=sponsor: text(sponsor), kind="challenge.role")


@events.challenge_idea_added.connect
def _brought_in(event: events.Event) -> None:
    idea, challenge = event.context["idea"], event.subject
    _tell(idea.author_id, event, lambda: _("%(who)s brought your idea “%(title)s” into the challenge “%(challenge)s”.",
                                            who=event.actor.name, title=idea.title, challenge=challenge.title), idea.id)


@events.project_lead_named.connect
def _project_lead(event: events.Event) -> None:
    _tell(event.subject.lead_id, event, lambda: _("%(who)s made the project “%(name)s” with you as its lead.",
                                                   who=event.actor.name, name=event.subject.name), kind="project.lead")


@events.project_member_added.connect
def _project_member(event: events.Event) -> None:
    hours = event.context["hours"]
    _tell(event.context["user_id"], event, lambda: _(
        "%(who)s added you to the project “%(name)s” with %(hours)s a week.", who=event.actor.name, name=event.subject.name,
        hours=plural(hours, "protected hour", "protected hours")), kind="project.member")


@events.user_role.connect
def _role_changed(event: events.Event) -> None:
    before, after = (ROLE_LABELS[Role(event.data[k])] for k in ("before", "after"))
    _tell(event.subject.id, event, lambda: _("%(who)s made you %(after)s (you were %(before)s). Sign in again to carry on.",
                                             who=event.actor.name, after=str(after).lower(), before=str(before).lower()))


@events.user_team.connect
def _team_changed(event: events.Event) -> None:
    team = event.data["after"]
    _tell(event.subject.id, event, lambda: _("%(who)s moved you to %(team)s.", who=event.actor.name, team=team) if team
          else _("%(who)s moved you to no team.", who=event.actor.name))
