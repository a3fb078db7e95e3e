"""Top ideas (everyone), the insights dashboard, exports and the printable brief."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request, stream_with_context, url_for
from flask_login import current_user
from markupsafe import Markup

from ideashub.challenges import queries as cq
from ideashub.challenges import services as cs
from ideashub.core import clock
from ideashub.core.errors import ensure
from ideashub.core.i18n import _, _l, language
from ideashub.ideas import wellbeing as goals
from ideashub.ideas.models import STAGE_LABELS, Stage
from ideashub.ideas.queries import all_tags
from ideashub.insights import charts, exports, queries, rules, services, wellbeing
from ideashub.people.services import teams_by_organisation

bp = Blueprint("insights", __name__, url_prefix="/insights")


def _filters():
    return {"organisations": teams_by_organisation(), "tags": all_tags(), "periods": queries.PERIOD_LABELS}


def top():
    scope = queries.scope_from_args(request.args, default_period="all")
    by = request.args.get("by") or "support"
    if by not in queries.TOP_BY:
        by = "support"
    now = clock.now()
    return render_template(
        "insights/top.html",
        scope=scope,
        by=by,
        ideas=queries.top_ideas(scope, by, now, limit=30),
        ways=queries.TOP_BY,
        challenges=_challenge_choices(now),
        **_filters(),
    )


def _challenge_choices(now):
    groups = cq.all_challenges(cs.clock_of, now)
    return [item.challenge for key in ("running", "finished", "upcoming") for item in groups[key]]


def _board_url(board: str, scope, anchor: str = "", **days) -> str:
    """The board (at ``board``) filtered like the figure: the same organisation, team and tag, and the days of posting."""
    args = {"organisation": scope.organisation_id, "team": scope.team_id, "tag": scope.tag, **days}
    query = urlencode({k: v for k, v in args.items() if v})
    # Built from one url_for per page: thirty calls of it were most of the charts' time.
    return board + ("?" + query if query else "") + anchor


def _month_days(first: date) -> dict:
    last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
    return {"from": first.isoformat(), "to": last.isoformat()}


def _charts(data, now) -> dict:
    pipeline = data["pipeline"]
    trend = data["trend"]
    matrix = data["matrix"]
    scope = data["scope"]
    since = scope.since(now)
    posted = {"from": clock.local(since).date().isoformat()} if since else {}
    months = [date.fromisoformat(m["month"][:10]) for m in trend]
    board = url_for("ideas.board")
    month_links = [_board_url(board, scope, **_month_days(m)) for m in months]
    return {
        "funnel": charts.funnel(
            "chart-pipeline",
            _("Ideas in each column of the board"),
            [(row["stage"], str(STAGE_LABELS[Stage(row["stage"])]), row["count"]) for row in pipeline],
            links={row["stage"]: _board_url(board, scope, f"#col-{row['stage']}", **posted) for row in pipeline},
        ),
        "trend": _trend_chart(
            tuple(months),
            tuple((str(name), tuple(m[key] for m in trend)) for name, key in TREND_SERIES),
            tuple(month_links),
            language(),
        ),
        # For the table under the chart: each month by name, linked like its bars.
        "months": [(charts.month_name(m), link) for m, link in zip(months, month_links, strict=True)],
        "heat": _heat_map(
            tuple(t[1] for t in matrix.teams), tuple(map(tuple, matrix.supports)),
            tuple(f"{board}?team={t[0]}" for t in matrix.teams),
            language(),
        ),
        "matrix_table": _matrix_table(
            tuple(map(tuple, matrix.teams)), tuple(map(tuple, matrix.supports)), tuple(map(tuple, matrix.responses)),
            language(),
        ),
    }


TREND_SERIES = ((_l("Ideas posted"), "ideas"), (_l("Supports"), "supports"), (_l("Responses"), "responses"))


@lru_cache(maxsize=64)
def _trend_chart(months: tuple, series: tuple, links: tuple, lang: str) -> Markup:
    # The same twelve months draw the same picture: drawn once per change of the figures (and language).
    return charts.monthly(
        "chart-trend", _("Ideas, supports and responses per month"), list(months),
        [(name, list(values)) for name, values in series], list(links),
    )


@lru_cache(maxsize=64)
def _heat_map(labels: tuple, values: tuple, links: tuple, lang: str):
    # Drawing 40 teams' 1,600 cells was a fifth of the page's time; the same figures draw the same picture.
    return charts.heat_map(
        "chart-matrix",
        _("Supports from each team (rows) to each team's ideas (columns)"),
        list(labels),
        [list(row) for row in values],
        list(links),
    )


@lru_cache(maxsize=64)
def _matrix_table(teams: tuple, supports: tuple, responses: tuple, lang: str) -> Markup:
    # The same for everyone who sees these figures, and 3,200 cells at 40 teams: most of the
    # page's rendering time when drawn on every view.
    html = render_template("insights/_matrix_table.html", teams=teams, supports=supports, responses=responses)
    return Markup(html)  # noqa: S704  # nosec B704 - the output of an autoescaped template


def dashboard():
    ensure(rules.can_see_insights(current_user))
    scope = queries.scope_from_args(request.args)
    data = services.dashboard(scope, clock.now())
    by_goal = wellbeing.by_goal(scope, clock.now()) if goals.enabled() else None  # WELLBEING_GOALS
    return render_template("insights/dashboard.html", data=data, charts=_charts(data, clock.now()), by_goal=by_goal, **_filters())


def brief():
    ensure(rules.can_see_insights(current_user))
    scope = queries.scope_from_args(request.args)
    data = services.dashboard(scope, clock.now())
    return render_template("insights/brief.html", data=data, charts=_charts(data, clock.now()))


def _csv(lines, filename: str) -> Response:
    return Response(
        stream_with_context(lines),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def ideas_csv():
    ensure(rules.can_see_insights(current_user))
    scope = queries.scope_from_args(request.args, default_period="all")
    return _csv(exports.ideas_csv(scope, clock.now()), f"ideas-{clock.today().isoformat()}.csv")


def matrix_csv():
    ensure(rules.can_see_insights(current_user))
    scope = queries.scope_from_args(request.args)
    return _csv(exports.matrix_csv(queries.matrix(scope, clock.now())), f"cross-team-{clock.today().isoformat()}.csv")


def wellbeing_csv():
    """Ideas, supports and decisions by well-being goal (only when the hub shows the goals)."""
    if not goals.enabled():
        abort(404)
    ensure(rules.can_see_insights(current_user))
    scope = queries.scope_from_args(request.args)
    lines = wellbeing.goals_csv(wellbeing.by_goal(scope, clock.now()))
    return _csv(lines, wellbeing.filename(clock.today()))


@bp.app_template_global()
def insights_url(endpoint: str, scope, **extra) -> str:
    return url_for(endpoint, **scope.args(**extra))


URLS = [
    ("/", "dashboard", dashboard, ["GET"]),
    ("/top", "top", top, ["GET"]),
    ("/brief", "brief", brief, ["GET"]),
    ("/ideas.csv", "ideas_csv", ideas_csv, ["GET"]),
    ("/matrix.csv", "matrix_csv", matrix_csv, ["GET"]),
    ("/wellbeing.csv", "wellbeing_csv", wellbeing_csv, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
