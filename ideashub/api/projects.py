"""API: projects, their members and updates."""

from __future__ import annotations

from flask import jsonify, url_for

from ideashub.api import bp
from ideashub.api.common import actor, attrs, iso, json_body, ref
from ideashub.core import clock
from ideashub.core.errors import refuse_if_forbidden
from ideashub.extensions import db
from ideashub.projects import queries, rules, services


def project_json(project) -> dict:
    return {
        **attrs(project, "id", "name", "goal", "status"),
        "lead": ref(project.lead),
        "members": [
            {"user": ref(m.user), "team": ref(m.team), "hours_per_week": m.hours_per_week} for m in project.members
        ],
        "protected_hours": project.protected_hours,
        "teams": [ref(t) for t in project.teams],
        "ideas": [{"id": i.id, "title": i.title, "stage": i.stage} for i in project.ideas],
        "challenge_id": project.challenge_id,
        "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at),
        "url": url_for("projects.show", project_id=project.id, _external=True),
    }


@bp.get("/projects")
def list_projects():
    return jsonify({"items": [project_json(p) for p in queries.wall(queries.WallFilters())]})


@bp.get("/projects/<int:project_id>")
def get_project(project_id: int):
    return jsonify(project_json(services.get_project(project_id)))


def _draft(body: dict) -> services.ProjectDraft:
    """A new project from a NewProject body (the schema has checked its shape)."""
    return services.ProjectDraft(
        name=body["name"],
        goal=body["goal"],
        idea_ids=body["idea_ids"],
        lead_id=body["lead_id"],
        members=body.get("members") or [],
        status=body.get("status") or "proposed",
    )


def _changes(body: dict) -> services.ProjectChanges:
    """What a ProjectChanges body changes; a field left out stays as it is."""
    return services.ProjectChanges(
        name=body.get("name"),
        goal=body.get("goal"),
        lead_id=body.get("lead_id"),
        status=body.get("status"),
        members=body.get("members"),
        add_idea_ids=body.get("idea_ids") or [],
        reason=body.get("reason") or "",
    )


@bp.post("/projects")
def create_project():
    refuse_if_forbidden(rules.can_manage(actor()))  # who may, before what they sent: 403, not 422
    project = services.create_project(actor(), _draft(json_body("NewProject")), clock.now())
    db.session.commit()
    return jsonify(project_json(project)), 201


@bp.patch("/projects/<int:project_id>")
def change_project(project_id: int):
    refuse_if_forbidden(rules.can_manage(actor()))  # who may, before what they sent: 403, not 422
    project = services.change_project(actor(), project_id, _changes(json_body("ProjectChanges")), clock.now())
    db.session.commit()
    return jsonify(project_json(project))


@bp.post("/projects/<int:project_id>/updates")
def post_project_update(project_id: int):
    refuse_if_forbidden(rules.can_post_update(actor(), services.get_project(project_id)))  # who may, before what they sent: 403, not 422
    body = json_body("NewProjectUpdate")
    update = services.post_update(actor(), project_id, body["body"], clock.now())
    db.session.commit()
    return jsonify({"id": update.id, "project_id": project_id, "author": ref(update.author), "body": update.body, "created_at": iso(update.created_at)}), 201
