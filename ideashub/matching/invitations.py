"""Invitations to hear an idea: the rules, the services and what they read.

The author of an idea and the moderators invite people who could help (see
``matching.engine.helpers_for``) to hear it, with an optional note. The invitee hears
of it in the bell (and by email, as they chose: ``reach.notify`` emails the kind
"invitation"), answers by responding to the idea (the invitation becomes
*responded*) or with "not my area" (*declined*: never suggested for that idea again).

Limits, counted over the last 24 hours: ``INVITATIONS_PER_IDEA_PER_DAY`` people per
idea, and ``INVITATIONS_PER_PERSON_PER_DAY`` (a setting) per inviter across every idea.
A request that breaks any rule stores nothing (all or nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from ideashub.core import events
from ideashub.core.errors import Conflict, Invalid, NotFound, ServiceError, ensure
from ideashub.core.i18n import _, _l, in_language
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.core.text import clean_text, whole_number
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.hearing.notifications import notify
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea, Stage
from ideashub.ideas.rules import OPEN_STAGES
from ideashub.matching.models import Invitation, InvitationStatus
from ideashub.people.models import User
from ideashub.people.permissions import can_moderate

INVITATIONS_PER_IDEA_PER_DAY = 5
NOTE_MAX = 500
DAY = timedelta(hours=24)

STATUS_LABELS = {
    InvitationStatus.INVITED: _l("waiting for an answer"),
    InvitationStatus.RESPONDED: _l("responded"),
    InvitationStatus.DECLINED: _l("not their area"),
}


class TooManyInvitations(ServiceError, status=429, code="rate_limited"):
    """The inviter has used up the invitations a person may send in 24 hours."""


# --- Rules (pure: plain values in, a decision with a reason out) ---------------------------------


def can_invite(actor, idea) -> Decision:
    """The idea's author and moderators invite people, while the idea is still open to being heard."""
    if actor.id != idea.author_id and not can_moderate(actor):
        return forbid(_("Only the idea's author and moderators can invite people to hear it."))
    if idea.withdrawn_at is not None:
        return deny(_("This idea was withdrawn by its author, so nobody can be invited to hear it."))
    if idea.stage == Stage.MERGED:
        return deny(_("This idea was merged into another one: invite people to hear that one."))
    if idea.hidden_at is not None:
        return deny(_("This idea is hidden by a moderator, so nobody can be invited to hear it."))
    if idea.stage not in OPEN_STAGES:
        return deny(_("This idea is decided, so it no longer needs people to hear it."))
    return ALLOW


def room_left(limit: int, used: int) -> int:
    """How many more invitations fit under ``limit`` when ``used`` were sent in the last 24 hours."""
    return max(limit - used, 0)


def idea_limit_message(wanted: int, used: int, limit: int = INVITATIONS_PER_IDEA_PER_DAY) -> str:
    left = room_left(limit, used)
    people = plural(limit, "person", "people")
    if left == 0:
        return _("Up to %(people)s can be invited to hear an idea in 24 hours, and this idea has had its %(limit)s today. "
                 "Try again tomorrow.", people=people, limit=limit)
    return _("Up to %(people)s can be invited to hear an idea in 24 hours: %(used)s invited in the last 24 hours, "
             "so you can invite %(left)s more now, not %(wanted)s.", people=people,
             used=plural(used, "person was", "people were"), left=left, wanted=wanted)


def person_limit_message(limit: int) -> str:
    return _("You can invite up to %(people)s a day, and you have invited %(limit)s in the last 24 hours. "
             "Try again tomorrow.", people=plural(limit, "person", "people"), limit=limit)


# --- Services --------------------------------------------------------------------------------------


def get_invitation(invitation_id: int) -> Invitation:
    found = db.session.get(Invitation, invitation_id)
    if found is None:
        raise NotFound(_("There is no such invitation."))
    return found


