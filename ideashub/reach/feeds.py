"""Atom feeds of the board, an idea and a challenge, behind a personal feed address.

The hub is not public, and a feed reader cannot sign in: the secret in the
feed's address stands for the person who made it. Only its SHA-256 is stored
(like an API token, ``people.services.issue_token``), so the address is shown
once, when it is made; making a new one stops the old, and the person can stop
all their feeds. A feed shows what its owner may read now: their role and
account are looked up at every read, a deactivated owner's feeds answer "not
found", and what a moderator hid never appears in any feed, whoever reads it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.challenges import queries as challenge_queries
from ideashub.challenges import rules as challenge_rules
from ideashub.challenges.services import clock_of, get_challenge
from ideashub.core import activity, wording
from ideashub.core.activity import SECURITY
from ideashub.core.db import UTCDateTime
from ideashub.core.errors import NotFound
from ideashub.core.i18n import _, _l
from ideashub.core.markdown import render_markdown
from ideashub.core.words import excerpt
from ideashub.extensions import db
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.models import Idea, Response, ResponseKind
from ideashub.ideas.services import get_idea
from ideashub.people.models import User
from ideashub.people.permissions import can_moderate

FEED_TOKEN_PREFIX = "ihf_"  # noqa: S105 - a visible prefix, not a secret
FEED_SIZE = 50  # entries in a feed, newest first
SUMMARY_LENGTH = 280
LAST_USED_STEP = timedelta(minutes=10)  # how finely a feed address's last use is noted


class FeedToken(db.Model):
    """A person's feed address: the secret in it stands for them. Only its SHA-256 is stored."""

    __tablename__ = "feed_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


# --- The feed address -----------------------------------------------------------


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def live_token(user: User) -> FeedToken | None:
    """The person's feed address in use (not stopped), if they have one."""
    return db.session.scalar(
        select(FeedToken)
        .where(FeedToken.user_id == user.id, FeedToken.revoked_at.is_(None))
        .order_by(FeedToken.id.desc())
        .limit(1)
    )


