"""In-app notifications: each person hears what happened to their ideas, responses and roles.

The listeners at the end of this module turn domain events (``core.events``)
into notifications; the services that announce them do not know who listens.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from ideashub.core import events
from ideashub.core.errors import NotFound
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.hearing.models import Notification
from ideashub.ideas.models import RESPONSE_KIND_LABELS, STAGE_LABELS, ResponseKind, Stage
from ideashub.people.models import ROLE_LABELS, Role


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


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


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
        raise NotFound("There is no such notification.")
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


def _tell(user_id: int | None, event: events.Event, text: str, idea_id: int | None = None, kind: str | None = None,
          response_id: int | None = None) -> None:
    notify(user_id, kind or event.name, text, event.at, idea_id, event.actor, response_id)


@events.response_added.connect
def _response_added(event: events.Event) -> None:
    response, idea, parent = event.subject, event.context["idea"], event.context["parent"]
    who = event.actor.name
    what = RESPONSE_KIND_LABELS[ResponseKind(response.kind)].lower()
    mentioned = set(_mentioned(event))  # they hear of it once: that they were mentioned
    if idea.author_id not in mentioned:
        _tell(idea.author_id, event, f"{who} responded to your idea “{idea.title}” ({what}).", idea.id, "idea.response", response.id)
    if parent is not None and parent.author_id != idea.author_id and parent.author_id not in mentioned:
        _tell(parent.author_id, event, f"{who} replied to your response on “{idea.title}”.", idea.id, "response.reply", response.id)


def _mentioned(event: events.Event) -> list[int]:
    return (event.data or {}).get("mentions", [])


@events.response_added.connect
@events.response_edited.connect
def _mentions(event: events.Event) -> None:
    """Each person a response @mentions hears of it (on an edit, only those newly mentioned)."""
    response, idea = event.subject, event.context["idea"]
    for user_id in _mentioned(event):
        _tell(user_id, event, f"{event.actor.name} mentioned you in a response to “{idea.title}”.", idea.id, "mention",
              response.id)


def _move_text(event: events.Event) -> str:
    idea, to, who = event.subject, event.data["to"], event.actor.name
    title = f"“{idea.title}”"
    if to == Stage.NOT_TAKEN_FORWARD:
        return f"{who} decided not to take your idea {title} forward. Their reason: {event.reason}"
    if to == Stage.PARKED:
        return f"{who} parked your idea {title} until {idea.revisit_on:%-d %B %Y}. Their reason: {event.reason}"
    if event.name == events.idea_reopened.name:
        return f"{who} reopened your idea {title}: it is being heard again."
    return f"{who} moved your idea {title} to {STAGE_LABELS[Stage(to)]}."


@events.idea_moved.connect
@events.idea_reopened.connect
@events.challenge_decision.connect
def _moved(event: events.Event) -> None:
    _tell(event.subject.author_id, event, _move_text(event), event.subject.id, "idea.moved")


def _tells_author(event_type: events.EventType, text: str, of=lambda event: event.subject, idea_of=None,
                  about_response: bool = False) -> None:
    """When ``event_type`` happens, tell the author of ``of(event)`` (an idea or a response).

    ``text`` is formatted with ``who`` (the actor's name), ``idea`` (the idea it is about),
    ``other`` (the other idea of a merge) and ``reason``.
    """
    idea_of = idea_of or of

    def listener(event: events.Event) -> None:
        idea = idea_of(event)
        other = event.context.get("target") or event.context.get("source")
        words = text.format(who=event.actor.name, idea=idea, other=other, reason=event.reason)
        _tell(of(event).author_id, event, words, idea.id, response_id=of(event).id if about_response else None)

    event_type.connect(listener)


_tells_author(events.idea_merged, "{who} merged your idea “{idea.title}” into “{other.title}”. "
              "Its supporters now support that idea, and its responses stay readable.")
_tells_author(events.idea_merged_in, "{who} merged a similar idea, “{other.title}”, into your idea “{idea.title}”. "
              "Its supporters now support yours.")
_tells_author(events.idea_hidden, "{who} hid your idea “{idea.title}”. Their reason: {reason}")
_tells_author(events.idea_unhidden, "{who} made your idea “{idea.title}” visible again.")
_tells_author(events.response_hidden, "{who} hid your response to “{idea.title}”. Their reason: {reason}",
              idea_of=lambda event: event.context["idea"], about_response=True)


@events.challenge_created.connect
def _challenge_created(event: events.Event) -> None:
    challenge = event.subject
    for person in {challenge.sponsor_id, challenge.facilitator_id}:
        role = "sponsor" if person == challenge.sponsor_id else "facilitator"
        _tell(person, event, f"{event.actor.name} set up the challenge “{challenge.title}”, starting {challenge.starts_on:%-d %B}, with you as its {role}.", kind="challenge.role")


@events.challenge_idea_added.connect
def _brought_in(event: events.Event) -> None:
    idea, challenge = event.context["idea"], event.subject
    _tell(idea.author_id, event, f"{event.actor.name} brought your idea “{idea.title}” into the challenge “{challenge.title}”.", idea.id)


@events.project_lead_named.connect
def _project_lead(event: events.Event) -> None:
    _tell(event.subject.lead_id, event, f"{event.actor.name} made the project “{event.subject.name}” with you as its lead.", kind="project.lead")


@events.project_member_added.connect
def _project_member(event: events.Event) -> None:
    hours = event.context["hours"]
    _tell(event.context["user_id"], event, f"{event.actor.name} added you to the project “{event.subject.name}” with {plural(hours, 'protected hour', 'protected hours')} a week.", kind="project.member")


@events.user_role.connect
def _role_changed(event: events.Event) -> None:
    before, after = (ROLE_LABELS[Role(event.data[k])].lower() for k in ("before", "after"))
    _tell(event.subject.id, event, f"{event.actor.name} made you {after} (you were {before}). Sign in again to carry on.")


@events.user_team.connect
def _team_changed(event: events.Event) -> None:
    _tell(event.subject.id, event, f"{event.actor.name} moved you to {event.data['after'] or 'no team'}.")