def _people(ids: list[int]) -> dict[int, User]:
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def _wanted_ids(user_ids: Iterable) -> list[int]:
    """The ids asked for, in order, each once; anything that is not a whole number is refused."""
    wanted: list[int] = []
    for raw in user_ids:
        number = whole_number(raw)
        if number is None:
            raise Invalid(_("Choose people from the list."), {"user_ids": _("Choose people from the list.")})
        if number not in wanted:
            wanted.append(number)
    return wanted


def sent_since(since: datetime, *, idea_id: int | None = None, invited_by_id: int | None = None) -> int:
    stmt = select(func.count()).select_from(Invitation).where(Invitation.created_at > since)
    if idea_id is not None:
        stmt = stmt.where(Invitation.idea_id == idea_id)
    if invited_by_id is not None:
        stmt = stmt.where(Invitation.invited_by_id == invited_by_id)
    return db.session.scalar(stmt)


def invite(actor, idea_id: int, user_ids: Iterable, note: str | None, now: datetime) -> list[Invitation]:
    """Invite each of ``user_ids`` to hear the idea, with ``note``; all of them or, on any refusal, none.

    Refused: someone other than the author or a moderator (403); an idea withdrawn, merged,
    hidden or decided (409); over the idea's or the inviter's limit for 24 hours (409, 429);
    a deactivated person, the author, oneself, someone already invited to this idea (409, the
    field ``user_ids`` naming them); nobody chosen, an unknown person, a note over
    ``NOTE_MAX`` characters (422). Each invitee is told in
    the bell, and each invitation is recorded (``invitation.sent``).
    """
    idea = ideas.get_idea(idea_id)
    ensure(can_invite(actor, idea))
    idea = ideas.lock_idea(idea_id)  # one inviter at a time per idea, so the limit holds
    wanted = _wanted_ids(user_ids or [])
    note = clean_text(note)
    if not wanted:
        raise Invalid(_("Choose at least one person to invite."), {"user_ids": _("Choose at least one person to invite.")})
    if len(note) > NOTE_MAX:
        raise Invalid(_("Keep the note to %(characters)s.", characters=plural(NOTE_MAX, "character", "characters")),
                      {"note": _("Use at most %(characters)s (%(now)s now).",
                                 characters=plural(NOTE_MAX, "character", "characters"), now=len(note))})
    used = sent_since(now - DAY, idea_id=idea.id)
    if len(wanted) > room_left(INVITATIONS_PER_IDEA_PER_DAY, used):
        raise Conflict(idea_limit_message(len(wanted), used))
    per_person = current_app.config["INVITATIONS_PER_PERSON_PER_DAY"]
    if sent_since(now - DAY, invited_by_id=actor.id) + len(wanted) > per_person:
        raise TooManyInvitations(person_limit_message(per_person))
    people = _people(wanted)
    already = set(db.session.scalars(select(Invitation.user_id).where(
        Invitation.idea_id == idea.id, Invitation.user_id.in_(wanted))))
    unknown = [user_id for user_id in wanted if user_id not in people]
    if unknown:
        said = " ".join(_("There is nobody with the number %(number)s.", number=user_id) for user_id in unknown)
        raise Invalid(said, {"user_ids": said})
    problems = []
    for user_id in wanted:
        person = people[user_id]
        if person.id == actor.id:
            problems.append(_("You cannot invite yourself."))
        elif person.id == idea.author_id:
            problems.append(_("%(name)s wrote this idea, so they need no invitation to it.", name=person.name))
        elif not person.active:
            problems.append(_("%(name)s's account is deactivated, so they cannot be invited.", name=person.name))
        elif person.id in already:
            problems.append(_("%(name)s is already invited to hear this idea.", name=person.name))
    if problems:  # people who exist, but whom the hub's rules keep from being invited: a conflict (409)
        raise Conflict(" ".join(problems), {"user_ids": " ".join(problems)})
    made = []
    for user_id in wanted:
        invitation = Invitation(idea_id=idea.id, user_id=user_id, invited_by_id=actor.id, note=note,
                                status=InvitationStatus.INVITED, created_at=now)
        db.session.add(invitation)
        db.session.flush()
        made.append(invitation)
        events.invitation_sent.announce(actor, now, subject=idea, idea_id=idea.id, data={"user_id": user_id},
                                        context={"invitation": invitation, "idea": idea})
    return made


