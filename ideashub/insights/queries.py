"""Every figure of the executive view, each one aggregate query in the database.

Nothing here loads rows to count them in Python: ideas are counted by
GROUP BY on indexed columns, and everything about supports and responses
comes from the monthly roll-ups (``team_flows``, ``giver_months``), which
hold a few rows per team pair or person per month.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Float, and_, case, cast, func, literal, select

from ideashub.challenges.models import ChallengeEntry
from ideashub.core.errors import ServiceError
from ideashub.core.i18n import _, _l
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.hearing import HearingSettings
from ideashub.ideas.models import BOARD_STAGES, CLOSING_STAGES, Idea, IdeaTag, Stage, Tag
from ideashub.ideas.queries import load_cards
from ideashub.insights.models import GiverMonth, TeamFlow
from ideashub.insights.rollups import month_of
from ideashub.people.models import Organisation, Team, User

PERIODS = {"30d": 30, "90d": 90, "365d": 365, "all": None}
PERIOD_LABELS = {"30d": _l("the last 30 days"), "90d": _l("the last 90 days"), "365d": _l("the last 12 months"), "all": _l("all time")}
TOP_BY = {"support": _l("Most supported"), "cross_team": _l("Most supported across teams"), "trending": _l("Trending")}


class BadFilter(ServiceError):
    status = 400
    code = "bad_request"


@dataclass(frozen=True)
class Scope:
    """Which ideas and contributions a figure covers."""

    period: str = "365d"
    organisation_id: int | None = None
    team_id: int | None = None
    tag: str | None = None
    challenge_id: int | None = None

    def since(self, now: datetime) -> datetime | None:
        days = PERIODS[self.period]
        return now - timedelta(days=days) if days else None

    def idea_conditions(self, now: datetime, dated=Idea.created_at) -> list:
        conds = [Idea.is_listed]
        since = self.since(now)
        if since is not None:
            conds.append(dated >= since)
        if self.organisation_id:
            conds.append(Idea.organisation_id == self.organisation_id)
        if self.team_id:
            conds.append(Idea.team_id == self.team_id)
        if self.tag:
            conds.append(
                Idea.id.in_(select(IdeaTag.idea_id).join(Tag, Tag.id == IdeaTag.tag_id).where(Tag.name == self.tag))
            )
        if self.challenge_id:
            conds.append(
                Idea.id.in_(select(ChallengeEntry.idea_id).where(ChallengeEntry.challenge_id == self.challenge_id))
            )
        return conds

    def first_month(self, now: datetime) -> date | None:
        since = self.since(now)
        return month_of(since) if since else None

    def args(self, **extra) -> dict:
        args = {
            "period": self.period,
            "organisation": self.organisation_id,
            "team": self.team_id,
            "tag": self.tag,
            "challenge": self.challenge_id,
        }
        args.update(extra)
        return {k: v for k, v in args.items() if v not in (None, "")}


def _int(args: Mapping, name: str) -> int | None:
    raw = args.get(name)
    if raw in (None, ""):
        return None
    number = whole_number(raw)
    if number is None:
        raise BadFilter(_("%(name)s must be a number.", name=name), {name: _("Must be a whole number.")})
    return number


def scope_from_args(args: Mapping, default_period: str = "365d") -> Scope:
    period = args.get("period") or default_period
    if period not in PERIODS:
        raise BadFilter(_("period must be one of: %(choices)s", choices=", ".join(PERIODS)), {"period": _("Choose 30d, 90d, 365d or all.")})
    tag = (args.get("tag") or "").strip().lower()[:40] or None
    return Scope(period, _int(args, "organisation"), _int(args, "team"), tag, _int(args, "challenge"))


# --- Top ideas ------------------------------------------------------------------------


def top_idea_ids(scope: Scope, by: str, now: datetime, limit: int = 20) -> list[int]:
    """The ids of the ideas ranked by support, by support from other teams, or by trending."""
    if by not in TOP_BY:
        raise BadFilter(_("by must be support, cross_team or trending."), {"by": _("Choose support, cross_team or trending.")})
    order = {
        "support": [Idea.supporters_count.desc(), Idea.id.desc()],
        "cross_team": [Idea.cross_team_supporters_count.desc(), Idea.supporters_count.desc(), Idea.id.desc()],
        "trending": [Idea.trend.desc(), Idea.id.desc()],
    }[by]
    return list(db.session.scalars(select(Idea.id).where(*scope.idea_conditions(now)).order_by(*order).limit(limit)))


def ideas_in_order(ids: list[int]) -> list[Idea]:
    """The ideas with these ids, in this order, loaded as the board and the API list load them."""
    found = load_cards(ids)
    return [found[i] for i in ids if i in found]


def top_ideas(scope: Scope, by: str, now: datetime, limit: int = 20) -> list[Idea]:
    """Ideas ranked by support, by support from other teams, or by trending."""
    return ideas_in_order(top_idea_ids(scope, by, now, limit))


# --- The pipeline and the hearing: one scan ---------------------------------------------


def _days_between(later, earlier):
    """SQL for the days between two timestamps, as a float, on either database."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


