"""API: people who could help with an idea, and invitations to hear it.

The same services as the idea page's "People who could help" panel and the moderators'
queue (``matching.invitations``); who may is asked before the body is read.
"""

from __future__ import annotations

from flask import jsonify

from ideashub.api import bp
from ideashub.api.common import actor, iso, json_body, ref, user_json
from ideashub.core import clock
from ideashub.core.errors import NotFound, refuse_if_forbidden
from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.ideas import services as ideas
from ideashub.matching import engine, invitations
from ideashub.people.permissions import can_see_hidden

HELPERS_LIMIT = 5


def _idea(idea_id: int):
    """The idea, as the caller may see it: a hidden idea is not found for those who cannot read it."""
    idea = ideas.get_idea(idea_id)
    if idea.hidden_at is not None and not can_see_hidden(actor()):
        raise NotFound(_("There is no idea with that number."))
    return idea


def _may_read_note(invitation, idea) -> bool:
    """A note is between the inviter and the invitee; the idea's author and moderators read it too."""
    me = actor()
    return me.id in (invitation.user_id, invitation.invited_by_id, idea.author_id) or can_see_hidden(me)


def invitation_json(invitation, note: bool = True) -> dict:
    return {
        "id": invitation.id,
        "idea_id": invitation.idea_id,
        "user": ref(invitation.user),
        "invited_by": ref(invitation.invited_by),
        "status": invitation.status,
        "note": (invitation.note or "") if note else None,
        "created_at": iso(invitation.created_at),
        "answered_at": iso(invitation.answered_at),
    }


@bp.get("/ideas/<int:idea_id>/helpers")
def idea_helpers(idea_id: int):
    idea = _idea(idea_id)
    found = engine.helpers_for(idea, limit=HELPERS_LIMIT)
    return jsonify({"items": [
        {"user": user_json(h.user), "score": float(h.score), "reasons": list(h.reasons)} for h in found
    ]})


@bp.post("/ideas/<int:idea_id>/invitations")
def invite(idea_id: int):
    idea = _idea(idea_id)
    refuse_if_forbidden(invitations.can_invite(actor(), idea))  # who may, before what they sent
    body = json_body("InvitationRequest")
    made = invitations.invite(actor(), idea.id, body["user_ids"], body.get("note") or "", clock.now())
    db.session.commit()
    return jsonify({"items": [invitation_json(i) for i in made]}), 201


@bp.get("/ideas/<int:idea_id>/invitations")
def list_invitations(idea_id: int):
    idea = _idea(idea_id)
    return jsonify({"items": [invitation_json(i, _may_read_note(i, idea)) for i in invitations.invitations_to(idea.id)]})


@bp.post("/invitations/<int:invitation_id>/decline")
def decline_invitation(invitation_id: int):
    invitation = invitations.decline(actor(), invitation_id, clock.now())
    db.session.commit()
    return jsonify(invitation_json(invitation))
