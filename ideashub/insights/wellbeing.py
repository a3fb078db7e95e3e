"""The insights by well-being goal (the Well-being of Future Generations (Wales) Act 2015).

For each of the seven goals, over the ideas in a scope (the dashboard's period, organisation,
team, tag): how many ideas are linked to it, the supports they hold (the sum of their
supporters), and how many of them have had a decision, that is, have moved on from *Being
heard* to another column of the board (shortlisted, in a project, delivered, parked or not
taken forward). One GROUP BY query. Only when the hub shows the goals (``WELLBEING_GOALS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from ideashub.core.csvfile import csv_rows
from ideashub.core.i18n import _l
from ideashub.extensions import db
from ideashub.ideas import wellbeing
from ideashub.ideas.models import BOARD_STAGES, Idea, Stage
from ideashub.ideas.wellbeing import IdeaWellbeing
from ideashub.insights.queries import Scope

# An idea has had a decision once it has left Being heard for another column of the board.
DECIDED_STAGES = tuple(stage.value for stage in BOARD_STAGES if stage != Stage.BEING_HEARD)

CSV_HEADINGS = (
    _l("Well-being goal"), _l("Code"), _l("Ideas"), _l("Supports"), _l("Decisions"),
)


@dataclass(frozen=True)
class GoalFigures:
    code: str
    ideas: int = 0
    supports: int = 0
    decisions: int = 0

    @property
    def label(self) -> str:
        return wellbeing.label(wellbeing.GOAL, self.code)


def by_goal(scope: Scope, now: datetime) -> list[GoalFigures]:
    """Each goal's ideas, supports and decisions in the scope, in the Act's order (zeros included)."""
    decided = func.sum(case((Idea.stage.in_(DECIDED_STAGES), 1), else_=0))
    rows = db.session.execute(
        select(IdeaWellbeing.code, func.count(Idea.id), func.coalesce(func.sum(Idea.supporters_count), 0), decided)
        .join(Idea, Idea.id == IdeaWellbeing.idea_id)
        .where(IdeaWellbeing.kind == wellbeing.GOAL, *scope.idea_conditions(now))
        .group_by(IdeaWellbeing.code)
    )
    found = {code: GoalFigures(code, int(n or 0), int(s or 0), int(d or 0)) for code, n, s, d in rows}
    return [found.get(code, GoalFigures(code)) for code in wellbeing.GOALS]


def goals_csv(figures: list[GoalFigures]) -> Iterator[str]:
    """The figures by goal as a CSV file, headed in the page's language."""
    headings = [str(h) for h in CSV_HEADINGS]
    return csv_rows(headings, [[f.label, f.code, f.ideas, f.supports, f.decisions] for f in figures])


def filename(today) -> str:
    return f"wellbeing-goals-{today.isoformat()}.csv"
