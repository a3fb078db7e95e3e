"""Keeping the monthly roll-ups in step with supports and responses.

The roll-ups listen to the ideas' and the hearing's events (support added
or withdrawn, response added, hidden or unhidden, ideas merged) in the
transaction that announces them. Each adds (or, with ``delta=-1``, takes
back) one contribution with an atomic upsert: two people supporting at once
both count. Months are calendar months in UTC.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import select

from ideashub.core import events
from ideashub.core.db import dialect_insert
from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.insights.models import GiverMonth, TeamFlow

BUILD_KINDS = {"build", "offer"}


def month_of(moment: datetime) -> date:
    moment = moment.astimezone(UTC)
    return date(moment.year, moment.month, 1)


def _flow(month: date, from_team: int, to_team: int, supports: int = 0, responses: int = 0) -> None:
    stmt = dialect_insert(TeamFlow).values(
        month=month, from_team_id=from_team, to_team_id=to_team, supports=supports, responses=responses
    )
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=["month", "from_team_id", "to_team_id"],
            set_={"supports": TeamFlow.supports + supports, "responses": TeamFlow.responses + responses},
        )
    )


def _giver(month: date, user_id: int, supports: int = 0, builds: int = 0, offers: int = 0) -> None:
    stmt = dialect_insert(GiverMonth).values(month=month, user_id=user_id, supports=supports, builds=builds, offers=offers)
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=["month", "user_id"],
            set_={
                "supports": GiverMonth.supports + supports,
                "builds": GiverMonth.builds + builds,
                "offers": GiverMonth.offers + offers,
            },
        )
    )


def count_support(user_id: int, from_team: int | None, to_team: int, at: datetime, delta: int = 1) -> None:
    """One support given (or taken back) by a person of ``from_team`` to an idea of ``to_team``."""
    if from_team is None:
        return
    month = month_of(at)
    _flow(month, from_team, to_team, supports=delta)
    if from_team != to_team:
        _giver(month, user_id, supports=delta)


def count_response(user_id: int, from_team: int | None, to_team: int, kind: str, at: datetime, delta: int = 1) -> None:
    """One response by someone other than the author (or taken back, when hidden)."""
    if from_team is None:
        return
    month = month_of(at)
    _flow(month, from_team, to_team, responses=delta)
    if from_team != to_team and kind in BUILD_KINDS:
        _giver(month, user_id, builds=delta if kind == "build" else 0, offers=delta if kind == "offer" else 0)


# --- Listeners ----------------------------------------------------------------------------------


@events.support_added.connect
def _support_added(event: events.Event) -> None:
    count_support(event.actor.id, event.context["team_id"], event.subject.team_id, event.at)


@events.support_withdrawn.connect
def _support_withdrawn(event: events.Event) -> None:
    ctx = event.context
    count_support(event.actor.id, ctx["team_id"], event.subject.team_id, ctx["supported_at"], delta=-1)


def _response_counted(response, idea, delta: int) -> None:
    """A response by someone other than the author counts in the roll-ups while it is visible."""
    if response.author_id != idea.author_id:
        count_response(response.author_id, response.team_id, idea.team_id, response.kind, response.created_at, delta)


@events.response_added.connect
def _response_added(event: events.Event) -> None:
    _response_counted(event.subject, event.context["idea"], 1)


@events.response_hidden.connect
def _response_hidden(event: events.Event) -> None:
    _response_counted(event.subject, event.context["idea"], -1)


@events.response_unhidden.connect
def _response_unhidden(event: events.Event) -> None:
    _response_counted(event.subject, event.context["idea"], 1)


@events.idea_merged.connect
def _merged(event: events.Event) -> None:
    """The duplicate's support now flows to the target's team instead of the duplicate's."""
    source, target = event.subject, event.context["target"]
    for user_id, team_id, at in event.context["supports_moved"]:
        count_support(user_id, team_id, source.team_id, at, delta=-1)
    for user_id, team_id, at in event.context["supports_joined"]:
        count_support(user_id, team_id, target.team_id, at)


@events.rows_imported.connect
def _imported(_sender, supports=(), responses=()) -> None:
    """An import's supports and responses, counted as if each had been given on its day: added up
    per month and team first, so a board of thousands costs a statement per month and team."""
    ideas = {i for _, _, i, *_ in [*supports, *responses]}
    if not ideas:
        return
    of = {row.id: (row.team_id, row.author_id) for row in db.session.execute(
        select(Idea.id, Idea.team_id, Idea.author_id).where(Idea.id.in_(ideas)))}
    flows: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    givers: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for user_id, team_id, idea_id, at in supports:
        to_team = of[idea_id][0]
        if team_id is not None:
            flows[(month_of(at), team_id, to_team)][0] += 1
            if team_id != to_team:
                givers[(month_of(at), user_id)][0] += 1
    for user_id, team_id, idea_id, kind, at in responses:
        to_team, author_id = of[idea_id]
        if team_id is None or user_id == author_id:
            continue
        flows[(month_of(at), team_id, to_team)][1] += 1
        if team_id != to_team and kind in BUILD_KINDS:
            givers[(month_of(at), user_id)][1 if kind == "build" else 2] += 1
    for (month, from_team, to_team), (s, r) in sorted(flows.items()):
        _flow(month, from_team, to_team, supports=s, responses=r)
    for (month, user_id), (s, b, o) in sorted(givers.items()):
        _giver(month, user_id, supports=s, builds=b, offers=o)
