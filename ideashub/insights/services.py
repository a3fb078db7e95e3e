"""The executive view put together: every figure for one scope, for the page, the API and the digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from ideashub.challenges import queries as challenge_queries
from ideashub.challenges import services as challenges
from ideashub.challenges.models import ChallengeEntry
from ideashub.core import cache, events
from ideashub.extensions import db
from ideashub.ideas.queries import load_cards
from ideashub.ideas.services import hearing_settings
from ideashub.insights import queries
from ideashub.insights.queries import Scope
from ideashub.projects import queries as project_queries


def challenge_outcomes(now: datetime) -> dict:
    """Running and finished challenges, with how many ideas each had and what was decided."""
    groups = challenge_queries.all_challenges(challenges.clock_of, now)
    ids = [item.challenge.id for key in ("running", "finished") for item in groups[key]]
    outcomes: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        rows = db.session.execute(
            select(ChallengeEntry.challenge_id, ChallengeEntry.outcome, func.count())
            .where(ChallengeEntry.challenge_id.in_(ids), ChallengeEntry.outcome.is_not(None))
            .group_by(ChallengeEntry.challenge_id, ChallengeEntry.outcome)
        )
        for challenge_id, outcome, n in rows:
            outcomes[challenge_id][outcome] = n
    return {
        key: [{"item": item, "outcomes": outcomes.get(item.challenge.id, {})} for item in groups[key]]
        for key in ("running", "finished")
    }


def _figures(scope: Scope, settings, now: datetime) -> tuple[dict, datetime]:
    """The aggregates that scan many ideas, reused for INSIGHTS_CACHE_SECONDS (plain data only)."""

    def compute() -> dict:
        groups = queries.idea_groups(scope, settings, now)
        return {
            "pipeline": queries.pipeline_from(groups),
            "hearing": queries.hearing_from(scope, groups, now),
            "participation": queries.participation(scope, now, groups),
            "trend": queries.monthly_trend(scope, now),
            "giver_rows": queries.giver_rows(scope, now),
            "matrix": queries.matrix(scope, now).as_data(),
            "projects": project_queries.by_status(),
        }

    return cache.remember(("dashboard", scope.args(), settings.days, settings.min_responses), compute, now)


def dashboard(scope: Scope, now: datetime) -> dict:
    """Every figure of the insights page for ``scope``."""
    settings = hearing_settings()
    figures, as_of = _figures(scope, settings, now)
    matrix = queries.Matrix.from_data(figures["matrix"])
    # The lists stay live (an idea posted or hidden a minute ago shows as it is now): their
    # ids are four small indexed queries, and the ideas behind them one load.
    top_ids = {by: queries.top_idea_ids(scope, by, now, limit=5) for by in queries.TOP_BY}
    decision_ids = queries.decision_ids(scope, now)
    shown = load_cards([i for ids in (*top_ids.values(), decision_ids) for i in ids])

    def ideas(ids: list[int]) -> list:
        return [shown[i] for i in ids if i in shown]

    return {
        "scope": scope,
        "settings": settings,
        "as_of": as_of,
        "pipeline": figures["pipeline"],
        "hearing": figures["hearing"],
        "top": ideas(top_ids["support"]),
        "top_cross_team": ideas(top_ids["cross_team"]),
        "trending": ideas(top_ids["trending"]),
        "decisions": ideas(decision_ids),
        "matrix": matrix,
        "participation": figures["participation"],
        "givers": queries.givers_from_rows(figures["giver_rows"]),
        "trend": figures["trend"],
        "challenges": challenge_outcomes(now),
        "projects": figures["projects"],
    }


def _figures_follow_events(event: events.Event) -> None:
    """Whatever a domain event changed, the cached figures are recomputed after it commits."""
    cache.mark_stale(cache.FIGURES)


events.announced.connect(_figures_follow_events, weak=False)
