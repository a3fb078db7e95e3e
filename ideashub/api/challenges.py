"""API: challenges, posting and bringing in ideas, dot votes, the shortlist, decisions."""

from __future__ import annotations

from flask import jsonify, url_for

from ideashub.api import bp
from ideashub.api.common import actor, attrs, iso, json_body, optional_date, ref
from ideashub.challenges import queries, rules, services
from ideashub.core import clock
from ideashub.core.errors import refuse_if_forbidden
from ideashub.extensions import db


def challenge_json(challenge, with_ideas: bool = False) -> dict:
    sprint = services.clock_of(challenge, clock.now())
    data = {
        **attrs(challenge, "id", "title", "question", "background"),
        "sponsor": ref(challenge.sponsor),
        "facilitator": ref(challenge.facilitator),
        "starts_on": sprint.starts_on.isoformat(),
        "ends_on": sprint.ends_on.isoformat(),
        "day": sprint.day,
        "phase": sprint.phase,
        "purpose": sprint.purpose,
        "next_change": iso(sprint.next_change),
        "timezone": challenge.timezone,
        "votes_per_person": challenge.votes_per_person,
        "team_ids": sorted(challenge.invited_team_ids),
        "organisation_ids": sorted(challenge.invited_organisation_ids),
        "url": url_for("challenges.show", challenge_id=challenge.id, _external=True),
    }
    if with_ideas:
        mine = queries.my_votes(challenge.id, actor().id)
        data["ideas"] = [entry_json(e, e.idea_id in mine) for e in queries.entries_of(challenge.id)]
        data["votes_used"] = len(mine)
    return data


def entry_json(entry, voted: bool = False) -> dict:
    return {
        "idea_id": entry.idea_id,
        "title": entry.idea.title,
        "stage": entry.idea.stage,
        "votes": entry.votes_count,
        "voted": voted,
        "shortlisted": entry.shortlisted_at is not None,
        "responders": entry.idea.responders_count,
        "decision": (
            {
                "outcome": entry.outcome,
                "reason": entry.decision_reason,
                "learned": entry.learned,
                "revisit_on": entry.revisit_on.isoformat() if entry.revisit_on else None,
                "project_id": entry.project_id,
                "decided_at": iso(entry.decided_at),
            }
            if entry.outcome
            else None
        ),
    }


@bp.get("/challenges")
def list_challenges():
    groups = queries.all_challenges(services.clock_of, clock.now())
    items = [challenge_json(item.challenge) for key in ("running", "upcoming", "finished") for item in groups[key]]
    return jsonify({"items": items})


def _draft(body: dict) -> services.ChallengeDraft:
    """A new challenge from a NewChallenge body (the schema has checked its shape)."""
    return services.ChallengeDraft(
        title=body["title"],
        question=body["question"],
        background=body.get("background") or "",
        starts_on=optional_date(body["starts_on"], "starts_on"),
        sponsor_id=body["sponsor_id"],
        facilitator_id=body["facilitator_id"],
        team_ids=body.get("team_ids") or [],
        organisation_ids=body.get("organisation_ids") or [],
    )


@bp.post("/challenges")
def create_challenge():
    refuse_if_forbidden(rules.can_create(actor()))  # who may, before what they sent: 403, not 422
    challenge = services.create_challenge(actor(), _draft(json_body("NewChallenge")), clock.now())
    db.session.commit()
    return jsonify(challenge_json(challenge)), 201


@bp.get("/challenges/<int:challenge_id>")
def get_challenge(challenge_id: int):
    return jsonify(challenge_json(services.get_challenge(challenge_id), with_ideas=True))


@bp.post("/challenges/<int:challenge_id>/ideas")
def bring_in(challenge_id: int):
    refuse_if_forbidden(rules.can_facilitate(actor(), services.get_challenge(challenge_id)))  # who may, before what they sent: 403, not 422
    body = json_body("BringIn")
    entry = services.bring_in(actor(), challenge_id, body["idea_id"], clock.now())
    db.session.commit()
    return jsonify(entry_json(entry)), 201


@bp.put("/challenges/<int:challenge_id>/votes/<int:idea_id>")
def vote(challenge_id: int, idea_id: int):
    services.vote(actor(), challenge_id, idea_id, clock.now())
    db.session.commit()
    return jsonify(_vote_state(challenge_id, idea_id))


@bp.delete("/challenges/<int:challenge_id>/votes/<int:idea_id>")
def unvote(challenge_id: int, idea_id: int):
    services.unvote(actor(), challenge_id, idea_id, clock.now())
    db.session.commit()
    return jsonify(_vote_state(challenge_id, idea_id))


def _vote_state(challenge_id: int, idea_id: int) -> dict:
    challenge = services.get_challenge(challenge_id)
    entry = services.entry_for(challenge, idea_id)
    used = queries.votes_used(challenge_id, actor().id)
    return {
        "idea_id": idea_id,
        "votes": entry.votes_count,
        "voted": idea_id in queries.my_votes(challenge_id, actor().id),
        "votes_used": used,
        "votes_left": challenge.votes_per_person - used,
    }


@bp.post("/challenges/<int:challenge_id>/shortlist")
def shortlist(challenge_id: int):
    refuse_if_forbidden(rules.can_facilitate(actor(), services.get_challenge(challenge_id)))  # who may, before what they sent: 403, not 422
    body = json_body("Shortlist")
    services.shortlist(actor(), challenge_id, body["idea_ids"], clock.now())
    db.session.commit()
    return jsonify(challenge_json(services.get_challenge(challenge_id), with_ideas=True))


def _decision(body: dict) -> services.Decision:
    """The decision a ChallengeDecision body takes, with the project it may start."""
    project = body.get("project") or {}
    return services.Decision(
        outcome=body["outcome"],
        reason=body.get("reason") or "",
        learned=body.get("learned") or "",
        revisit_on=optional_date(body.get("revisit_on"), "revisit_on"),
        project_name=project.get("name") or "",
        project_goal=project.get("goal") or "",
        lead_id=project.get("lead_id"),
        members=project.get("members") or [],
    )


@bp.post("/challenges/<int:challenge_id>/decisions")
def decide(challenge_id: int):
    refuse_if_forbidden(rules.can_decide(actor(), services.get_challenge(challenge_id)))  # who may, before what they sent: 403, not 422
    body = json_body("ChallengeDecision")
    entry = services.decide(actor(), challenge_id, body["idea_id"], _decision(body), clock.now())
    db.session.commit()
    return jsonify(entry_json(entry)), 201
