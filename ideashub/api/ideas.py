"""API: ideas, support, responses and activity."""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for

from ideashub.api import bp
from ideashub.api.common import actor, attrs, iso, json_body, next_page_url, ref, refuse_long_args
from ideashub.challenges import services as challenges
from ideashub.core import clock, limits, shared
from ideashub.core.activity import MODERATORS, PUBLIC
from ideashub.core.errors import refuse_if_forbidden
from ideashub.core.i18n import language
from ideashub.extensions import db
from ideashub.ideas import queries, rules, services, wellbeing
from ideashub.ideas.services import hearing_for
from ideashub.people.permissions import can_moderate, can_see_hidden


def idea_json(idea, supported: bool | str) -> dict:
    """An idea as the API shows it; a hidden idea's text is shown to moderators only.

    ``supported`` is the reader's, or a slot for it in a page shared by every reader (core.shared).
    """
    if idea.hidden_at is not None and not can_see_hidden(actor()):
        return _redacted(idea, supported)
    return _idea_fields(idea, supported)


def _redacted(idea, supported: bool) -> dict:
    data = _idea_fields(idea, supported)
    data.update(title="Hidden by a moderator", problem="", proposal="", benefit="", tags=[])
    if "wellbeing" in data:
        data["wellbeing"] = wellbeing.Links().as_json()
    return data


def _idea_fields(idea, supported: bool) -> dict:
    return {
        **attrs(idea, "id", "title", "problem", "proposal", "benefit", "language"),
        "tags": idea.tag_names,
        "stage": idea.stage,
        "author": ref(idea.author),
        "team": ref(idea.team),
        "organisation": ref(idea.organisation),
        "supporters": idea.supporters_count,
        "supporting_teams": idea.supporting_teams_count,
        "responses": idea.responses_count,
        "hearing": hearing_for(idea).as_dict(),
        "created_at": iso(idea.created_at),
        "updated_at": iso(idea.updated_at),
        "withdrawn": idea.withdrawn_at is not None,
        "merged_into": idea.merged_into_id,
        "decision": (
            {"reason": idea.decision_reason, "revisit_on": idea.revisit_on.isoformat() if idea.revisit_on else None}
            if idea.decision_reason
            else None
        ),
        "supported": supported,
        "hidden": idea.hidden_at is not None,
        "hidden_reason": idea.hidden_reason if idea.hidden_at is not None else None,
        "version": idea.version,
        "url": url_for("ideas.show", idea_id=idea.id, _external=True),
        **_wellbeing_of(idea),
    }


def _wellbeing_of(idea) -> dict:
    """The idea's well-being goals and ways of working, when the hub shows them (WELLBEING_GOALS)."""
    return {"wellbeing": wellbeing.links_of(idea.id).as_json()} if wellbeing.enabled() else {}


def _wellbeing_from(body: dict, idea_id: int | None = None) -> wellbeing.Links | None:
    """The links a request body asks for, checked (422 for an unknown code); None: leave them, as
    when the hub does not show the goals (then, as on the form, they are not taken). A list left
    out of an edit stays as it is."""
    if "wellbeing" not in body or not wellbeing.enabled():
        return None
    given = body["wellbeing"] or {}
    current = wellbeing.links_of(idea_id) if idea_id is not None else wellbeing.Links()
    return wellbeing.checked(given.get("goals", current.goals), given.get("ways", current.ways))


def _one(idea) -> dict:
    return idea_json(idea, services.is_supporter(actor().id, idea.id))


def response_json(response) -> dict:
    """A response; a hidden one's text goes to moderators only."""
    hidden = response.hidden_at is not None and not can_see_hidden(actor())
    return {
        **attrs(response, "id", "idea_id", "parent_id", "kind", "language"),
        "body": None if hidden else response.body,
        "suggestion": None if hidden else response.suggestion,
        "hours": None if hidden else response.hours,
        "author": ref(response.author),
        "team": ref(response.team),
        "organisation": ref(response.team.organisation) if response.team else None,
        "created_at": iso(response.created_at),
        "hidden": response.hidden_at is not None,
        "hidden_reason": response.hidden_reason,
        "edited_at": iso(response.edited_at) if response.edited_at else None,
    }


def _idea_text(body: dict, current=None) -> services.IdeaText:
    """The idea's text from a request body (challenge_id is read by the caller)."""
    def pick(name, default=""):
        if name in body:
            return body[name]
        return getattr(current, name) if current is not None else default

    return services.IdeaText(
        title=pick("title"),
        problem=pick("problem"),
        proposal=pick("proposal"),
        benefit=pick("benefit") or "",
        tags=body.get("tags", current.tag_names if current is not None else []),
        language=body.get("language"),
    )


@bp.get("/ideas")
def list_ideas():
    refuse_long_args(q=200, tag=40)
    filters = queries.filters_from_args(request.args, strict=True)
    page, per_page = queries.page_args(request.args)
    stage = request.args.get("stage") or None
    # Everyone asking for this page (the same address, language, and whether hidden text shows)
    # shares one JSON text; "supported" is each reader's own, filled in from one small query.
    parts = ("api-list", request.host_url, request.full_path, language(), can_see_hidden(actor()))
    shared_page = shared.kept(parts, lambda: _list_page(filters, stage, page, per_page))
    supported = shared.theirs(shared_page, actor().id, lambda: queries.supported_by(actor().id, list(shared_page.ids)))
    text = shared.fill_json(shared_page, {"supported": lambda idea_id: idea_id in supported})
    return current_app.response_class(text, mimetype="application/json")


