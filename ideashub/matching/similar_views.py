"""Similar ideas on the pages: the list while typing a new idea (the page script's JSON), the
check step before posting, the idea page's panel, the merge form's choices, and the
moderators' *Look again* list.

Ideas, the hearing and their templates stand below matching: they reach what is here only
through what this module registers when the app starts (the check before posting, and the
template globals ``similar_panel`` and ``similar_ideas_to``). The URL rules are listed
together at the end of the module.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from ideashub.core import limits
from ideashub.core.errors import ensure
from ideashub.core.handlers import for_page_scripts, run, script_answer
from ideashub.core.templating import local_date
from ideashub.core.text import whole_number
from ideashub.hearing.rules import can_triage
from ideashub.ideas import posting, queries
from ideashub.ideas import rules as idea_rules
from ideashub.matching import similar

bp = Blueprint("similar", __name__)


def _supported(matches: list[similar.Match]) -> set[int]:
    return queries.supported_by(current_user.id, [m.idea.id for m in matches])


def match_json(match: similar.Match, supported: set[int]) -> dict:
    """One similar idea as the typing list's script draws it (``SimilarIdeaItem`` in the OpenAPI document)."""
    idea = match.idea
    return {
        "id": idea.id,
        "title": idea.title,
        "url": url_for("ideas.show", idea_id=idea.id),
        "stage": idea.stage,
        "stage_label": match.stage_label,
        "reason": match.reason,
        "decision_reason": match.decision_reason,
        "revisit_on": match.revisit_on.isoformat() if match.revisit_on else None,
        "revisit_label": local_date(match.revisit_on) if match.revisit_on else None,
        "supported": idea.id in supported,
        "can_support": bool(idea_rules.can_support(current_user, idea)) and idea.id not in supported,
        "support_url": url_for("ideas.support", idea_id=idea.id),
        "build_url": build_url(idea.id),
    }


def build_url(idea_id: int) -> str:
    """The idea's page, at its response form, with "Builds on it" chosen."""
    return url_for("ideas.show", idea_id=idea_id, respond="build", _anchor="response-form")


@for_page_scripts(methods=("GET",))
@limits.suggest
def typing():
    """Similar ideas for what is typed into a new idea's title and problem (JSON for similar.js)."""
    outcome = run(lambda: similar.similar_for_typing(request.args.get("title", ""), request.args.get("problem", "")))

    def answer(matches):
        supported = _supported(matches)
        return {"items": [match_json(m, supported) for m in matches]}

    return script_answer(outcome, answer)


def _check_before_posting(title: str, problem: str) -> posting.Shown | None:
    """The check step of a new idea (``ideas.posting``): "These look similar", or None to post it."""
    matches = similar.similar_for_typing(title, problem)
    if not matches:
        return None
    return posting.Shown("matching/_similar_check.html", {
        "matches": matches, "supported": _supported(matches), "can_support": _can_support, "build_url": build_url})


def _can_support(idea) -> bool:
    return bool(idea_rules.can_support(current_user, idea))


def similar_panel(idea) -> dict:
    """For the idea page's panel: up to 5 similar ideas, and the newer similar ideas posted since
    this one was parked or declined."""
    return {
        "matches": similar.safely(similar.similar_for_idea, current_user, idea, reuse=True),
        "notices": similar.safely(similar.notices_for, current_user, idea),
    }


def similar_ideas_to(idea, limit: int = 5) -> list[similar.Match]:
    """For the merge form: the ideas most like ``idea`` that it could be merged into (on the board)."""
    return [m for m in similar.safely(similar.similar_for_idea, current_user, idea, limit=limit, reuse=True)
            if m.idea.is_listed]


def look_again():
    """Moderators: parked and declined ideas to look at again, those with a newer similar idea first."""
    ensure(can_triage(current_user))
    page = whole_number(request.args.get("page"), low=1) or 1
    items, total = similar.look_again(page)
    pages = max(1, -(-total // similar.LOOK_AGAIN_PAGE))
    return render_template("matching/look_again.html", items=items, total=total, page=min(page, pages), pages=pages)


# Every URL of the feature's similar-ideas pages, at a glance.
URLS = [
    ("/ideas/similar", "typing", typing, ["GET"]),
    ("/hearing/look-again", "look_again", look_again, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)


@bp.record_once
def _register(state):
    # The new-idea pages (ideas, challenges) ask before posting; the idea page and the merge
    # form (ideas, hearing) draw similar ideas through these globals, without importing matching.
    posting.check(_check_before_posting)
    state.app.jinja_env.globals.update(
        similar_panel=similar_panel, similar_ideas_to=similar_ideas_to, similar_typing_url=lambda: url_for("similar.typing"))
