"""Similar ideas where people need them: while typing a new idea, on the idea page, when
merging, and when a parked or declined idea comes back in other words.

The ranking is the engine's (``matching.engine``); this module decides who sees what:

- ``similar_for_typing`` and ``similar_for_idea``: what the typing list, the check step,
  the idea page and the API show, each match with its stage, its reason, and for a parked
  or declined idea why and when to look again;
- **parked ideas come back**: when a new idea is posted (the ``idea.posted`` event, in the
  posting transaction) that is like a parked or declined idea, a ``SimilarNotice`` links
  the two; the old idea's author and the moderators are told in the bell (the author by
  email too, as news about their own idea), the old idea's page says so, and the idea
  moves to the top of the moderators' *Look again* list. Matching failing never stops an
  idea being posted: the work runs in a savepoint and a failure is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint, case, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core import events
from ideashub.core.db import UTCDateTime
from ideashub.core.errors import Invalid
from ideashub.core.i18n import _, format_moment, in_language
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.hearing.notifications import notify
from ideashub.ideas import rules as idea_rules
from ideashub.ideas.models import Idea, Stage
from ideashub.matching import engine, kept
from ideashub.people.models import User
from ideashub.people.permissions import MODERATOR_ROLES, can_see_hidden

log = logging.getLogger(__name__)

# Ideas that were not taken further: a new idea like one of them brings it back.
CAME_TO_REST = (Stage.PARKED, Stage.NOT_TAKEN_FORWARD)
LIMIT_MAX = 10  # at most this many similar ideas are asked for at once
TEXT_MAX = idea_rules.TEXT_MAX  # the longest problem the idea form takes
NOTIFY_KIND = "similar_posted"  # the old idea's author: emailed as news about their own idea
NOTIFY_KIND_MODERATORS = "similar_posted.moderators"  # the moderators: in the bell, and the Look again list


class SimilarNotice(db.Model):
    """A new idea was posted that is like an idea that was parked or not taken forward."""

    __tablename__ = "similar_notices"
    __table_args__ = (
        UniqueConstraint("old_idea_id", "new_idea_id", name="uq_similar_notices_old_new"),
        Index("ix_similar_notices_old", "old_idea_id", "created_at"),
        Index("ix_similar_notices_new", "new_idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    old_idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    new_idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    old_idea: Mapped[Idea] = relationship(foreign_keys=[old_idea_id])
    new_idea: Mapped[Idea] = relationship(foreign_keys=[new_idea_id], lazy="joined")


@dataclass(frozen=True)
class Match:
    """One similar idea as the pages and the page script show it."""

    idea: Idea
    score: float
    reason: str  # why the engine finds it similar, in words

    @property
    def stage_label(self) -> str:
        return self.idea.stage_label

    @property
    def came_to_rest(self) -> bool:
        """Parked or not taken forward: it shows its decision's reason and when to look again."""
        return self.idea.stage in CAME_TO_REST

    @property
    def decision_reason(self) -> str | None:
        return self.idea.decision_reason if self.came_to_rest else None

    @property
    def revisit_on(self) -> date | None:
        return self.idea.revisit_on if self.idea.stage == Stage.PARKED else None


def _refuse(field: str, message: str):
    raise Invalid(message, {field: message})


def check_text(title: str, problem: str = "") -> tuple[str, str]:
    """The typed title and problem, or ``Invalid`` naming the field: a title is needed, and
    neither may be longer than the idea form takes."""
    title, problem = (title or "").strip(), (problem or "").strip()
    if not title:
        _refuse("title", _("Type a title to look for similar ideas."))
    if len(title) > idea_rules.TITLE_MAX:
        _refuse("title", _("Use at most %(characters)s.", characters=plural(idea_rules.TITLE_MAX, "character", "characters")))
    if len(problem) > TEXT_MAX:
        _refuse("problem", _("Use at most %(characters)s.", characters=plural(TEXT_MAX, "character", "characters")))
    for name, text in (("title", title), ("problem", problem)):
        if "\x00" in text:
            _refuse(name, _("Contains a NUL character (\\0), which cannot be stored."))
    return title, problem


def check_limit(limit: int | None) -> int:
    """How many to ask for: 1 to ``LIMIT_MAX``, 5 when not given."""
    if limit is None:
        return 5
    if not 1 <= limit <= LIMIT_MAX:
        _refuse("limit", _("Ask for between %(low)s and %(high)s similar ideas.", low=1, high=LIMIT_MAX))
    return limit


def similar_for_typing(title: str, problem: str = "", *, limit: int | None = None) -> list[Match]:
    """Ideas like a new idea's typed title and problem, best first, above the engine's threshold."""
    title, problem = check_text(title, problem)
    return [Match(m.idea, m.score, m.reason) for m in engine.similar_ideas(title, problem, limit=check_limit(limit))]


def similar_for_idea(viewer, idea: Idea, *, limit: int | None = None, reuse: bool = False) -> list[Match]:
    """Ideas like ``idea`` (itself left out); none for a hidden idea the viewer may not read.
    With ``reuse`` (the idea page, the merge form), what was found for this version of the idea
    in the last ``MATCHING_CACHE_SECONDS`` (``kept``)."""
    limit = check_limit(limit)
    if idea.hidden_at is not None and not can_see_hidden(viewer):
        return []
    find = kept.similar_to_idea if reuse else engine.similar_to_idea
    return [Match(m.idea, m.score, m.reason) for m in find(idea, limit=limit)]


