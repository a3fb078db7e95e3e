"""Projects made from ideas: a lead, members from any teams with protected hours, updates."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _l
from ideashub.core.wording import label_values
from ideashub.extensions import db


class Status(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    DELIVERED = "delivered"
    STOPPED = "stopped"


STATUS_LABELS = {
    Status.PROPOSED: _l("Proposed"),
    Status.ACTIVE: _l("Active"),
    Status.PAUSED: _l("Paused"),
    Status.DELIVERED: _l("Delivered"),
    Status.STOPPED: _l("Stopped"),
}
label_values("status", STATUS_LABELS)


class Project(db.Model):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    goal: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=Status.PROPOSED)
    lead_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when a sprint's day-5 decision made the project.
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id"))

    lead = relationship("User", foreign_keys=[lead_id], lazy="joined")
    members: Mapped[list[ProjectMember]] = relationship(lazy="selectin", order_by="ProjectMember.id")
    ideas = relationship("Idea", secondary="project_ideas", lazy="selectin", order_by="Idea.id")

    __table_args__ = (Index("ix_projects_status", "status", "id"),)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[Status(self.status)])

    @property
    def protected_hours(self) -> float:
        return sum(m.hours_per_week for m in self.members)

    @property
    def teams(self) -> list:
        seen, teams = set(), []
        for team in [self.lead.team, *[m.team for m in self.members]]:
            if team is not None and team.id not in seen:
                seen.add(team.id)
                teams.append(team)
        return teams


class ProjectIdea(db.Model):
    __tablename__ = "project_ideas"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)

    __table_args__ = (Index("ix_project_ideas_idea", "idea_id"),)


class ProjectMember(db.Model):
    """Someone working on a project, from any team, with the hours a week protected for it."""

    __tablename__ = "project_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    hours_per_week: Mapped[float] = mapped_column(Float)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user = relationship("User", lazy="joined")
    team = relationship("Team", lazy="joined")

    __table_args__ = (UniqueConstraint("project_id", "user_id"),)


class ProjectUpdate(db.Model):
    """An entry on a project's timeline, by its lead, a member or a moderator."""

    __tablename__ = "project_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    author = relationship("User", lazy="joined")

    __table_args__ = (Index("ix_project_updates_project", "project_id", "id"),)