def _list_page(filters, stage: str | None, page: int, per_page: int) -> shared.Page:
    items, counted = queries.list_ideas(filters, stage, page, per_page)
    if wellbeing.enabled():
        wellbeing.prefetch([i.id for i in items])
    capped = counted > queries.TOTAL_CAP
    total = min(counted, queries.TOTAL_CAP)
    deepest = page * per_page > queries.MAX_OFFSET  # the next page would be past what paging reaches
    now = clock.now()
    changes = [hearing_for(i, now).changes_at(now) for i in items]
    body = {
        "items": [idea_json(i, shared.json_slot("supported", i.id)) for i in items],
        "total": total,
        "total_capped": capped,
        "next": None if deepest else next_page_url(
            "api.list_ideas", page, per_page, total, stage=stage, **filters.query_args()
        ),
    }
    return shared.Page(
        text=current_app.json.response(body).get_data(as_text=True),
        ids=tuple(i.id for i in items),
        until=shared.first_change(changes),
    )


@bp.post("/ideas")
@limits.post_idea
def post_idea():
    refuse_if_forbidden(rules.can_post(actor()))  # who may, before what they sent: 403, not 422
    body = json_body("NewIdea")
    links = _wellbeing_from(body)
    if body.get("challenge_id") is not None:
        idea = challenges.post_idea(actor(), body["challenge_id"], _idea_text(body), clock.now())
    else:
        idea = services.post_idea(actor(), _idea_text(body), clock.now())
    if links is not None:
        wellbeing.set_links(idea.id, links)
    db.session.commit()
    return jsonify(_one(idea)), 201, {"Location": url_for("api.get_idea", idea_id=idea.id)}


@bp.get("/ideas/<int:idea_id>")
def get_idea(idea_id: int):
    return jsonify(_one(services.get_idea(idea_id)))


@bp.patch("/ideas/<int:idea_id>")
def edit_idea(idea_id: int):
    refuse_if_forbidden(rules.can_edit(actor(), services.get_idea(idea_id)))  # who may, before what they sent: 403, not 422
    body = json_body("IdeaChanges")
    links = _wellbeing_from(body, idea_id)
    current = services.get_idea(idea_id)
    idea = services.edit_idea(actor(), idea_id, _idea_text(body, current), clock.now())
    if links is not None:
        wellbeing.set_links(idea.id, links)
    db.session.commit()
    return jsonify(_one(idea))


@bp.put("/ideas/<int:idea_id>/support")
@limits.support
def support(idea_id: int):
    services.support_idea(actor(), idea_id, clock.now())
    db.session.commit()
    return jsonify(_one(services.get_idea(idea_id)))


@bp.delete("/ideas/<int:idea_id>/support")
@limits.support
def withdraw_support(idea_id: int):
    services.withdraw_support(actor(), idea_id, clock.now())
    db.session.commit()
    return jsonify(_one(services.get_idea(idea_id)))


@bp.get("/ideas/<int:idea_id>/responses")
def list_responses(idea_id: int):
    idea = services.get_idea(idea_id)
    if idea.hidden_at is not None and not can_see_hidden(actor()):
        return jsonify({"items": []})  # as on the page: a hidden idea shows only its notice
    return jsonify({"items": [response_json(r) for r in queries.responses_of(idea.id)]})


@bp.post("/ideas/<int:idea_id>/responses")
@limits.respond
def respond(idea_id: int):
    body = json_body("NewResponse")
    text = services.ResponseText(
        kind=body["kind"],
        body=body["body"],
        suggestion=body.get("suggestion") or "",
        hours=body.get("hours"),
        parent_id=body.get("parent_id"),
        language=body.get("language"),
    )
    response = services.respond(actor(), idea_id, text, clock.now())
    db.session.commit()
    return jsonify(_with_mentions(response)), 201


def _with_mentions(response) -> dict:
    """A response just posted or edited, with what became of its @mentions."""
    return {**response_json(response), "mentions": response.mention_outcome.as_json()}


@bp.patch("/responses/<int:response_id>")
@limits.respond
def edit_response(response_id: int):
    """Change your own response while the idea is being heard; the earlier text is kept."""
    current = services.get_response(response_id)
    # Who may, before what they sent: someone else's response is a 403, not a 422 about its fields.
    refuse_if_forbidden(services.response_edit_decision(actor(), current, services.get_idea(current.idea_id), clock.now()))
    body = json_body("ResponseChanges")
    text = services.ResponseText(
        kind=current.kind,
        body=body.get("body", current.body),
        suggestion=body.get("suggestion", current.suggestion) or "",
        hours=body.get("hours", current.hours),
    )
    response = services.edit_response(actor(), response_id, text, clock.now())
    db.session.commit()
    return jsonify(_with_mentions(response))


@bp.get("/ideas/<int:idea_id>/activity")
def idea_activity(idea_id: int):
    idea = services.get_idea(idea_id)
    entries = queries.idea_activity(idea.id, include_moderators=can_moderate(actor()))
    return jsonify(
        {
            "items": [
                {
                    "id": e.id,
                    "at": iso(e.at),
                    "action": e.action,
                    "actor": ref(e.actor),
                    "reason": e.reason,
                    "data": e.data or {},
                    "visibility": e.visibility if e.visibility in (PUBLIC, MODERATORS) else PUBLIC,
                }
                for e in entries
            ]
        }
    )