def safely(find, *args, **kwargs) -> list:
    """``find(...)``, or nothing when it fails: a panel of suggestions never breaks the page it is on.

    No savepoint (the idea page's statements are counted): on a failure the read-only
    transaction is rolled back, so PostgreSQL answers the rest of the page.
    """
    try:
        return find(*args, **kwargs)
    except Exception:  # suggestions are a convenience; the page still works without them
        log.exception("Finding similar ideas failed; the page is shown without them.")
        db.session.rollback()
        return []


# --- Parked ideas come back ------------------------------------------------------------------------


def notices_for(viewer, idea: Idea, limit: int = 5) -> list[SimilarNotice]:
    """The newer similar ideas posted since this idea came to rest, newest first (those the viewer
    can read); none once it is no longer parked or declined (and no query for the ideas that never were)."""
    if idea.stage not in CAME_TO_REST:
        return []
    query = (
        select(SimilarNotice).join(Idea, Idea.id == SimilarNotice.new_idea_id)
        .where(SimilarNotice.old_idea_id == idea.id)
        .order_by(SimilarNotice.created_at.desc(), SimilarNotice.id.desc()).limit(limit)
    )
    if not can_see_hidden(viewer):
        query = query.where(Idea.hidden_at.is_(None), Idea.withdrawn_at.is_(None))
    return list(db.session.scalars(query).unique())


def record_comebacks(idea: Idea, actor, now: datetime) -> list[SimilarNotice]:
    """Link ``idea`` (just posted) to the parked and declined ideas it is like, and tell their
    authors and the moderators. Returns the notices made."""
    found = [m for m in engine.similar_ideas(idea.title, idea.problem, limit=LIMIT_MAX, exclude=[idea.id])
             if m.idea.stage in CAME_TO_REST]
    if not found:
        return []
    moderators = list(db.session.execute(
        select(User.id, User.language).where(User.role.in_(MODERATOR_ROLES), User.active.is_(True))))
    made = []
    for match in found:
        old = match.idea
        notice = SimilarNotice(old_idea_id=old.id, new_idea_id=idea.id, created_at=now)
        db.session.add(notice)
        made.append(notice)
        with in_language(getattr(old.author, "language", None)):
            text = _("%(name)s posted “%(title)s”, an idea like yours, “%(old)s”, which %(state)s. "
                     "A moderator may look at yours again; you could build on the new one.",
                     name=actor.name, title=idea.title, old=old.title, state=_rest_words(old))
        notify(old.author_id, NOTIFY_KIND, text, now, idea_id=idea.id, actor=actor)
        for moderator_id, moderator_language in moderators:
            with in_language(moderator_language):
                text = _("%(name)s posted “%(title)s”, like “%(old)s”, which %(state)s. "
                         "It is at the top of the Look again list.",
                         name=actor.name, title=idea.title, old=old.title, state=_rest_words(old))
            notify(moderator_id, NOTIFY_KIND_MODERATORS, text, now, idea_id=old.id, actor=actor)
    db.session.flush()
    return made


def _rest_words(idea: Idea) -> str:
    if idea.stage == Stage.PARKED:
        if idea.revisit_on:
            return _("was parked until %(date)s", date=format_moment(idea.revisit_on, "%-d %B %Y"))
        return _("was parked")
    return _("was not taken forward")


@events.idea_posted.connect
def _comes_back(event: events.Event) -> None:
    """A new idea like a parked or declined one brings it back (never failing the post)."""
    try:
        with db.session.begin_nested():
            record_comebacks(event.subject, event.actor, event.at)
    except Exception:  # posting an idea must not fail because matching did
        log.exception("Looking for parked ideas like a new idea failed; the idea is posted all the same.")


# --- The moderators' Look again list ---------------------------------------------------------------


@dataclass(frozen=True)
class LookAgain:
    idea: Idea
    notices: list[SimilarNotice]


LOOK_AGAIN_PAGE = 50


def look_again(page: int = 1) -> tuple[list[LookAgain], int]:
    """Parked and declined ideas (on the board), those with a newer similar idea first (the newest
    such idea first), then by the date to look again (soonest first; declined ideas, which have
    none, last). Returns one page of them and how many there are in all."""
    latest = (
        select(SimilarNotice.old_idea_id, func.max(SimilarNotice.created_at).label("latest"))
        .group_by(SimilarNotice.old_idea_id).subquery()
    )
    where = (Idea.stage.in_([s.value for s in CAME_TO_REST]), Idea.hidden_at.is_(None), Idea.withdrawn_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(Idea).where(*where))
    rows = db.session.scalars(
        select(Idea).outerjoin(latest, latest.c.old_idea_id == Idea.id).where(*where)
        .order_by(
            case((latest.c.latest.is_(None), 1), else_=0),
            latest.c.latest.desc(),
            case((Idea.revisit_on.is_(None), 1), else_=0),
            Idea.revisit_on,
            Idea.id,
        )
        .offset((page - 1) * LOOK_AGAIN_PAGE).limit(LOOK_AGAIN_PAGE)
    ).unique().all()
    by_idea: dict[int, list[SimilarNotice]] = {idea.id: [] for idea in rows}
    if by_idea:
        for notice in db.session.scalars(
            select(SimilarNotice).join(Idea, Idea.id == SimilarNotice.new_idea_id)
            .where(SimilarNotice.old_idea_id.in_(by_idea), Idea.hidden_at.is_(None), Idea.withdrawn_at.is_(None))
            .order_by(SimilarNotice.created_at.desc(), SimilarNotice.id.desc())
        ).unique():
            by_idea[notice.old_idea_id].append(notice)
    return [LookAgain(idea, by_idea[idea.id]) for idea in rows], total

