"""An idea's suggestions kept for a few minutes, for the pages that show them on every view.

The idea page shows its similar ideas and people who could help, and the moderators' Needs a
hearing queue three people for each of its first ideas; finding them reads the indexes and
scores dozens of candidates (tens of milliseconds an idea at 100,000 ideas). What is found for an
idea is kept for ``MATCHING_CACHE_SECONDS`` (in Redis when ``REDIS_URL`` is set, otherwise in the
worker's memory) under the idea's id and version, so an edited idea is matched afresh at once.

What must be true on every view is checked again when the kept ids are read back: an idea since
hidden, withdrawn or merged away is not shown, nor a person since deactivated, nor someone who
answered "not my area" or was invited in the meantime. Those lists are found with a few spare
places so that a filtered one still fills. The API always finds afresh (``engine``).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ideashub.core.cache import kept
from ideashub.core.i18n import language
from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.matching import engine
from ideashub.people.models import User

SPARE = 5  # found beyond the places shown, for those filtered out when read back
KEPT = 10  # found at least, so the page (5 people) and the queue (3) share one list


def _kept_size(limit: int) -> int:
    return max(limit + SPARE, KEPT)


def _seconds() -> int:
    return current_app.config["MATCHING_CACHE_SECONDS"]


def similar_to_idea(idea: Idea, *, limit: int = 5) -> list[engine.SimilarIdea]:
    """``engine.similar_to_idea``, kept for the idea's version."""
    if limit <= 0 or _seconds() <= 0:
        return engine.similar_to_idea(idea, limit=limit)

    def find() -> list:
        return [[m.idea.id, m.score, m.reason] for m in engine.similar_to_idea(idea, limit=size)]

    size = _kept_size(limit)
    found = kept(("similar", idea.id, idea.version, size, language()), find, _seconds())
    shown: list[engine.SimilarIdea] = []
    # The first ``limit`` are read; the spare ones only when some of those are no longer listed.
    for batch in (found[:limit], found[limit:]):
        if len(shown) >= limit or not batch:
            break
        # The panel shows each idea's title, stage and reason: nothing its author, team or tags say.
        ideas = {i.id: i for i in db.session.scalars(
            select(Idea).options(lazyload("*")).where(Idea.id.in_([f[0] for f in batch])))}
        shown += [engine.SimilarIdea(ideas[i], score, reason) for i, score, reason in batch
                  if i in ideas and ideas[i].is_listed and ideas[i].merged_into_id is None]
    return shown[:limit]


def helpers_for(idea: Idea, *, limit: int = 5, exclude_user_ids: Iterable[int] = ()) -> list[engine.Helper]:
    """``engine.helpers_for``, kept for the idea's version; those excluded, deactivated or who said
    "not my area" since are left out when read back."""
    if limit <= 0 or _seconds() <= 0:
        return engine.helpers_for(idea, limit=limit, exclude_user_ids=exclude_user_ids)

    def find() -> list:
        return [[h.user.id, h.score, h.reasons] for h in engine.helpers_for(idea, limit=size)]

    size = _kept_size(limit)
    found = kept(("helpers", idea.id, idea.version, size, language()), find, _seconds())
    skip = set(exclude_user_ids)
    wanted = [f for f in found if f[0] not in skip]
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_([f[0] for f in wanted]), User.active.is_(True),
                           User.id.not_in(engine.declined_query(idea))))}
    return [engine.Helper(users[i], score, reasons) for i, score, reasons in wanted if i in users][:limit]