@dataclass(frozen=True)
class IdeaGroup:
    """The ideas of one column and one team in a scope, summed up by the database."""

    stage: str
    team_id: int
    ideas: int
    days_in_stage: float  # summed over the group's ideas
    due: int  # past their hearing period
    heard_in_time: int
    waiting: int  # past their hearing period, still being heard, nobody heard them


def idea_groups(scope: Scope, settings: HearingSettings, now: datetime) -> list[IdeaGroup]:
    """One aggregate scan of the scope's ideas, grouped by column and team.

    The pipeline, the hearing's counts and each team's ideas are sums of these
    few hundred groups, so the page reads the ideas of a period once (through
    the covering index ``ix_ideas_insights``) instead of once per figure.
    """
    naive_now = literal(now.replace(tzinfo=None))
    due = idea_queries.past_hearing_days(settings, now)
    in_time = and_(due, Idea.heard_at.is_not(None), _days_between(Idea.heard_at, Idea.created_at) <= settings.days)
    waiting = and_(*idea_queries.needs_hearing(settings, now))

    def tally(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    # coalesce() keeps SQLite from walking ix_ideas_team in team order to save a sort, which
    # reads every row of the table; the sort of a few hundred groups costs nothing.
    team = func.coalesce(Idea.team_id, 0)
    rows = db.session.execute(
        select(
            Idea.stage,
            team,
            func.count(),
            func.coalesce(func.sum(cast(_days_between(naive_now, Idea.stage_changed_at), Float)), 0.0),
            tally(due),
            tally(in_time),
            tally(waiting),
        )
        .where(*scope.idea_conditions(now))
        .group_by(Idea.stage, team)
    ).all()
    return [
        IdeaGroup(Stage(stage).value, team_id, n, float(days), int(d), int(h), int(w))
        for stage, team_id, n, days, d, h, w in rows
    ]


def pipeline_from(groups: list[IdeaGroup]) -> list[dict]:
    """For each column: how many ideas, and how long (on average) they have waited in it."""
    counts: dict[str, int] = {}
    days: dict[str, float] = {}
    for g in groups:
        counts[g.stage] = counts.get(g.stage, 0) + g.ideas
        days[g.stage] = days.get(g.stage, 0.0) + g.days_in_stage
    return [
        {
            "stage": stage.value,
            "count": counts.get(stage.value, 0),
            "average_days": round(days[stage.value] / counts[stage.value], 1) if counts.get(stage.value) else None,
        }
        for stage in BOARD_STAGES
    ]


def pipeline(scope: Scope, now: datetime) -> list[dict]:
    return pipeline_from(idea_groups(scope, HearingSettings(), now))


def hearing_from(scope: Scope, groups: list[IdeaGroup], now: datetime) -> dict:
    """Are ideas being heard? Share heard within their period, time to first response, waiting."""
    due = sum(g.due for g in groups)
    heard_in_time = sum(g.heard_in_time for g in groups)
    return {
        "ideas_due": due,
        "heard_in_time": heard_in_time,
        "share_heard_in_time": round(heard_in_time / due, 3) if due else None,
        "median_days_to_first_response": median_days_to_first_response(scope.idea_conditions(now)),
        "waiting_for_a_hearing": sum(g.waiting for g in groups),
    }


def hearing(scope: Scope, settings: HearingSettings, now: datetime) -> dict:
    return hearing_from(scope, idea_groups(scope, settings, now), now)


def median_days_to_first_response(conds: list) -> float | None:
    gap = _days_between(Idea.first_response_at, Idea.created_at)
    answered = [*conds, Idea.first_response_at.is_not(None)]
    if db.session.get_bind().dialect.name == "postgresql":
        value = db.session.scalar(select(func.percentile_cont(0.5).within_group(gap)).where(*answered))
        return round(float(value), 1) if value is not None else None
    n = db.session.scalar(select(func.count()).where(*answered))
    if not n:
        return None
    middle = db.session.scalars(select(gap).where(*answered).order_by(gap).limit(2 - n % 2).offset((n - 1) // 2)).all()
    return round(sum(middle) / len(middle), 1)


# --- Decisions -------------------------------------------------------------------------


def decision_ids(scope: Scope, now: datetime, limit: int = 12) -> list[int]:
    """The latest parks and declines (their ids), newest first."""
    conds = [*scope.idea_conditions(now, dated=Idea.decided_at), Idea.decided_at.is_not(None),
             Idea.stage.in_(CLOSING_STAGES)]
    return list(db.session.scalars(select(Idea.id).where(*conds).order_by(Idea.decided_at.desc(), Idea.id.desc()).limit(limit)))


def decisions(scope: Scope, now: datetime, limit: int = 12) -> list[Idea]:
    """The latest parks and declines, with their reasons."""
    return ideas_in_order(decision_ids(scope, now, limit))


# --- The cross-boundary picture ---------------------------------------------------------


@dataclass
class Matrix:
    teams: list[tuple[int, str, str]]  # id, team, organisation
    supports: list[list[int]]
    responses: list[list[int]]

    @property
    def max(self) -> int:
        return max([v for row in self.supports for v in row] + [0])

    def as_data(self) -> dict:
        return {"teams": [list(t) for t in self.teams], "supports": self.supports, "responses": self.responses}

    @classmethod
    def from_data(cls, data: dict) -> Matrix:
        return cls([tuple(t) for t in data["teams"]], data["supports"], data["responses"])


def _flow_conditions(scope: Scope, now: datetime) -> list:
    conds = []
    first = scope.first_month(now)
    if first:
        conds.append(TeamFlow.month >= first)
    return conds


def matrix(scope: Scope, now: datetime) -> Matrix:
    """Supports and responses from each team (rows) to each team's ideas (columns)."""
    teams_q = select(Team.id, Team.name, Organisation.name).join(Organisation).order_by(Organisation.name, Team.name)
    if scope.organisation_id:
        teams_q = teams_q.where(Team.organisation_id == scope.organisation_id)
    conds = _flow_conditions(scope, now)
    if scope.team_id:
        conds.append((TeamFlow.from_team_id == scope.team_id) | (TeamFlow.to_team_id == scope.team_id))
    rows = db.session.execute(
        select(TeamFlow.from_team_id, TeamFlow.to_team_id, func.sum(TeamFlow.supports), func.sum(TeamFlow.responses))
        .where(*conds)
        .group_by(TeamFlow.from_team_id, TeamFlow.to_team_id)
    ).all()
    teams = [tuple(t) for t in db.session.execute(teams_q)]
    if scope.team_id:
        involved = {scope.team_id} | {a for a, b, *_ in rows} | {b for a, b, *_ in rows}
        teams = [t for t in teams if t[0] in involved]
    index = {t[0]: i for i, t in enumerate(teams)}
    supports = [[0] * len(teams) for _ in teams]
    responses = [[0] * len(teams) for _ in teams]
    for from_team, to_team, s, r in rows:
        if from_team in index and to_team in index:
            supports[index[from_team]][index[to_team]] = int(s or 0)
            responses[index[from_team]][index[to_team]] = int(r or 0)
    return Matrix(teams, supports, responses)


def participation(scope: Scope, now: datetime, groups: list[IdeaGroup] | None = None) -> list[dict]:
    """For each team: ideas posted, and supports and responses given to other teams' ideas."""
    ideas: dict[int, int] = {}
    for g in groups if groups is not None else idea_groups(scope, HearingSettings(), now):
        ideas[g.team_id] = ideas.get(g.team_id, 0) + g.ideas
    given = {
        team: (int(s or 0), int(r or 0))
        for team, s, r in db.session.execute(
            select(TeamFlow.from_team_id, func.sum(TeamFlow.supports), func.sum(TeamFlow.responses))
            .where(*_flow_conditions(scope, now), TeamFlow.from_team_id != TeamFlow.to_team_id)
            .group_by(TeamFlow.from_team_id)
        ).all()
    }
    teams_q = select(Team.id, Team.name, Organisation.id, Organisation.name).join(Organisation).order_by(Organisation.name, Team.name)
    if scope.organisation_id:
        teams_q = teams_q.where(Team.organisation_id == scope.organisation_id)
    if scope.team_id:
        teams_q = teams_q.where(Team.id == scope.team_id)
    return [
        {
            "team": {"id": tid, "name": tname},
            "organisation": {"id": oid, "name": oname},
            "ideas": ideas.get(tid, 0),
            "supports_given": given.get(tid, (0, 0))[0],
            "responses_given": given.get(tid, (0, 0))[1],
        }
        for tid, tname, oid, oname in db.session.execute(teams_q)
    ]


def giver_rows(scope: Scope, now: datetime, limit: int = 10) -> list[list[int]]:
    """[user id, supports, builds, offers, total] of the people who most support and build on other teams' ideas."""
    total = func.sum(GiverMonth.supports + GiverMonth.builds + GiverMonth.offers)
    conds = []
    first = scope.first_month(now)
    if first:
        conds.append(GiverMonth.month >= first)
    q = (
        select(GiverMonth.user_id, func.sum(GiverMonth.supports), func.sum(GiverMonth.builds), func.sum(GiverMonth.offers), total)
        .where(*conds)
        .group_by(GiverMonth.user_id)
        .order_by(total.desc(), GiverMonth.user_id)
        .limit(limit)
    )
    if scope.organisation_id or scope.team_id:
        members = select(User.id).join(Team, Team.id == User.team_id)
        members = members.where(Team.organisation_id == scope.organisation_id) if scope.organisation_id else members
        members = members.where(Team.id == scope.team_id) if scope.team_id else members
        q = q.where(GiverMonth.user_id.in_(members))
    return [[int(v or 0) for v in row] for row in db.session.execute(q).all()]


def givers_from_rows(rows: list[list[int]]) -> list[dict]:
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([r[0] for r in rows]))).unique()}
    return [
        {"person": people[uid], "supports": s, "builds": b, "offers": o, "total": t}
        for uid, s, b, o, t in rows
        if uid in people and t
    ]


