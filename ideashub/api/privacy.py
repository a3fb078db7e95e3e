"""API: people's rights. Admins approve an erasure request with the same service as
``/admin/erasures``; who may is asked before the request is looked up."""

from __future__ import annotations

from flask import jsonify

from ideashub.api import bp
from ideashub.api.common import actor, iso, ref
from ideashub.core import clock
from ideashub.core.errors import refuse_if_forbidden
from ideashub.extensions import db
from ideashub.privacy import rules, services


def erasure_json(request) -> dict:
    return {
        "id": request.id,
        "user": ref(request.user),
        "status": request.status,
        "requested_at": iso(request.requested_at),
        "decided_at": iso(request.decided_at),
        "decided_by": ref(request.decided_by),
    }


@bp.post("/erasure-requests/<int:erasure_id>/approve")
def approve_erasure(erasure_id: int):
    refuse_if_forbidden(rules.can_handle_erasures(actor()))
    request = services.approve_erasure(actor(), erasure_id, clock.now())
    db.session.commit()
    return jsonify(erasure_json(request))