def _stop_live(user: User, now: datetime) -> int:
    """Stop every live feed address of ``user``; how many there were."""
    result = db.session.execute(
        update(FeedToken)
        .where(FeedToken.user_id == user.id, FeedToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def make_feed_token(user: User, now: datetime) -> str:
    """A new feed address secret for ``user``; their old address stops working.

    Returns the secret itself, which is never stored: show it once.
    """
    _stop_live(user, now)
    raw = FEED_TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(FeedToken(user_id=user.id, token_hash=_hash(raw), created_at=now))
    db.session.flush()
    activity.record(user, "auth.feed_address_made", now, subject=user, visibility=SECURITY)
    return raw


def stop_feeds(user: User, now: datetime) -> bool:
    """Stop the person's feed address: every feed reader using it gets "not found". False when none was live."""
    stopped = _stop_live(user, now)
    db.session.flush()
    if stopped:
        activity.record(user, "auth.feeds_stopped", now, subject=user, visibility=SECURITY)
    return bool(stopped)


def owner_of(raw: str, now: datetime) -> User | None:
    """The person a feed address stands for, or None: unknown, stopped, or its owner deactivated.

    Each of those answers the same, so a reader cannot tell which. A use is noted
    (``last_used_at``) so the owner can see their feeds are being read.
    """
    if not raw or not raw.startswith(FEED_TOKEN_PREFIX) or len(raw) > 200:
        return None
    digest = _hash(raw)
    token = db.session.scalar(select(FeedToken).where(FeedToken.token_hash == digest))
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if token.revoked_at is not None or not token.user.active:
        return None
    # Noted at most every few minutes: a reader polling often should not write on every fetch.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        token.last_used_at = now
        db.session.flush()
    return token.user


# --- Feeds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of a feed; ``path`` and ``anchor`` are made absolute to the hub by the view."""

    key: str  # unique in the hub and stable: the entry's Atom id after the hub's address
    title: str
    path: str
    updated: datetime
    author: str
    summary: str
    content: Markup
    published: datetime | None = None


@dataclass(frozen=True)
class Feed:
    key: str  # the feed's Atom id after the hub's address (no secret in it)
    title: str
    subtitle: str
    path: str  # the page the feed follows
    entries: list[Entry]
    fallback_updated: datetime  # when it has no entries

    @property
    def updated(self) -> datetime:
        return max((e.updated for e in self.entries), default=self.fallback_updated)


def _idea_content(idea: Idea) -> Markup:
    parts = [(_("The problem"), idea.problem), (_("The idea"), idea.proposal), (_("What it would bring"), idea.benefit)]
    html = Markup("")
    for heading, text in parts:
        if text:
            html += Markup("<h3>{}</h3>").format(heading) + render_markdown(text)
    return html


def _idea_entry(idea: Idea) -> Entry:
    return Entry(
        key=f"/ideas/{idea.id}",
        title=idea.title,
        path=f"/ideas/{idea.id}",
        updated=idea.updated_at or idea.created_at,
        published=idea.created_at,
        author=idea.author.name,
        summary=excerpt(idea.problem, SUMMARY_LENGTH),
        content=_idea_content(idea),
    )


def board_feed(owner: User, args: Mapping, fallback: datetime) -> Feed:
    """The newest ideas on the board matching the board's filters in ``args``, newest first.

    The filters are read by the board's own parser (``ideas.queries``), as the
    owner: ``mine=1`` is the owner's ideas, ``supported=1`` those they support.
    ``stage`` narrows to one stage. Hidden, withdrawn and merged ideas are never listed.
    """
    filters = idea_queries.posted_range_from_args(
        idea_queries.filters_from_args(args, strict=False, viewer_id=owner.id), args
    )
    stage = (args.get("stage") or "").strip() or None
    ideas, _total = idea_queries.list_ideas(replace(filters, sort="new"), stage, 1, FEED_SIZE)
    query = filters.query_args(sort=None)
    if stage:
        query["stage"] = stage
    board = "/ideas/" + ("?" + urlencode(sorted(query.items())) if query else "")
    return Feed(
        key=board,
        title=_("New ideas (filtered)") if query else _("New ideas"),
        subtitle=_("Ideas matching your filters, newest first.") if query else _("Every idea on the board, newest first."),
        path=board,  # the board with the same filters
        entries=[_idea_entry(idea) for idea in ideas],
        fallback_updated=fallback,
    )


def _visible_responses(idea_id: int) -> list[Response]:
    """The idea's responses a member can read: neither hidden nor replying to a hidden one."""
    responses = idea_queries.responses_of(idea_id)
    hidden = {r.id for r in responses if r.hidden_at is not None}
    return [r for r in responses if r.id not in hidden and r.parent_id not in hidden]


def _response_content(response: Response) -> Markup:
    html = render_markdown(response.body)
    if response.suggestion:
        html += Markup("<h3>{}</h3>").format(_("What they suggest")) + render_markdown(response.suggestion)
    if response.hours:
        html += Markup("<p>{}</p>").format(_("Offers %(hours)s hours of help.", hours=format(response.hours, "g")))
    return html


# How each kind of response reads as an entry's title: "Grace Mensah offers help with “…”".
RESPONSE_TITLES = {
    ResponseKind.BUILD: _l("%(name)s builds on “%(title)s”"),
    ResponseKind.QUESTION: _l("%(name)s asks about “%(title)s”"),
    ResponseKind.CONCERN: _l("%(name)s raises a concern about “%(title)s”"),
    ResponseKind.OFFER: _l("%(name)s offers help with “%(title)s”"),
}


def _response_title(response: Response, idea: Idea) -> str:
    if response.parent_id is not None:
        return _("%(name)s replied on “%(title)s”", name=response.author.name, title=idea.title)
    return str(RESPONSE_TITLES[ResponseKind(response.kind)]) % {"name": response.author.name, "title": idea.title}


def idea_feed(owner: User, idea_id: int) -> Feed:
    """An idea's activity and its visible responses, newest first.

    A hidden idea has no feed (``NotFound``, as an unknown one). The activity is
    what the idea's page shows its owner: moderators also read the moderators'
    entries (reports). A response's own entry carries its text, so the activity's
    "responded" lines are left out.
    """
    idea = get_idea(idea_id)
    if idea.hidden_at is not None:
        raise NotFound(_("There is no idea with that number."))
    path = f"/ideas/{idea.id}"
    entries: list[Entry] = []
    for response in _visible_responses(idea.id):
        entries.append(Entry(
            key=f"{path}#response-{response.id}",
            title=_response_title(response, idea),
            path=f"{path}#response-{response.id}",
            updated=response.edited_at or response.created_at,
            published=response.created_at,
            author=response.author.name,
            summary=excerpt(response.body, SUMMARY_LENGTH),
            content=_response_content(response),
        ))
    steps = [
        e for e in idea_queries.idea_activity(idea.id, include_moderators=can_moderate(owner), limit=FEED_SIZE)
        if e.action != "response.added"
    ]
    for line in wording.describe_all(steps, here=("idea", idea.id)):
        entry = line.entry
        said = f"{line.actor} {line.text}"
        content = Markup("<p>{} {}</p>").format(line.actor, line.html)
        if entry.reason:
            content += Markup("<p>{}</p>").format(entry.reason)
        if entry.action == "idea.posted":
            content += _idea_content(idea)
        entries.append(Entry(
            key=f"{path}#activity-{entry.id}",
            title=_("%(said)s (“%(title)s”)", said=said, title=idea.title),
            path=path,
            updated=entry.at,
            author=line.actor,
            summary=excerpt(f"{said}. {entry.reason or ''}", SUMMARY_LENGTH, markdown=False),
            content=content,
        ))
    return Feed(
        key=path,
        title=f"“{idea.title}”",
        subtitle=_("What happens to this idea and every response to it, newest first."),
        path=path,
        entries=_newest(entries),
        fallback_updated=idea.created_at,
    )


# A decision on a challenge's idea, as the entry's title says it (whole sentences: Welsh mutates).
OUTCOME_TITLES = {
    "take_forward": _l("“%(title)s” is taken forward"),
    "park": _l("“%(title)s” is parked"),
    "stop": _l("“%(title)s” is stopped"),
}
POST_TITLES = {
    "question": _l("Question from %(name)s"),
    "comment": _l("Something we know, from %(name)s"),
    "update": _l("Update from %(name)s"),
}


def challenge_feed(owner: User, challenge_id: int, now: datetime) -> Feed:
    """A challenge's ideas, questions, comments and updates, decisions and the start of each day, newest first.

    Ideas a moderator hid, and the updates on them, are left out.
    """
    challenge = get_challenge(challenge_id)
    path = f"/challenges/{challenge.id}"
    entries: list[Entry] = []
    hidden: set[int] = set()
    for item in challenge_queries.entries_of(challenge.id):
        idea = item.idea
        if idea.hidden_at is not None:
            hidden.add(idea.id)
            continue
        entries.append(Entry(
            key=f"{path}#entry-{idea.id}", title=_("Idea in the challenge: “%(title)s”", title=idea.title),
            path=f"/ideas/{idea.id}",
            updated=item.added_at, author=idea.author.name, summary=excerpt(idea.problem, SUMMARY_LENGTH),
            content=_idea_content(idea),
        ))
        if item.decided_at is not None and item.outcome in OUTCOME_TITLES:
            decider = item.decided_by.name if item.decided_by else _("The hub")
            content = Markup("<p>{}</p>").format(item.decision_reason or "")
            if item.learned:
                content += Markup("<h3>{}</h3>").format(_("What we learned")) + render_markdown(item.learned)
            entries.append(Entry(
                key=f"{path}#decision-{idea.id}", title=str(OUTCOME_TITLES[item.outcome]) % {"title": idea.title},
                path=f"{path}#entry-{idea.id}", updated=item.decided_at, author=decider,
                summary=excerpt(item.decision_reason or "", SUMMARY_LENGTH, markdown=False), content=content,
            ))
    for post in challenge_queries.posts_of(challenge.id):
        if post.idea_id in hidden:
            continue
        title = str(POST_TITLES.get(post.kind) or _l("Post from %(name)s")) % {"name": post.author.name}
        entries.append(Entry(
            key=f"{path}#post-{post.id}", title=title,
            path=f"{path}#entry-{post.idea_id}" if post.idea_id else f"{path}#discussion",
            updated=post.created_at, author=post.author.name, summary=excerpt(post.body, SUMMARY_LENGTH),
            content=render_markdown(post.body),
        ))
    entries.extend(_day_entries(challenge, now))
    return Feed(
        key=path,
        title=_("Challenge: %(title)s", title=challenge.title),
        subtitle=challenge.question,
        path=path,
        entries=_newest(entries),
        fallback_updated=challenge.created_at,
    )


def _day_entries(challenge, now: datetime) -> list[Entry]:
    """An entry for each day of the sprint that has begun, and one when it has finished."""
    sprint = clock_of(challenge, now)
    zone = ZoneInfo(challenge.timezone)
    path = f"/challenges/{challenge.id}"
    sponsor = challenge.sponsor.name if challenge.sponsor else _("The hub")
    entries = []
    for number, day in enumerate(sprint.dates, start=1):
        begins = datetime.combine(day, time(0), tzinfo=zone)
        if begins > now:
            break
        phase = challenge_rules.DAY_PHASES[number]
        title = _("Day %(day)s of “%(title)s”: %(phase)s", day=number, title=challenge.title,
                  phase=str(challenge_rules.PHASE_TITLES[phase]))
        purpose = str(challenge_rules.PURPOSES[phase])
        entries.append(Entry(
            key=f"{path}#day-{number}", title=title, path=path, updated=begins, author=sponsor,
            summary=purpose, content=Markup("<p>{}</p>").format(purpose),
        ))
    if sprint.phase == challenge_rules.FINISHED:
        ended = datetime.combine(sprint.ends_on + timedelta(days=1), time(0), tzinfo=zone)
        purpose = str(challenge_rules.PURPOSES[challenge_rules.FINISHED])
        entries.append(Entry(
            key=f"{path}#finished", title=_("“%(title)s” has finished", title=challenge.title), path=f"{path}/summary",
            updated=ended, author=sponsor, summary=purpose, content=Markup("<p>{}</p>").format(purpose),
        ))
    return entries


def _newest(entries: list[Entry]) -> list[Entry]:
    """Newest first (the key breaking ties, so the order is stable), at most ``FEED_SIZE``."""
    return sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:FEED_SIZE]
