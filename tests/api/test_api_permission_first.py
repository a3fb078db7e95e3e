"""Who may, before what they sent: on every write endpoint of the API, a person the
endpoint is not for gets 403 for an invalid body, never a 422 that describes the
fields of something they may not do. Endpoints open to any member answer the same
invalid body with 422 (the other side)."""

from __future__ import annotations

import pytest

from ideashub.api.openapi import document
from ideashub.extensions import db as _db

# The write operations any member may call (their own idea, a response, a report, a vote...).
OPEN_TO_MEMBERS = {
    "postIdea", "respond", "reportIdea", "reportResponse", "createToken",
    "putNotificationSettings",  # your own email settings
}
INVALID = {"not_a_field": "\u2603"}


def _write_operations():
    for path, item in document()["paths"].items():
        for method, op in item.items():
            if method in {"post", "put", "patch", "delete"} and "page-scripts" not in op.get("tags", []):
                content = (op.get("requestBody") or {}).get("content") or {}
                if "application/json" in content:
                    yield op["operationId"], method, path


OPERATIONS = sorted(_write_operations())


@pytest.fixture
def world(make_user, make_idea, make_response, make_challenge, clock):
    from ideashub.projects import services as projects

    member, author = make_user(), make_user()
    idea = make_idea(author=author)
    response = make_response(idea)
    challenge = make_challenge()
    moderator = make_user(role="moderator")
    project = projects.create_project(moderator, projects.ProjectDraft(
        name="A project", goal="Show that the API asks who before what.", idea_ids=[make_idea().id],
        lead_id=author.id, members=[]), clock.now())
    _db.session.commit()
    ids = {"idea_id": idea.id, "response_id": response.id, "challenge_id": challenge.id, "project_id": project.id,
           "user_id": author.id, "organisation_id": author.team.organisation_id,
           "webhook_id": 1}  # admins' webhooks: refused before the id is looked up
    return member, ids


def test_every_write_operation_is_known():
    assert {op for op, _, _ in OPERATIONS} >= OPEN_TO_MEMBERS
    assert len(OPERATIONS) > len(OPEN_TO_MEMBERS)


@pytest.mark.parametrize(("operation", "method", "path"), OPERATIONS, ids=[op for op, _, _ in OPERATIONS])
def test_a_member_sending_an_invalid_body_hears_who_may_first(api, world, operation, method, path):
    member, ids = world
    url = "/api/v1" + path.format(**ids)
    caller = api(member) if operation != "createToken" else api(None)
    answer = getattr(caller, method)(url, json=INVALID)
    assert answer.status_code in (403, 422), (operation, answer.status_code, answer.get_json())
    if operation in OPEN_TO_MEMBERS:
        assert answer.status_code == 422, (operation, answer.get_json())
        assert answer.get_json()["error"]["fields"]
    else:
        assert answer.status_code == 403, (operation, answer.get_json())
        assert "fields" not in answer.get_json()["error"] or not answer.get_json()["error"]["fields"]
