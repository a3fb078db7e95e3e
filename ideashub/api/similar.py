"""API: similar ideas, for a typed title and problem or for an idea (``matching.similar``)."""

from __future__ import annotations

from flask import jsonify, request

from ideashub.api import bp
from ideashub.api.common import actor
from ideashub.api.ideas import idea_json
from ideashub.core import limits
from ideashub.core.errors import Invalid
from ideashub.core.i18n import _
from ideashub.core.text import whole_number
from ideashub.ideas import queries, services
from ideashub.matching import similar


def _limit() -> int | None:
    """``limit`` from the query string: None when absent, 422 when it is not a whole number from 1 to 10."""
    raw = request.args.get("limit")
    if raw in (None, ""):
        return None
    number = whole_number(raw, low=0, high=10**6)
    if number is None:
        message = _("Ask for between %(low)s and %(high)s similar ideas.", low=1, high=similar.LIMIT_MAX)
        raise Invalid(message, {"limit": message})
    return similar.check_limit(number)


def _items(matches: list[similar.Match]):
    supported = queries.supported_by(actor().id, [m.idea.id for m in matches])
    return jsonify({"items": [
        {"idea": idea_json(m.idea, m.idea.id in supported), "score": m.score, "reason": m.reason} for m in matches
    ]})


@bp.get("/ideas/similar")
@limits.suggest
def similar_ideas():
    """Ideas like a title (and problem) being typed, best first; none when the text is like no idea."""
    limit = _limit()
    return _items(similar.similar_for_typing(request.args.get("title", ""), request.args.get("problem", ""), limit=limit))


@bp.get("/ideas/<int:idea_id>/similar")
@limits.suggest
def similar_to_idea(idea_id: int):
    """Ideas like this one (itself left out), best first."""
    limit = _limit()
    return _items(similar.similar_for_idea(actor(), services.get_idea(idea_id), limit=limit))
