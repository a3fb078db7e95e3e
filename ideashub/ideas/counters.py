"""Every stored counter of an idea, in one module: its increment, its recount, its bulk derivation.

A card shows supporters, supporting teams, responders and the hearing
without an aggregate query, because these figures are stored on the idea.
Each is kept three ways, all here and all from the same definitions:

- **increment**: one atomic UPDATE in the transaction that adds or takes
  back the row it counts (a support, a response), under the idea's lock;
- **recount**: from the rows, for one idea, when rows change in bulk or
  stop counting (a merge, a hidden response);
- **bulk derivation**: from the rows, for every idea at once (seeding,
  a change of the hearing settings).

``heard_at`` is the moment the people half of the hearing rule
(``ideas.hearing.people_heard``) was met by visible responses under the
settings in force: it is derived from the responders' rows by one SQL
expression, so hiding, unhiding, merging or changing the settings can
never leave it saying "heard" where the card says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import case, delete, func, literal, or_, select, update
from sqlalchemy.orm import aliased

from ideashub.core import events
from ideashub.core.db import UTCDateTime, dialect_insert
from ideashub.extensions import db
from ideashub.ideas import rules
from ideashub.ideas.hearing import HearingSettings
from ideashub.ideas.models import Idea, IdeaResponder, IdeaTeamSupport, Response, Support

# --- Trend: a log-sum kept by atomic updates (see ideas.rules, trending) -----------------------


def _trend_plus(term: float):
    """SQL for log(exp(trend) + exp(term)), computed in the UPDATE itself."""
    t = Idea.trend
    return case(
        (t >= term, t + func.ln(1 + func.exp(term - t))),
        else_=term + func.ln(1 + func.exp(t - term)),
    )


def _trend_minus(term: float):
    """SQL for log(exp(trend) - exp(term)): takes back an event added earlier."""
    t = Idea.trend
    rest = 1 - func.exp(term - t)
    return t + func.ln(case((rest > 1e-12, rest), else_=1e-12))


# What this module writes on an idea; after a write only these are read again, so the
# idea's text, author and tags stay loaded for whoever reads them next (listeners do).
STORED = (
    "supporters_count", "supporting_teams_count", "cross_team_supporters_count", "responses_count",
    "responders_count", "other_team_responders_count", "first_response_at", "heard_at", "trend",
)


def _expire_counts(idea: Idea) -> None:
    db.session.expire(idea, STORED)


def _update_idea(idea_id: int, **values) -> None:
    db.session.execute(
        update(Idea).where(Idea.id == idea_id).values(**values).execution_options(synchronize_session=False)
    )


# --- Definitions, as SQL correlated to the idea -------------------------------------------------


def _other_team(team_column):
    """A contribution from outside the idea's team (someone without a team counts as outside)."""
    return or_(team_column != Idea.team_id, team_column.is_(None))


def heard_at_sql(settings: HearingSettings):
    """SQL for ``heard_at``: when enough people, one from another team, had responded.

    That is the later of the ``min_responses``-th responder's first visible
    response and the first from another team's; NULL while either is missing.
    """
    if settings.min_responses <= 0:
        return Idea.created_at
    nth = aliased(IdeaResponder)
    other = aliased(IdeaResponder)
    nth_at = (
        select(nth.first_at)
        .where(nth.idea_id == Idea.id)
        .order_by(nth.first_at, nth.user_id)
        .limit(1)
        .offset(settings.min_responses - 1)
        .correlate(Idea)
        .scalar_subquery()
    )
    other_at = (
        select(func.min(other.first_at))
        .where(other.idea_id == Idea.id, _other_team(other.team_id))
        .correlate(Idea)
        .scalar_subquery()
    )
    return case(
        (or_(nth_at.is_(None), other_at.is_(None)), literal(None, UTCDateTime())),
        (nth_at >= other_at, nth_at),
        else_=other_at,
    )


def _responder_counts():
    """SQL for responders, other-team responders and the first response, from the responders' rows."""
    r = aliased(IdeaResponder)
    mine = r.idea_id == Idea.id
    return {
        "responders_count": select(func.count()).where(mine).correlate(Idea).scalar_subquery(),
        "other_team_responders_count": select(func.count())
        .where(mine, _other_team(r.team_id))
        .correlate(Idea)
        .scalar_subquery(),
        "first_response_at": select(func.min(r.first_at)).where(mine).correlate(Idea).scalar_subquery(),
    }


def _support_counts():
    """SQL for supporters, supporting teams and cross-team supporters, from the supports' rows."""
    s = aliased(Support)
    mine = s.idea_id == Idea.id
    return {
        "supporters_count": select(func.count()).where(mine).correlate(Idea).scalar_subquery(),
        "supporting_teams_count": select(func.count(func.distinct(s.team_id)))
        .where(mine, s.team_id.is_not(None))
        .correlate(Idea)
        .scalar_subquery(),
        "cross_team_supporters_count": select(func.count())
        .where(mine, _other_team(s.team_id))
        .correlate(Idea)
        .scalar_subquery(),
    }


