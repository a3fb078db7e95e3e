"""The decision trail of an idea: everything a reader (or a Freedom of Information answer) needs
to see how it was decided, in one read: its versions, responses, support by team, the sprint
that weighed it, the projects that took it in, and every stage change and decision with who
took it, when and why (from the activity log).

Reads only; the idea's owners keep every fact (``ideas.queries`` for its parts, the activity
log for what happened).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ideashub.challenges.models import Challenge, ChallengeEntry
from ideashub.core.activity import PUBLIC, Activity
from ideashub.extensions import db
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.models import Idea, IdeaRevision, Response
from ideashub.people.models import User
from ideashub.people.permissions import can_moderate
from ideashub.projects.models import Project, ProjectIdea

# The moderators' lines are kept from members here as on the idea page.
MODERATORS = "moderators"


@dataclass(frozen=True)
class Trail:
    idea: Idea
    revisions: list[IdeaRevision]  # oldest first: each is the text before an edit
    responses: list[Response]  # oldest first
    teams: list[tuple[str, int]]  # (team, supporters), most first
    events: list[Activity]  # oldest first
    sprint: tuple[Challenge, ChallengeEntry] | None
    projects: list[Project]
    decided_by: User | None


def _events(idea_id: int, viewer) -> list[Activity]:
    visible = [PUBLIC, MODERATORS] if can_moderate(viewer) else [PUBLIC]
    return list(db.session.scalars(
        select(Activity).where(Activity.idea_id == idea_id, Activity.visibility.in_(visible))
        .order_by(Activity.at, Activity.id)
    ))


def trail_of(idea: Idea, viewer) -> Trail:
    """The trail of ``idea`` as ``viewer`` may read it (moderators also see the moderators' lines)."""
    sprint = db.session.execute(
        select(Challenge, ChallengeEntry).join(ChallengeEntry, ChallengeEntry.challenge_id == Challenge.id)
        .where(ChallengeEntry.idea_id == idea.id)
    ).first()
    projects = list(db.session.scalars(
        select(Project).join(ProjectIdea, ProjectIdea.project_id == Project.id)
        .where(ProjectIdea.idea_id == idea.id).order_by(Project.created_at, Project.id)
    ))
    return Trail(
        idea=idea,
        revisions=list(reversed(idea_queries.revisions_of(idea.id))),
        responses=idea_queries.responses_of(idea.id),
        teams=idea_queries.supporting_teams(idea.id),
        events=_events(idea.id, viewer),
        sprint=tuple(sprint) if sprint else None,
        projects=projects,
        decided_by=db.session.get(User, idea.decided_by_id) if idea.decided_by_id else None,
    )
