"""API: the insights figures, the ideas export and the top ideas."""

from __future__ import annotations

from flask import Response, jsonify, request, stream_with_context

from ideashub.api import bp
from ideashub.api.common import actor, ref, refuse_long_args
from ideashub.api.ideas import idea_json
from ideashub.core import clock
from ideashub.core.errors import ensure
from ideashub.core.i18n import _
from ideashub.core.text import whole_number
from ideashub.ideas.queries import supported_by
from ideashub.insights import exports, queries, rules, services


@bp.get("/insights")
def insights():
    ensure(rules.can_see_insights(actor()))
    scope = queries.scope_from_args(request.args)
    data = services.dashboard(scope, clock.now())
    matrix = data["matrix"]
    top = data["top"]
    mine = supported_by(actor().id, [i.id for i in top])
    return jsonify(
        {
            "period": scope.period,
            "pipeline": {row["stage"]: row["count"] for row in data["pipeline"]},
            "waiting": {row["stage"]: row["average_days"] for row in data["pipeline"]},
            "hearing": data["hearing"],
            "top": [idea_json(i, i.id in mine) for i in top],
            "cross_team": {
                "teams": [{"id": t[0], "name": t[1], "organisation": t[2]} for t in matrix.teams],
                "supports": matrix.supports,
                "responses": matrix.responses,
            },
            "participation": data["participation"],
            "givers": [
                {"person": ref(g["person"]), "team": ref(g["person"].team), "supports": g["supports"], "builds": g["builds"], "offers": g["offers"]}
                for g in data["givers"]
            ],
            "decisions": [
                {"idea_id": i.id, "title": i.title, "stage": i.stage, "reason": i.decision_reason,
                 "decided_at": i.decided_at.isoformat().replace("+00:00", "Z") if i.decided_at else None,
                 "revisit_on": i.revisit_on.isoformat() if i.revisit_on else None}
                for i in data["decisions"]
            ],
            "challenges": [
                {"id": row["item"].challenge.id, "title": row["item"].challenge.title, "phase": row["item"].clock.phase,
                 "day": row["item"].clock.day, "ideas": row["item"].ideas, "outcomes": row["outcomes"]}
                for key in ("running", "finished")
                for row in data["challenges"][key]
            ],
            "projects": data["projects"],
            "trend": data["trend"],
        }
    )


@bp.get("/insights/ideas.csv")
def insights_ideas_csv():
    ensure(rules.can_see_insights(actor()))
    scope = queries.scope_from_args(request.args, default_period="all")
    return Response(
        stream_with_context(exports.ideas_csv(scope, clock.now(), for_programs=True)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="ideas.csv"'},
    )


def _limit(raw: str | None) -> int:
    """How many top ideas: 20 unless asked; more than 100 is 100, as it always was."""
    if raw in (None, ""):
        return 20
    number = whole_number(raw, high=10**9)
    if number is None:
        raise queries.BadFilter(_("%(name)s must be a whole number from %(low)s to %(high)s.", name="limit", low=1, high=100),
                                {"limit": _("Use a whole number from %(low)s to %(high)s.", low=1, high=100)})
    return min(number, 100)


@bp.get("/ideas/top")
def top_ideas():
    refuse_long_args(tag=40)
    scope = queries.scope_from_args(request.args, default_period="all")
    by = request.args.get("by") or "support"
    items = queries.top_ideas(scope, by, clock.now(), limit=_limit(request.args.get("limit")))
    mine = supported_by(actor().id, [i.id for i in items])
    return jsonify({"by": by, "items": [idea_json(i, i.id in mine) for i in items]})