def _visible_responses():
    r = aliased(Response)
    return select(func.count()).where(r.idea_id == Idea.id, r.hidden_at.is_(None)).correlate(Idea).scalar_subquery()


# --- Supports --------------------------------------------------------------------------------


def add_support(idea: Idea, actor, now: datetime) -> bool:
    """Count the actor's support of the (locked) idea; False when it was already there.

    The primary key (idea, person) makes a second support impossible; the
    insert that wins is the only one that moves the counts.
    """
    inserted = db.session.execute(
        dialect_insert(Support)
        .values(idea_id=idea.id, user_id=actor.id, team_id=actor.team_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(Support.user_id)
    ).first()
    if inserted is None:
        return False
    new_team = 0
    if actor.team_id is not None:
        stmt = dialect_insert(IdeaTeamSupport).values(idea_id=idea.id, team_id=actor.team_id, supporters=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=["idea_id", "team_id"], set_={"supporters": IdeaTeamSupport.supporters + 1}
        ).returning(IdeaTeamSupport.supporters)
        new_team = int(db.session.execute(stmt).scalar_one() == 1)
    _update_idea(
        idea.id,
        supporters_count=Idea.supporters_count + 1,
        supporting_teams_count=Idea.supporting_teams_count + new_team,
        cross_team_supporters_count=Idea.cross_team_supporters_count + int(actor.team_id != idea.team_id),
        trend=_trend_plus(rules.trend_term(now, "support")),
    )
    _expire_counts(idea)
    return True


def remove_support(idea: Idea, user_id: int) -> tuple[int | None, datetime] | None:
    """Take back a person's support of the (locked) idea: their team and when they had supported, or None."""
    deleted = db.session.execute(
        Support.__table__.delete()
        .where(Support.idea_id == idea.id, Support.user_id == user_id)
        .returning(Support.team_id, Support.created_at)
    ).first()
    if deleted is None:
        return None
    team_id, supported_at = deleted
    gone_team = 0
    if team_id is not None:
        left = db.session.execute(
            update(IdeaTeamSupport)
            .where(IdeaTeamSupport.idea_id == idea.id, IdeaTeamSupport.team_id == team_id)
            .values(supporters=IdeaTeamSupport.supporters - 1)
            .returning(IdeaTeamSupport.supporters)
            .execution_options(synchronize_session=False)
        ).scalar_one()
        gone_team = int(left == 0)
    _update_idea(
        idea.id,
        supporters_count=Idea.supporters_count - 1,
        supporting_teams_count=Idea.supporting_teams_count - gone_team,
        cross_team_supporters_count=Idea.cross_team_supporters_count - int(team_id != idea.team_id),
        trend=_trend_minus(rules.trend_term(supported_at, "support")),
    )
    _expire_counts(idea)
    return team_id, supported_at


def _only(column, idea_id: int | None, ideas: list[int] | None) -> list:
    """The condition for one idea, for a list of ideas, or (both None) for every idea."""
    if ideas is not None:
        return [column.in_(ideas)]
    return [] if idea_id is None else [column == idea_id]


def _rebuild_team_supports(idea_id: int | None = None, ideas: list[int] | None = None) -> None:
    """The per-team tallies of one idea (or of ``ideas``, or with neither of every idea), from the supports."""
    db.session.execute(delete(IdeaTeamSupport).where(*_only(IdeaTeamSupport.idea_id, idea_id, ideas)))
    db.session.execute(
        IdeaTeamSupport.__table__.insert().from_select(
            ["idea_id", "team_id", "supporters"],
            select(Support.idea_id, Support.team_id, func.count())
            .where(Support.team_id.is_not(None), *_only(Support.idea_id, idea_id, ideas))
            .group_by(Support.idea_id, Support.team_id),
        )
    )


def recount_supports(idea: Idea) -> None:
    """Recompute the (locked) idea's support counts and per-team tallies from its supports."""
    _rebuild_team_supports(idea.id)
    _update_idea(idea.id, **_support_counts())
    _expire_counts(idea)


# --- Responses and the hearing -------------------------------------------------------------------


def add_response(idea: Idea, response: Response, settings: Callable[[], HearingSettings]) -> None:
    """Count a new response on the (locked) idea; the author's own do not count for the hearing.

    ``settings`` gives the hearing settings in force; it is asked only when the response
    brings a new responder (the only case that can make the idea heard).
    """
    values = {
        "responses_count": Idea.responses_count + 1,
        "trend": _trend_plus(rules.trend_term(response.created_at, "response")),
    }
    if response.author_id != idea.author_id:
        new_responder = db.session.execute(
            dialect_insert(IdeaResponder)
            .values(idea_id=idea.id, user_id=response.author_id, team_id=response.team_id, first_at=response.created_at)
            .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
            .returning(IdeaResponder.user_id)
        ).first()
        if new_responder is not None:
            values.update(
                responders_count=Idea.responders_count + 1,
                other_team_responders_count=Idea.other_team_responders_count
                + int(response.team_id != idea.team_id),
                first_response_at=func.coalesce(Idea.first_response_at, literal(response.created_at, UTCDateTime())),
                heard_at=heard_at_sql(settings()),
            )
    _update_idea(idea.id, **values)
    _expire_counts(idea)


def _rebuild_responders(idea_id: int | None = None, ideas: list[int] | None = None) -> None:
    """The responders' rows of one idea (or of ``ideas``, or with neither of every idea), from visible
    responses by people other than the author: each person once, at their first response."""
    db.session.execute(delete(IdeaResponder).where(*_only(IdeaResponder.idea_id, idea_id, ideas)))
    db.session.execute(
        IdeaResponder.__table__.insert().from_select(
            ["idea_id", "user_id", "team_id", "first_at"],
            select(Response.idea_id, Response.author_id, func.min(Response.team_id), func.min(Response.created_at))
            .join(Idea, Idea.id == Response.idea_id)
            .where(
                Response.hidden_at.is_(None),
                Response.author_id != Idea.author_id,
                *_only(Response.idea_id, idea_id, ideas),
            )
            .group_by(Response.idea_id, Response.author_id),
        )
    )


def recount_responses(idea: Idea, settings: HearingSettings) -> None:
    """Recompute the (locked) idea's response counts and hearing from its visible responses.

    Hidden responses do not count: a moderator hiding abuse must not leave
    an idea looking heard, and unhiding it counts it again.
    """
    _rebuild_responders(idea.id)
    _update_idea(idea.id, responses_count=_visible_responses(), **_responder_counts(), heard_at=heard_at_sql(settings))
    _expire_counts(idea)


def rederive_hearing(settings: HearingSettings) -> None:
    """Every idea's ``heard_at`` under new hearing settings (one statement)."""
    db.session.execute(
        update(Idea).values(heard_at=heard_at_sql(settings)).execution_options(synchronize_session=False)
    )
    db.session.expire_all()


def derive_all(settings: HearingSettings) -> None:
    """Every stored count of every idea, from the rows (after a bulk load that wrote only rows)."""
    _rebuild_team_supports()
    _rebuild_responders()
    db.session.execute(
        update(Idea)
        .values(**_support_counts(), responses_count=_visible_responses(), **_responder_counts())
        .execution_options(synchronize_session=False)
    )
    rederive_hearing(settings)


def derive_for(idea_ids: list[int], settings: HearingSettings) -> None:
    """Every stored count of these ideas, from the rows (after a bulk load that wrote rows for them
    only, such as an import into a hub already in use: the other ideas are left alone)."""
    for start in range(0, len(idea_ids), 5_000):
        chunk = idea_ids[start:start + 5_000]
        _rebuild_team_supports(ideas=chunk)
        _rebuild_responders(ideas=chunk)
        db.session.execute(
            update(Idea).where(Idea.id.in_(chunk))
            .values(**_support_counts(), responses_count=_visible_responses(), **_responder_counts(),
                    heard_at=heard_at_sql(settings))
            .execution_options(synchronize_session=False)
        )
    db.session.expire_all()


@events.settings_changed.connect
def _hearing_settings_changed(event: events.Event) -> None:
    """New hearing settings: every idea's ``heard_at`` follows in the same transaction."""
    after = event.data["after"]
    rederive_hearing(HearingSettings(days=after["hearing_days"], min_responses=after["hearing_min_responses"]))


def mismatches(settings: HearingSettings) -> dict[str, int]:
    """How many ideas' stored counts differ from their derivation from the rows (all 0 when true).

    For checks after a bulk load or a restore (``seed-volume``, the benchmark), from the
    same definitions the services keep the counts by.
    """
    derived = {
        **_support_counts(),
        "responses_count": _visible_responses(),
        **_responder_counts(),
        "heard_at": heard_at_sql(settings),
    }
    found = {
        name: db.session.scalar(select(func.count()).select_from(Idea).where(getattr(Idea, name).is_distinct_from(expr)))
        for name, expr in derived.items()
    }
    tallied = (
        select(func.coalesce(func.sum(IdeaTeamSupport.supporters), 0))
        .where(IdeaTeamSupport.idea_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery()
    )
    found["team_table"] = db.session.scalar(select(func.count()).select_from(Idea).where(Idea.supporters_count != tallied))
    return found
