"""Following ideas, tags, teams and challenges: who wants to hear about what.

A person follows a target (an idea, a tag, a team or a challenge) with a button on
its page or through the API, and ends it on "Your account, Following". Authors and
responders follow an idea by themselves: listeners on ``idea.posted``,
``idea.challenge`` and ``response.added`` add the follow in the announcing
transaction.

An explicit "Stop following" is remembered: the row stays, ``muted``, so that
responding to the idea again does not follow it again behind the person's back.
Only pressing "Follow" again brings it back. A muted row counts as not following
everywhere (the pages, the API and ``followers_of_idea``).

``followers_of_idea`` is what the delivery core asks when something happens to an
idea: everyone following the idea itself, one of its tags, its team, or the
challenge it is in, in one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    func,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.challenges.models import Challenge, ChallengeEntry
from ideashub.core import events
from ideashub.core.db import UTCDateTime, dialect_insert
from ideashub.core.errors import Forbidden, NotFound
from ideashub.core.i18n import _, _l
from ideashub.core.text import normalise_tag
from ideashub.extensions import db
from ideashub.ideas.models import Idea, IdeaTag, Tag
from ideashub.people.models import Team, User
from ideashub.people.permissions import can_see_hidden

IDEA, TAG, TEAM, CHALLENGE = "idea", "tag", "team", "challenge"
TARGETS = (IDEA, TAG, TEAM, CHALLENGE)

# How each kind of target is named in sentences and headings (never its code).
TARGET_LABELS = {IDEA: "idea", TAG: "tag", TEAM: "team", CHALLENGE: "challenge"}  # not shown on any page
GROUP_LABELS = {IDEA: _l("Ideas"), TAG: _l("Tags"), TEAM: _l("Teams"), CHALLENGE: _l("Challenges")}


class Follow(db.Model):
    """One person following one target; ``muted`` when they stopped following it."""

    __tablename__ = "follows"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    target: Mapped[str] = mapped_column(String(10))  # idea | tag | team | challenge
    target_id: Mapped[int] = mapped_column(Integer)  # for a tag, its Tag.id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # An explicit "Stop following": kept so that responding again does not re-follow.
    muted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("user_id", "target", "target_id"),
        # Who follows a target: with user_id and muted, followers_of_idea never reads the table.
        Index("ix_follows_target", "target", "target_id", "muted", "user_id"),
    )


@dataclass(frozen=True)
class Followed:
    """One thing a person follows, as the page and the API show it."""

    target: str
    target_id: int
    name: str
    url: str
    since: datetime
    key: str | int  # what its address names it by: the tag's name, or the id

    @property
    def kind_label(self) -> str:
        return TARGET_LABELS[self.target]


# --- Finding a target ------------------------------------------------------------------


def _idea(actor, idea_id: int, seen: bool) -> Idea:
    idea = db.session.get(Idea, idea_id)
    # A hidden idea is not there for people who cannot see hidden ideas (unless ``seen`` is False).
    if idea is None or (seen and idea.hidden_at is not None and not can_see_hidden(actor)):
        raise NotFound(_("There is no idea with that number."))
    return idea


def tag_by_name(name: str) -> Tag | None:
    """The tag with this name (written as people type it: "Digital Inclusion" finds digital-inclusion)."""
    wanted = normalise_tag(name or "")
    if not wanted:
        return None
    return db.session.scalar(select(Tag).where(Tag.name == wanted))


def target_id_of(actor, target: str, key, seen: bool = True) -> int:
    """The id of the target ``key`` names (a tag's name, or an id), or NotFound.

    A hidden idea is not found for people who cannot see hidden ideas, unless ``seen`` is
    False (stopping following an idea that was hidden after they followed it).
    """
    if target == IDEA:
        return _idea(actor, key, seen).id
    if target == TAG:
        # The lead's code passes a Tag.id; pages and the API pass the name in their address.
        tag = db.session.get(Tag, key) if isinstance(key, int) else tag_by_name(str(key))
        if tag is None:
            raise NotFound(_("There is no tag with that name."))
        return tag.id
    if target == TEAM:
        if db.session.get(Team, key) is None:
            raise NotFound(_("There is no team with that number."))
        return key
    if target == CHALLENGE:
        if db.session.get(Challenge, key) is None:
            raise NotFound(_("There is no challenge with that number."))
        return key
    raise NotFound(_("You can follow ideas, tags, teams and challenges."))


# --- Changing follows --------------------------------------------------------------------


def _row(user_id: int, target: str, target_id: int) -> Follow | None:
    return db.session.scalar(
        select(Follow).where(Follow.user_id == user_id, Follow.target == target, Follow.target_id == target_id)
    )


def follow(user, target: str, target_id: int | str, now: datetime) -> bool:
    """``user`` follows the target (an explicit choice: it also ends an earlier "Stop following").

    ``target_id`` is the target's id (a tag's Tag.id, or its name). Idempotent: True if
    they were not following it before. NotFound for a target that
    does not exist or that they cannot see; Forbidden for a deactivated account.
    """
    if not user.active:
        raise Forbidden(_("A deactivated account cannot follow anything."))
    target_id = target_id_of(user, target, target_id)
    row = _row(user.id, target, target_id)
    if row is not None:
        if not row.muted:
            return False
        row.muted = False
        row.created_at = now
        db.session.flush()
        return True
    # Two clicks at once: insert-or-ignore, so the second is a harmless no-op.
    inserted = db.session.execute(
        dialect_insert(Follow)
        .values(user_id=user.id, target=target, target_id=target_id, created_at=now, muted=False)
        .on_conflict_do_nothing()
    )
    return bool(inserted.rowcount)


def unfollow(user, target: str, target_id: int | str) -> bool:
    """``user`` stops following the target. Idempotent: True if they were following it.

    The row stays, muted, so that taking part again does not follow it silently.
    NotFound for a target that does not exist (a hidden idea may still be unfollowed).
    """
    target_id = target_id_of(user, target, target_id, seen=False)
    row = _row(user.id, target, target_id)
    if row is None or row.muted:
        return False
    row.muted = True
    db.session.flush()
    return True


def follow_automatically(user, idea_id: int, now: datetime) -> bool:
    """``user`` follows the idea because they posted it or responded to it.

    Never over an explicit "Stop following", never for a deactivated account; True if added.
    """
    if not user.active:
        return False
    inserted = db.session.execute(
        dialect_insert(Follow)
        .values(user_id=user.id, target=IDEA, target_id=idea_id, created_at=now, muted=False)
        .on_conflict_do_nothing()
    )
    return bool(inserted.rowcount)


# --- Asking ------------------------------------------------------------------------------


def is_following(user_id: int, target: str, target_id: int) -> bool:
    """Whether the person follows the target now (a muted row does not count)."""
    return (
        db.session.execute(
            select(Follow.id).where(
                Follow.user_id == user_id, Follow.target == target, Follow.target_id == target_id,
                Follow.muted == false(),
            )
        ).first()
        is not None
    )


def is_following_tag(user_id: int, name: str) -> bool:
    tag = tag_by_name(name)
    return tag is not None and is_following(user_id, TAG, tag.id)


def followers_of(target: str, target_id: int) -> set[int]:
    """The active people following this one target (for a tag, its Tag.id)."""
    return set(followers_since(target, target_id))


def followers_since(target: str, target_id: int) -> dict[int, datetime]:
    """The active people following this one target, each with when they began to."""
    return _since(_following(target, target_id))


def _following(target: str, ids):
    """Who follows ``target`` with an id in ``ids`` (a value or a subquery), and since when:
    ix_follows_target."""
    condition = Follow.target_id.in_(ids) if not isinstance(ids, int) else Follow.target_id == ids
    return select(Follow.user_id, Follow.created_at).where(Follow.target == target, condition, Follow.muted == false())


def _since(arms) -> dict[int, datetime]:
    """Each active person in ``arms`` (user_id, created_at rows) with their earliest follow."""
    everyone = arms.subquery()
    return dict(db.session.execute(
        select(User.id, func.min(everyone.c.created_at)).join(everyone, everyone.c.user_id == User.id)
        .where(User.active.is_(True)).group_by(User.id)
    ).all())


def followers_of_idea(idea) -> set[int]:
    """The active people who want to hear about ``idea`` (see ``followers_of_idea_since``)."""
    return set(followers_of_idea_since(idea))


def followers_of_idea_since(idea) -> dict[int, datetime]:
    """The active people who want to hear about ``idea``, each with when they began to: one query.

    Everyone following the idea itself, any of its tags, the team it came from, or
    the challenge it is in. Each arm reads ix_follows_target; a person found by
    several arms counts from their earliest follow, and active people are kept by
    their primary key.
    """
    tags = select(IdeaTag.tag_id).where(IdeaTag.idea_id == idea.id).scalar_subquery()
    challenges = select(ChallengeEntry.challenge_id).where(ChallengeEntry.idea_id == idea.id).scalar_subquery()
    return _since(union_all(
        _following(IDEA, idea.id),
        _following(TAG, tags),
        _following(TEAM, idea.team_id),
        _following(CHALLENGE, challenges),
    ))


def following_of(user_id: int) -> list[Followed]:
    """What the person follows, newest first, each with its name and its page's address.

    A hidden idea is named "A hidden idea" for people who cannot see hidden ideas.
    """
    rows = db.session.scalars(
        select(Follow).where(Follow.user_id == user_id, Follow.muted == false())
        .order_by(Follow.created_at.desc(), Follow.id.desc())
    ).all()
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row.target, []).append(row.target_id)
    viewer = db.session.get(User, user_id)
    names = _names(wanted, can_see_hidden(viewer))
    items = []
    for row in rows:
        found = names.get((row.target, row.target_id))
        if found is not None:
            name, url, key = found
            items.append(Followed(row.target, row.target_id, name, url, row.created_at, key))
    return items


def _names(wanted: dict[str, list[int]], sees_hidden: bool) -> dict[tuple[str, int], tuple[str, str, str | int]]:
    """Name, address and address key of each target, one query per kind."""
    names: dict[tuple[str, int], tuple[str, str, str | int]] = {}
    if wanted.get(IDEA):
        for idea_id, title, hidden_at in db.session.execute(
            select(Idea.id, Idea.title, Idea.hidden_at).where(Idea.id.in_(wanted[IDEA]))
        ):
            name = title if hidden_at is None or sees_hidden else _("A hidden idea")
            names[(IDEA, idea_id)] = (name, url_for("ideas.show", idea_id=idea_id), idea_id)
    if wanted.get(TAG):
        for tag_id, name in db.session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(wanted[TAG]))):
            names[(TAG, tag_id)] = (name, url_for("ideas.board", tag=name), name)
    if wanted.get(TEAM):
        for team in db.session.scalars(select(Team).where(Team.id.in_(wanted[TEAM]))):
            names[(TEAM, team.id)] = (team.label, url_for("ideas.board", team=team.id), team.id)
    if wanted.get(CHALLENGE):
        for challenge_id, title in db.session.execute(
            select(Challenge.id, Challenge.title).where(Challenge.id.in_(wanted[CHALLENGE]))
        ):
            names[(CHALLENGE, challenge_id)] = (title, url_for("challenges.show", challenge_id=challenge_id), challenge_id)
    return names


def grouped(items: list[Followed]) -> list[tuple[str, list[Followed]]]:
    """The items in the page's groups (Ideas, Tags, Teams, Challenges), empty groups left out."""
    return [(str(GROUP_LABELS[t]), [i for i in items if i.target == t]) for t in TARGETS if any(i.target == t for i in items)]


# --- Following by taking part --------------------------------------------------------------


@events.idea_posted.connect
def _author_follows(event: events.Event) -> None:
    follow_automatically(event.actor, event.subject.id, event.at)


@events.idea_challenge.connect
def _challenge_author_follows(event: events.Event) -> None:
    # An idea posted into a challenge: its author follows it however the idea was made.
    follow_automatically(event.actor, event.subject.id, event.at)


@events.response_added.connect
def _responder_follows(event: events.Event) -> None:
    follow_automatically(event.actor, event.idea_id, event.at)