def decline(actor, invitation_id: int, now: datetime) -> Invitation:
    """The invitee answers "not my area": declined, and never suggested for that idea again."""
    invitation = get_invitation(invitation_id)
    if invitation.user_id != actor.id:
        ensure(forbid(_("Only the person invited can answer an invitation.")))
    if invitation.status == InvitationStatus.DECLINED:
        ensure(deny(_("You have already said this idea is not your area.")))
    if invitation.status == InvitationStatus.RESPONDED:
        ensure(deny(_("You have already responded to this idea, so the invitation is answered.")))
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_at = now
    db.session.flush()
    events.invitation_declined.announce(actor, now, subject=ideas.get_idea(invitation.idea_id), idea_id=invitation.idea_id,
                                        context={"invitation": invitation})
    return invitation


# --- Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    invited: int
    responded: int

    @property
    def summary(self) -> str:
        """"3 invited · 1 responded"."""
        return _("%(invited)s invited · %(responded)s responded", invited=self.invited, responded=self.responded)


def counts(idea_id: int) -> Counts:
    """How many people were invited to hear the idea, and how many of them responded."""
    invited, responded = db.session.execute(
        select(func.count(), func.count().filter(Invitation.status == InvitationStatus.RESPONDED))
        .where(Invitation.idea_id == idea_id)
    ).one()
    return Counts(invited or 0, responded or 0)


def counts_of(found: Iterable[Invitation]) -> Counts:
    """The counts of invitations already read (the idea page reads them once)."""
    found = list(found)
    return Counts(len(found), sum(1 for i in found if i.status == InvitationStatus.RESPONDED))


def invitations_to(idea_id: int) -> list[Invitation]:
    """Everyone invited to hear the idea, first invited first."""
    return list(db.session.scalars(
        select(Invitation).where(Invitation.idea_id == idea_id).order_by(Invitation.created_at, Invitation.id)))


def invited_ids(idea_ids: list[int]) -> dict[int, set[int]]:
    """For each idea, the people already invited to hear it (one query for a page of ideas)."""
    found: dict[int, set[int]] = {}
    if idea_ids:
        for idea_id, user_id in db.session.execute(
                select(Invitation.idea_id, Invitation.user_id).where(Invitation.idea_id.in_(idea_ids))):
            found.setdefault(idea_id, set()).add(user_id)
    return found


def invitation_of(user_id: int, idea_id: int) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.idea_id == idea_id, Invitation.user_id == user_id))


def invitations_of(user_id: int, limit: int = 100) -> list[tuple[Invitation, Idea]]:
    """A person's invitations, newest first, each with its idea (hidden ideas left out)."""
    return [(invitation, idea) for invitation, idea in db.session.execute(
        select(Invitation, Idea).join(Idea, Idea.id == Invitation.idea_id)
        .where(Invitation.user_id == user_id, Idea.hidden_at.is_(None))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc()).limit(limit)
    )]


# --- Listeners ---------------------------------------------------------------------------------------


@events.invitation_sent.connect
def _tell_the_invitee(event: events.Event) -> None:
    invitation, idea = event.context["invitation"], event.context["idea"]
    with in_language(getattr(invitation.user, "language", None)):
        if invitation.note:
            text = _("%(name)s invited you to hear “%(title)s”: %(note)s", name=event.actor.name, title=idea.title,
                     note=invitation.note)
        else:
            text = _("%(name)s invited you to hear “%(title)s”.", name=event.actor.name, title=idea.title)
    notify(invitation.user_id, "invitation", text, event.at, idea.id, event.actor)


@events.response_added.connect
def _responded(event: events.Event) -> None:
    """A response (or a reply) to the idea answers the responder's invitation to hear it."""
    invitation = invitation_of(event.actor.id, event.idea_id)
    if invitation is not None and invitation.status == InvitationStatus.INVITED:
        invitation.status = InvitationStatus.RESPONDED
        invitation.answered_at = event.at
