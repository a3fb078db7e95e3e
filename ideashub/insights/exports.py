"""CSV exports, streamed row by row so a hundred thousand ideas never sit in memory at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.insights.queries import Matrix, Scope
from ideashub.people.models import Organisation, Team, User

IDEA_COLUMNS = [
    "id", "title", "stage", "team", "organisation", "author", "supporters",
    "supporting_teams", "responses", "created", "decided", "reason",
]


def safe_cell(value) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    return buffer.getvalue()


def _iso(moment: datetime | None) -> str:
    return moment.isoformat().replace("+00:00", "Z") if moment else ""


def ideas_csv(scope: Scope, now: datetime) -> Iterator[str]:
    """One row per idea in the scope, oldest first."""
    yield "\ufeff" + _line(IDEA_COLUMNS)  # the byte-order mark makes Excel read UTF-8
    author = aliased(User)
    rows = db.session.execute(
        select(
            Idea.id, Idea.title, Idea.stage, Team.name, Organisation.name, author.name,
            Idea.supporters_count, Idea.supporting_teams_count, Idea.responses_count,
            Idea.created_at, Idea.decided_at, Idea.decision_reason,
        )
        .join(Team, Team.id == Idea.team_id)
        .join(Organisation, Organisation.id == Idea.organisation_id)
        .join(author, author.id == Idea.author_id)
        .where(*scope.idea_conditions(now))
        .order_by(Idea.id)
        .execution_options(yield_per=1000)
    )
    for row in rows:
        values = list(row)
        values[9], values[10] = _iso(values[9]), _iso(values[10])
        yield _line(values)


def matrix_csv(matrix: Matrix) -> Iterator[str]:
    """Supports given by each team (rows) to each team's ideas (columns)."""
    yield "\ufeff" + _line(["from team \\ to team", *[f"{t[1]} ({t[2]})" for t in matrix.teams]])
    for team, row in zip(matrix.teams, matrix.supports, strict=True):
        yield _line([f"{team[1]} ({team[2]})", *row])