def givers(scope: Scope, now: datetime, limit: int = 10) -> list[dict]:
    """The people who most support and build on other teams' ideas."""
    return givers_from_rows(giver_rows(scope, now, limit))


def monthly_trend(scope: Scope, now: datetime, months: int = 12) -> list[dict]:
    """Ideas posted, supports and responses given, per month for the last ``months`` months."""
    first = month_of(now - timedelta(days=31 * (months - 1)))
    month = func.date(Idea.created_at, "start of month") if db.session.get_bind().dialect.name == "sqlite" else cast(func.date_trunc("month", Idea.created_at), db.Date)
    posted = {
        (m if isinstance(m, date) else date.fromisoformat(m)): n
        for m, n in db.session.execute(
            select(month, func.count())
            .where(*Scope(period="all", organisation_id=scope.organisation_id, team_id=scope.team_id).idea_conditions(now), Idea.created_at >= literal(datetime.combine(first, datetime.min.time())))
            .group_by(month)
        ).all()
    }
    flows = {
        m: (int(s or 0), int(r or 0))
        for m, s, r in db.session.execute(
            select(TeamFlow.month, func.sum(TeamFlow.supports), func.sum(TeamFlow.responses)).where(TeamFlow.month >= first).group_by(TeamFlow.month)
        ).all()
    }
    out, cursor = [], first
    while cursor <= month_of(now):
        out.append({"month": cursor.isoformat(), "ideas": posted.get(cursor, 0), "supports": flows.get(cursor, (0, 0))[0], "responses": flows.get(cursor, (0, 0))[1]})
        cursor = date(cursor.year + (cursor.month // 12), cursor.month % 12 + 1, 1)
    return out
