"""Keeping the monthly roll-ups in step with supports and responses.

Each function adds (or, with ``delta=-1``, takes back) one contribution with
an atomic upsert: two people supporting at once both count. Months are
calendar months in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ideashub.core.db import dialect_insert
from ideashub.extensions import db
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
