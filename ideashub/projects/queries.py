"""The transform wall and a project's page, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ideashub.core.activity import Activity
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.people.models import Team, User
from ideashub.projects.models import (
    STATUS_LABELS,
    Project,
    ProjectIdea,
    ProjectMember,
    ProjectUpdate,
)

WALL_LIMIT = 60


@dataclass(frozen=True)
class WallFilters:
    status: str | None = None
    organisation_id: int | None = None
    team_id: int | None = None
    q: str = ""


def filters_from_args(args: Mapping) -> WallFilters:
    status = args.get("status") or None
    if status not in STATUS_LABELS:
        status = None

    def number(name):
        return whole_number(args.get(name))

    return WallFilters(status, number("organisation"), number("team"), (args.get("q") or "").strip()[:100])


def wall(filters: WallFilters) -> list[Project]:
    """Projects with their ideas, teams and status, newest activity first."""
    q = select(Project).order_by(Project.updated_at.desc(), Project.id.desc()).limit(WALL_LIMIT)
    if filters.status:
        q = q.where(Project.status == filters.status)
    if filters.q:
        like = "%" + filters.q.replace("%", "").replace("_", "") + "%"
        q = q.where(or_(Project.name.ilike(like), Project.goal.ilike(like)))
    if filters.team_id or filters.organisation_id:
        team_ids = select(Team.id)
        if filters.team_id:
            team_ids = team_ids.where(Team.id == filters.team_id)
        if filters.organisation_id:
            team_ids = team_ids.where(Team.organisation_id == filters.organisation_id)
        q = q.where(
            or_(
                Project.id.in_(select(ProjectMember.project_id).where(ProjectMember.team_id.in_(team_ids))),
                Project.lead_id.in_(select(User.id).where(User.team_id.in_(team_ids))),
                Project.id.in_(
                    select(ProjectIdea.project_id)
                    .join(Idea, ProjectIdea.idea_id == Idea.id)
                    .where(Idea.team_id.in_(team_ids))
                ),
            )
        )
    return list(db.session.scalars(q).unique())


def latest_updates(project_ids: list[int]) -> dict[int, ProjectUpdate]:
    if not project_ids:
        return {}
    """Each project's newest update by the time it shows ("Latest: ... (2 days ago)"), the id breaking ties."""
    place = (
        func.row_number()
        .over(partition_by=ProjectUpdate.project_id, order_by=(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc()))
        .label("place")
    )
    ranked = select(ProjectUpdate.id, place).where(ProjectUpdate.project_id.in_(project_ids)).subquery()
    newest = select(ranked.c.id).where(ranked.c.place == 1)
    return {u.project_id: u for u in db.session.scalars(select(ProjectUpdate).where(ProjectUpdate.id.in_(newest))).unique()}


def updates_of(project_id: int) -> list[ProjectUpdate]:
    return list(
        db.session.scalars(select(ProjectUpdate).where(ProjectUpdate.project_id == project_id).order_by(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc())).unique()
    )


def activity_of(project_id: int, limit: int = 50) -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.subject_type == "project", Activity.subject_id == project_id, Activity.action != "project.update")
            .order_by(Activity.at.desc(), Activity.id.desc())
            .limit(limit)
        ).unique()
    )


def projects_of_idea(idea_id: int) -> list[Project]:
    return list(
        db.session.scalars(
            select(Project).join(ProjectIdea, ProjectIdea.project_id == Project.id).where(ProjectIdea.idea_id == idea_id)
        ).unique()
    )


def by_status() -> list[dict]:
    """How many projects in each status, and the protected hours they hold."""
    counts = dict(db.session.execute(select(Project.status, func.count()).group_by(Project.status)).all())
    hours = dict(
        db.session.execute(
            select(Project.status, func.coalesce(func.sum(ProjectMember.hours_per_week), 0))
            .join(ProjectMember, ProjectMember.project_id == Project.id)
            .group_by(Project.status)
        ).all()
    )
    return [
        {"status": status.value, "label": str(label), "projects": counts.get(status, 0), "hours_per_week": float(hours.get(status, 0))}
        for status, label in STATUS_LABELS.items()
    ]
