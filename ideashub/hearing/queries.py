"""What moderators read: ideas that need a hearing, open reports, the moderators' log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from ideashub.core.activity import Activity, Period, newest_first
from ideashub.extensions import db
from ideashub.hearing.models import Report
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.hearing import HearingSettings
from ideashub.ideas.models import Idea, Stage


def needs_hearing(settings: HearingSettings, now: datetime, limit: int = 100) -> list[Idea]:
    """Ideas past their hearing days without enough people answering, oldest first."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(*idea_queries.needs_hearing(settings, now))
            .order_by(Idea.created_at.asc(), Idea.id.asc())
            .limit(limit)
        ).unique()
    )


def due_to_revisit(today: date, limit: int = 100) -> list[Idea]:
    """Parked ideas whose date to look again has come."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(Idea.is_listed, Idea.stage == Stage.PARKED, Idea.revisit_on <= today)
            .order_by(Idea.revisit_on.asc(), Idea.id.asc())
            .limit(limit)
        ).unique()
    )


def open_reports(limit: int = 200) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report).where(Report.resolved_at.is_(None)).order_by(Report.created_at.asc(), Report.id.asc()).limit(limit)
        ).unique()
    )


def recent_reports(limit: int = 50) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report).where(Report.resolved_at.is_not(None)).order_by(Report.resolved_at.desc(), Report.id.desc()).limit(limit)
        ).unique()
    )


def moderators_log(before_id: int | None = None, period: Period | None = None, limit: int | None = 50):
    """Moderator and admin decisions, newest first by the time shown (the id breaking ties),
    within ``period``; ``before_id`` continues after that entry. ``limit=None``: all of them,
    streamed (the CSV export)."""
    stmt = newest_first(select(Activity).where(Activity.moderation.is_(True)), before_id, period)
    if limit is None:
        return db.session.scalars(stmt.execution_options(yield_per=500))
    return list(db.session.scalars(stmt.limit(limit)))


def open_report_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Report).where(Report.resolved_at.is_(None)))
