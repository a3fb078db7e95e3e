"""CSV exports, streamed row by row so a hundred thousand ideas never sit in memory at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ideashub.core import clock
from ideashub.core.csvfile import BOM, csv_line, safe_cell
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.ideas.models import STAGE_LABELS, Idea
from ideashub.insights.queries import Matrix, Scope
from ideashub.people.models import Organisation, Team, User

# The API's file keeps the column names its document promises (programs read them);
# the file people download from the insights page has headings in words.
IDEA_COLUMNS = [
    "id", "title", "stage", "team", "organisation", "author", "supporters",
    "supporting_teams", "responses", "created", "decided", "reason",
]
IDEA_HEADINGS = [
    _l("Idea number"), _l("Title"), _l("Stage"), _l("Team"), _l("Organisation"), _l("Author"), _l("Supporters"),
    _l("Teams supporting it"), _l("Responses"), _l("Posted"), _l("Decided"), _l("Reason for the decision"),
]


# One way of writing a cell for every export (core.csvfile); ``safe_cell`` stays importable from here.
_line = csv_line
__all__ = ["IDEA_COLUMNS", "ideas_csv", "matrix_csv", "safe_cell"]


def _iso(moment: datetime | None) -> str:
    return moment.isoformat().replace("+00:00", "Z") if moment else ""


def _local(moment: datetime | None) -> str:
    return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def ideas_csv(scope: Scope, now: datetime, for_programs: bool = False) -> Iterator[str]:
    """One row per idea in the scope, oldest first: for people, headed in words, stages by
    their labels and times in the organisation's time zone; ``for_programs`` (the API), by
    the documented column names, codes and UTC."""
    if for_programs:
        headings = IDEA_COLUMNS
    else:
        zone = clock.org_timezone().key
        headings = [*(str(h) for h in IDEA_HEADINGS[:9]), _("Posted (%(zone)s time)", zone=zone),
                    _("Decided (%(zone)s time)", zone=zone), str(IDEA_HEADINGS[11])]
    yield BOM + _line(headings)
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
        when = _iso if for_programs else _local
        values[9], values[10] = when(values[9]), when(values[10])
        if not for_programs:
            values[2] = str(STAGE_LABELS.get(values[2], values[2]))
        yield _line(values)


def matrix_csv(matrix: Matrix) -> Iterator[str]:
    """Supports given by each team (rows) to each team's ideas (columns)."""
    corner = _("Supports from the team in each row to the ideas of the team in each column")
    yield BOM + _line([corner, *[f"{t[1]} ({t[2]})" for t in matrix.teams]])
    for team, row in zip(matrix.teams, matrix.supports, strict=True):
        yield _line([f"{team[1]} ({team[2]})", *row])
